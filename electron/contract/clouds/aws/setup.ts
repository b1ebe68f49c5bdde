/** The AWS side of the neutral setup lifecycle: references, plan input and view, outputs, results. */
import { z } from 'zod';
import { Revoking } from '../../../../provisioners/core/setup.schema';
import { AwsSetupConfig } from '../../../../provisioners/aws/schema';
import {
  AwsAccountRef,
  AwsPlanView as AwsPlanDetails,
  AwsSetupOutputs,
  AwsSetupRef,
  AwsSetupSummary,
} from '../../../../provisioners/aws/setup.schema';
import { PlanId } from '../../schemas/ids';
import { AwsProfileName } from './session';

export {
  AwsAccountRef,
  AwsDeployResult,
  AwsSetupOutputs,
  AwsSetupRef,
  AwsSetupSummary,
  AwsTeardownResult,
  LeftAlone,
  PlanRow,
  PolicyChange,
  StackName,
} from '../../../../provisioners/aws/setup.schema';
export { AwsSetupConfig };
export type { AwsSetupConfigInput } from '../../../../provisioners/aws/schema';

export const AwsPlanInput = z
  .object({
    cloud: z.literal('aws'),
    profile: AwsProfileName.optional(),
    config: AwsSetupConfig,
    /** Grants the user asked to remove (Manage's revoke); any other removal is a takeover. */
    revoking: Revoking.optional(),
  })
  .strict();

export const AwsPlanView = AwsPlanDetails.extend({ planId: PlanId });
export type AwsPlanView = z.infer<typeof AwsPlanView>;

export const AwsSetupConfigRead = z.object({ cloud: z.literal('aws'), config: AwsSetupConfig });
export const AwsOutputsRead = z.object({ cloud: z.literal('aws'), outputs: AwsSetupOutputs });

/** What the neutral setup schemas take from AWS, in the order the unions list clouds. */
export const awsSetupSchemas = {
  account: AwsAccountRef,
  ref: AwsSetupRef,
  planInput: AwsPlanInput,
  plan: AwsPlanView,
  config: AwsSetupConfigRead,
  outputs: AwsOutputsRead,
  summary: AwsSetupSummary,
} as const;
