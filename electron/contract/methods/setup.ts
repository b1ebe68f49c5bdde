import { z } from 'zod';
import { IssuerCheck } from '../../../provisioners/core/issuer.schema';
import { IssuerHost } from '../../../provisioners/core/studio.schema';
import {
  CloudAccount,
  PlanId,
  SetupConfigRead,
  SetupList,
  SetupOutputsRead,
  SetupPlan,
  SetupPlanInput,
  SetupRef,
  StartedOperation,
} from '../schemas/setup';
import type { MethodSpec } from './spec';

/**
 * The setup lifecycle, one set of methods for every cloud: each takes a reference or input
 * discriminated by `cloud`, and the core routes it to that cloud's provider.
 */
export const setupMethods = {
  'studio.issuer.check': {
    summary: "Read the OIDC issuer's discovery document and the thumbprints of its TLS chain.",
    input: z.object({ issuer: IssuerHost }).strict(),
    output: IssuerCheck,
  },
  'setup.plan': {
    summary: 'Preflight the setup and prepare its plan: what will change, with every permission. Changes nothing.',
    input: SetupPlanInput,
    output: SetupPlan,
  },
  'setup.discardPlan': {
    summary: 'Throw a plan away (on AWS, deletes its change set).',
    input: z.object({ planId: PlanId }).strict(),
    output: z.object({ discarded: z.boolean() }),
  },
  'setup.deploy': {
    summary: 'Apply a reviewed plan; progress arrives as operation events. A takeover needs confirmTakeover.',
    input: z.object({ planId: PlanId, confirmTakeover: z.boolean().optional() }).strict(),
    output: StartedOperation,
  },
  'setup.attach': {
    summary: 'Follow a deploy that was running when the app closed (never starts it again).',
    input: z
      .object({ target: SetupRef, plannedChanges: z.number().int().nonnegative().max(10_000).optional() })
      .strict(),
    output: StartedOperation,
  },
  'setup.outputs': {
    summary: "The deployed setup's outputs under the Terraform's names.",
    input: z.object({ target: SetupRef }).strict(),
    output: SetupOutputsRead,
  },
  'setup.config': {
    summary: "The config a deployed setup was made from, read from the setup's record in the cloud.",
    input: z.object({ target: SetupRef }).strict(),
    output: SetupConfigRead,
  },
  'setup.teardown': {
    summary:
      'Delete the setup (only one this app made); progress arrives as operation events. With resume, finish a teardown that was running when the app quit (follow the deletion, never start one, then clean up after it).',
    input: z.object({ target: SetupRef, resume: z.boolean().optional() }).strict(),
    output: StartedOperation,
  },
  'setups.list': {
    summary: 'Setups this app made that the signed-in account can see.',
    input: z.object({ account: CloudAccount }).strict(),
    output: SetupList,
  },
} as const satisfies Record<string, MethodSpec>;
