/**
 * The setup lifecycle, whatever the cloud: every reference, plan and record is a union
 * discriminated by `cloud`, made of the clouds' own schemas (clouds/setup-schemas.ts).
 */
import { z } from 'zod';
import { CloudId } from '../../../provisioners/core/setup.schema';
import { CLOUD_SCHEMAS as clouds } from '../clouds/setup-schemas';
import { PlanId } from './ids';

export { CloudId, PlanId };

/** Whose credentials, in a cloud (a profile, a tenant and subscription…). */
export const CloudAccount = z.discriminatedUnion('cloud', clouds.account);
export type CloudAccount = z.infer<typeof CloudAccount>;

/** Where a deployed setup is, with the credentials to reach it. */
export const SetupRef = z.discriminatedUnion('cloud', clouds.ref);
export type SetupRef = z.infer<typeof SetupRef>;

export const SetupPlanInput = z.discriminatedUnion('cloud', clouds.planInput);
export type SetupPlanInput = z.input<typeof SetupPlanInput>;

/** A plan as Review shows it: the neutral envelope (blockers, warnings, takeover) and the cloud's details. */
export const SetupPlan = z.discriminatedUnion('cloud', clouds.plan);
export type SetupPlan = z.infer<typeof SetupPlan>;

/** The config a deployed setup was made from, read from its record in the cloud. */
export const SetupConfigRead = z.discriminatedUnion('cloud', clouds.config);
export type SetupConfigRead = z.infer<typeof SetupConfigRead>;

/** A deployed setup's outputs, under the Terraform's names. */
export const SetupOutputsRead = z.discriminatedUnion('cloud', clouds.outputs);
export type SetupOutputsRead = z.infer<typeof SetupOutputsRead>;

export const SetupSummary = z.union(clouds.summary);
export type SetupSummary = z.infer<typeof SetupSummary>;

export const SetupList = z.object({
  setups: z.array(SetupSummary),
  /** Places that could not be read (an SCP, a disabled region), with the reason. */
  unreadable: z.array(z.object({ where: z.string(), reason: z.string() })),
});
export type SetupList = z.infer<typeof SetupList>;

export const StartedOperation = z.object({
  operationId: z.string(),
  /** What cancelling this operation does, in words, or why it cannot be cancelled. */
  cancelMeaning: z.string(),
  cancellable: z.boolean(),
  /** The setup it works on: enough to follow it again after the app restarts. */
  target: SetupRef.optional(),
  plannedChanges: z.number().int().nonnegative().optional(),
});
export type StartedOperation = z.infer<typeof StartedOperation>;
