/**
 * Deploy in the design note's order, as an async generator of progress events: read again what
 * exists, plan on those reads (so a resumed or repeated deploy does only what is left, and a
 * second deploy of the same config writes nothing), then run each write with its per-object
 * status and visible waits. The setup's record goes into the resource group's tags with the
 * group itself, first, so a deploy that fails halfway leaves nothing the next deploy or teardown
 * cannot find.
 */
import { ProvisionError } from '../core/errors';
import { log, type ProvisionEvent } from '../core/events';
import type { Revoking } from '../core/setup.schema';
import { applyOp, type ApplyDeps } from './apply';
import type { AzureHttp } from './client';
import type { AzureSetupConfig } from './config.schema';
import { outputsOf } from './outputs';
import { computePlan, type Op } from './plan';
import type { AzureDeployResult } from './setup.schema';
import { observe } from './state';

export const CANCEL_MEANING =
  'Cancelling stops after the current step. Everything made so far stays and is found again: deploy again to finish, or tear down.';

const RESOURCE_TYPES: Record<Op['t'], string> = {
  register: 'Microsoft.Resources/providers',
  rg: 'Microsoft.Resources/resourceGroups',
  restore: 'microsoft.graph.application',
  app: 'microsoft.graph.application',
  fic: 'microsoft.graph.federatedIdentityCredential',
  sp: 'microsoft.graph.servicePrincipal',
  owner: 'microsoft.graph.servicePrincipal/owners',
  role: 'Microsoft.Authorization/roleDefinitions',
  roleDelete: 'Microsoft.Authorization/roleDefinitions',
  assign: 'Microsoft.Authorization/roleAssignments',
  unassign: 'Microsoft.Authorization/roleAssignments',
  policyAdd: 'Microsoft.KeyVault/vaults/accessPolicies',
  policyRemove: 'Microsoft.KeyVault/vaults/accessPolicies',
};

export const resourceTypeOf = (op: Op) => RESOURCE_TYPES[op.t];

export interface DeployInput {
  config: AzureSetupConfig;
  setupId: string;
  revoking?: Revoking;
}

export async function* deploySetup(
  http: AzureHttp,
  input: DeployInput,
  options: { signal: AbortSignal; deps?: ApplyDeps },
): AsyncGenerator<ProvisionEvent, AzureDeployResult> {
  const { config } = input;
  const { signal } = options;
  const startWrites = http.writes;
  const waits: string[] = [];
  http.setOnWait((w) => waits.push(`${w.reason} (waiting ${Math.round(w.ms / 1000)} s)`));
  yield { type: 'progress', step: 'Reading what exists', current: 0, total: 1 };
  const observed = await observe(http, config, { signal });
  const plan = computePlan(observed, config, {
    setupId: input.setupId,
    ...(input.revoking ? { revoking: input.revoking } : {}),
  });
  if (plan.blockers.length)
    throw new ProvisionError('CONFLICT', plan.blockers[0]!.message, {
      ...(plan.blockers[0]!.hint ? { hint: plan.blockers[0]!.hint } : {}),
    });
  const ops = plan.ops;
  while (waits.length) yield log(waits.shift()!, 'warn');
  for (const op of ops)
    yield { type: 'resource', logicalId: op.key, resourceType: resourceTypeOf(op), status: 'pending' };
  const ctx = {
    http,
    sub: config.subscriptionId,
    me: observed.me.id,
    uniqueName: observed.names.uniqueName,
    apps: Object.fromEntries(
      (['compute', 'storage'] as const).flatMap((p) => {
        const app = observed.apps[p].app;
        return app ? [[p, { id: app.id, appId: app.appId }]] : [];
      }),
    ),
    sps: Object.fromEntries(
      (['compute', 'storage'] as const).flatMap((p) => {
        const sp = observed.apps[p].sp;
        return sp ? [[p, sp.id]] : [];
      }),
    ),
    signal,
    deps: options.deps ?? {},
  };
  let done = 0;
  for (const op of ops) {
    yield { type: 'progress', step: rowName(plan, op), current: done, total: ops.length };
    yield { type: 'resource', logicalId: op.key, resourceType: resourceTypeOf(op), status: 'in_progress' };
    try {
      const id = yield* applyOp(ctx, op);
      while (waits.length) yield log(waits.shift()!, 'warn');
      yield {
        type: 'resource',
        logicalId: op.key,
        resourceType: resourceTypeOf(op),
        status: op.t === 'unassign' || op.t === 'roleDelete' || op.t === 'policyRemove' ? 'deleted' : 'complete',
        ...(id ? { physicalId: id } : {}),
      };
    } catch (error) {
      while (waits.length) yield log(waits.shift()!, 'warn');
      yield {
        type: 'resource',
        logicalId: op.key,
        resourceType: resourceTypeOf(op),
        status: 'failed',
        reason: 'See the error below; deploying again continues from here.',
      };
      throw error;
    }
    done++;
  }
  yield { type: 'progress', step: 'Done', current: ops.length, total: ops.length };
  const notes: string[] = [];
  if (ops.some((op) => op.t === 'assign' || op.t === 'policyAdd'))
    notes.push('New grants can take a few minutes before Studio can use them.');
  if (ops.some((op) => op.t === 'restore'))
    notes.push('An app was restored from the Entra recycle bin: its client ID is unchanged.');
  const apps = {
    compute: ctx.apps.compute?.appId ?? '',
    storage: ctx.apps.storage?.appId ?? '',
  };
  return {
    ref: {
      cloud: 'azure',
      tenantId: config.tenantId,
      subscriptionId: config.subscriptionId,
      resourceGroup: config.resourceGroup,
    },
    outputs: outputsOf(config, apps),
    writes: http.writes - startWrites,
    notes,
  };
}

function rowName(plan: { rows: { key: string; name: string }[] }, op: Op): string {
  return plan.rows.find((r) => r.key === op.key)?.name ?? op.key;
}
