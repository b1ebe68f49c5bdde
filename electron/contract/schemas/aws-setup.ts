/**
 * The AWS setup lifecycle as the renderer sees it: plan (a reviewable change set), deploy and
 * teardown (operations), outputs. The config rules are the provisioner's own (provisioners/aws/schema.ts).
 */
import { z } from 'zod';
import { AwsSetupConfig, IssuerHost } from '../../../provisioners/aws/schema';
import { AwsProfileName, AwsRegion } from './aws';

export { AwsSetupConfig };

export const StackName = z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, 'not a CloudFormation stack name');
export const PlanId = z.string().regex(/^plan_[A-Za-z0-9_-]{8,64}$/, 'not a plan id');

/** Which credentials and where: every setup call names them, so main can build clients. */
export const SetupTarget = z
  .object({
    profile: AwsProfileName.optional(),
    region: AwsRegion,
    stackName: StackName,
  })
  .strict();
export type SetupTarget = z.infer<typeof SetupTarget>;

export const Finding = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  field: z.string().optional(),
  link: z.string().optional(),
});

export const PlanRow = z.object({
  action: z.enum(['Add', 'Modify', 'Remove', 'Import', 'Dynamic', 'SyncWithActual']),
  logicalId: z.string(),
  resourceType: z.string(),
  physicalId: z.string().optional(),
  replacement: z.enum(['True', 'False', 'Conditional']).optional(),
  details: z.array(z.string()),
});
export type PlanRow = z.infer<typeof PlanRow>;

export const PolicyChange = z.object({
  key: z.string(),
  logicalId: z.string(),
  role: z.string(),
  kind: z.enum(['trust', 'inline', 'managed']),
  name: z.string(),
  change: z.enum(['added', 'removed', 'modified', 'unchanged']),
  /** The document that will apply (absent for a removed policy). */
  document: z.unknown().optional(),
  arns: z.array(z.string()).optional(),
  before: z.unknown().optional(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
});
export type PolicyChange = z.infer<typeof PolicyChange>;

export const SetupPlan = z.object({
  planId: PlanId,
  kind: z.enum(['blocked', 'no-changes', 'changes']),
  stackName: z.string(),
  region: z.string(),
  action: z.enum(['create', 'update']).optional(),
  nextStep: z.string().optional(),
  blockers: z.array(Finding),
  warnings: z.array(Finding),
  oidc: z.object({ mode: z.enum(['create', 'ours', 'reuse']), arn: z.string().optional(), addAudience: z.boolean() }),
  rows: z.array(PlanRow),
  policies: z.array(PolicyChange),
  outsideStack: z.array(z.string()),
  templateBytes: z.number().int().optional(),
  /** What cancelling the deploy of this plan would do. */
  cancelMeaning: z.string().optional(),
  /** The config the plan was made from, with what preflight decided (reused provider, thumbprints). */
  config: AwsSetupConfig.optional(),
});
export type SetupPlan = z.infer<typeof SetupPlan>;

export const SetupOutputs = z.object({
  datachain_aws_region: z.string(),
  datachain_oidc_compute_role_arn: z.string(),
  datachain_oidc_storage_role_arn: z.string(),
  datachain_cluster_role_arn: z.string(),
  datachain_cluster_node_role_arn: z.string(),
  datachain_cluster_vpc_id: z.string(),
  datachain_cluster_subnet_ids: z.array(z.string()),
  datachain_cluster_security_group_ids: z.array(z.string()),
  datachain_cluster_pod_role_arn: z.string(),
  datachain_oidc_provider_arn: z.string(),
  datachain_stack_id: z.string(),
});
export type SetupOutputs = z.infer<typeof SetupOutputs>;

/** The `result` of a finished deploy operation. */
export const DeployResult = z.object({
  stackId: z.string(),
  stackName: z.string(),
  status: z.string(),
  outputs: SetupOutputs,
});
export type DeployResult = z.infer<typeof DeployResult>;

/** The `result` of a finished teardown operation. */
export const TeardownResult = z.object({
  stackId: z.string(),
  stackName: z.string(),
  deleted: z.array(z.string()),
  leftAlone: z.array(z.object({ kind: z.literal('oidc-provider'), id: z.string(), reason: z.string() })),
});
export type TeardownResult = z.infer<typeof TeardownResult>;

export const StartedOperation = z.object({
  operationId: z.string(),
  /** What cancelling this operation does, in words, or why it cannot be cancelled. */
  cancelMeaning: z.string(),
  cancellable: z.boolean(),
  /** The stack a deploy works on: enough to follow it again after the app restarts. */
  stackId: z.string().optional(),
});

/** A setup this app made, as the dashboard lists it. */
export const SetupSummary = z.object({
  region: z.string(),
  stackName: z.string(),
  stackId: z.string(),
  status: z.string(),
  updatedAt: z.string().optional(),
  description: z.string().optional(),
});
export type SetupSummary = z.infer<typeof SetupSummary>;

export const SetupList = z.object({
  setups: z.array(SetupSummary),
  /** Regions that could not be read (an SCP, a disabled region), with the reason. */
  unreadable: z.array(z.object({ region: z.string(), reason: z.string() })),
});
export type SetupList = z.infer<typeof SetupList>;

export const IssuerCheck = z.object({
  issuer: z.string(),
  jwksUri: z.string(),
  hosts: z.array(z.string()),
  thumbprints: z.array(z.string()),
  authorities: z.array(z.object({ host: z.string(), subject: z.string(), selfSigned: z.boolean() })),
});
export type IssuerCheck = z.infer<typeof IssuerCheck>;

export { IssuerHost };
