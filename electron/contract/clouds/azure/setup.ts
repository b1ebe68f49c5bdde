/** The Azure side of the neutral setup lifecycle: references, plan input and view, outputs, results. */
import { z } from 'zod';
import { Revoking } from '../../../../provisioners/core/setup.schema';
import { AzureSetupConfig } from '../../../../provisioners/azure/config.schema';
import {
  AzureAccountRef,
  AzurePlanView as AzurePlanDetails,
  AzureSetupOutputs,
  AzureSetupRef,
  AzureSetupSummary,
} from '../../../../provisioners/azure/setup.schema';
import { PlanId } from '../../schemas/ids';

export {
  AccessPolicyView,
  AzureAccountRef,
  AzureDeployResult,
  AzurePlanRow,
  AzureSetupOutputs,
  AzureSetupRef,
  AzureSetupSummary,
  AzureTeardownResult,
  PermissionCheck as AzurePermissionCheck,
  RoleAssignmentView,
  RoleDefinitionView,
} from '../../../../provisioners/azure/setup.schema';
export { AzureSetupConfig };
export type { AzureSetupConfigInput } from '../../../../provisioners/azure/config.schema';

export const AzurePlanInput = z
  .object({
    cloud: z.literal('azure'),
    tenantId: z.string().max(64),
    subscriptionId: z.string().max(64),
    config: AzureSetupConfig,
    /** Grants the user asked to remove (Manage's revoke); any other removal is a takeover. */
    revoking: Revoking.optional(),
  })
  .strict();

export const AzurePlanView = AzurePlanDetails.extend({ planId: PlanId });
export type AzurePlanView = z.infer<typeof AzurePlanView>;

export const AzureSetupConfigRead = z.object({ cloud: z.literal('azure'), config: AzureSetupConfig });
export const AzureOutputsRead = z.object({ cloud: z.literal('azure'), outputs: AzureSetupOutputs });

/** What the neutral setup schemas take from Azure, in the order the unions list clouds. */
export const azureSetupSchemas = {
  account: AzureAccountRef,
  ref: AzureSetupRef,
  planInput: AzurePlanInput,
  plan: AzurePlanView,
  config: AzureSetupConfigRead,
  outputs: AzureOutputsRead,
  summary: AzureSetupSummary,
} as const;
