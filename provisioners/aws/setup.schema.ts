/**
 * The AWS setup lifecycle as wire types: where a setup is (its reference), what a plan shows
 * (change-set rows and IAM documents), what a deployed setup outputs, and what deploy and
 * teardown return. One zod schema each; the provisioner and the contract share them.
 */
import { z } from 'zod';
import { PlanEnvelope } from '../core/setup.schema';
import { AwsSetupConfig, Region } from './schema';

export const StackName = z
  .string()
  .max(128, 'is longer than a stack name can be')
  .regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, 'not a CloudFormation stack name');

/** A named profile from ~/.aws/config or ~/.aws/credentials. */
export const AwsProfileName = z
  .string()
  .min(1, 'profile name is empty')
  .max(128, 'profile name is longer than 128 characters')
  .regex(/^[A-Za-z0-9_.+@:/=,-]+$/, 'profile names may contain letters, digits and _.+@:/=,- only');

/** Whose credentials: the profile name (or the default chain when absent). */
export const AwsAccountRef = z.object({ cloud: z.literal('aws'), profile: AwsProfileName.optional() }).strict();
export type AwsAccountRef = z.infer<typeof AwsAccountRef>;

/** Where a setup is: the credentials to reach it, its region and its stack. */
export const AwsSetupRef = z
  .object({
    cloud: z.literal('aws'),
    profile: AwsProfileName.optional(),
    region: Region,
    stackName: StackName,
    /** The stack's id, once known: follows the stack even after it is deleted and made again. */
    stackId: z.string().max(2048).optional(),
  })
  .strict();
export type AwsSetupRef = z.infer<typeof AwsSetupRef>;

export const PlanRow = z.object({
  action: z.enum(['Add', 'Modify', 'Remove', 'Import', 'Dynamic', 'SyncWithActual']),
  logicalId: z.string(),
  resourceType: z.string(),
  physicalId: z.string().optional(),
  /** For Modify: whether the resource is replaced (`True`), maybe (`Conditional`) or not. */
  replacement: z.enum(['True', 'False', 'Conditional']).optional(),
  /** What changes, e.g. `Properties.PolicyDocument`, `Metadata`. */
  details: z.array(z.string()),
});
export type PlanRow = z.infer<typeof PlanRow>;

export const PolicyChange = z.object({
  /** Stable key: `<logicalId>:<kind>`. */
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
  /** Grants that appear, as `<action> on <resource>` lines. */
  added: z.array(z.string()),
  /** Grants that disappear. */
  removed: z.array(z.string()),
});
export type PolicyChange = z.infer<typeof PolicyChange>;

export const OidcPlanSummary = z.object({
  /** create: the stack creates it; ours: the stack created it earlier; reuse: it exists outside the stack. */
  mode: z.enum(['create', 'ours', 'reuse']),
  arn: z.string().optional(),
  /** The reused provider lacks Studio's audience, which the deploy adds (outside the stack). */
  addAudience: z.boolean(),
});

/** An AWS plan as Review shows it: the neutral envelope plus CloudFormation's and IAM's details. */
export const AwsPlanView = PlanEnvelope.extend({
  cloud: z.literal('aws'),
  stackName: z.string(),
  region: z.string(),
  action: z.enum(['create', 'update']).optional(),
  nextStep: z.string().optional(),
  oidc: OidcPlanSummary,
  rows: z.array(PlanRow),
  policies: z.array(PolicyChange),
  outsideStack: z.array(z.string()),
  templateBytes: z.number().int().optional(),
  /** The config the plan was made from, with what preflight decided (reused provider, thumbprints). */
  config: AwsSetupConfig.optional(),
});
export type AwsPlanView = z.infer<typeof AwsPlanView>;

export const AwsSetupOutputs = z.object({
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
export type AwsSetupOutputs = z.infer<typeof AwsSetupOutputs>;

/** The `result` of a finished deploy operation. */
export const AwsDeployResult = z.object({
  stackId: z.string(),
  stackName: z.string(),
  status: z.string(),
  outputs: AwsSetupOutputs,
});
export type AwsDeployResult = z.infer<typeof AwsDeployResult>;

export const LeftAlone = z.object({ kind: z.literal('oidc-provider'), id: z.string(), reason: z.string() });
export type LeftAlone = z.infer<typeof LeftAlone>;

/** The `result` of a finished teardown operation. */
export const AwsTeardownResult = z.object({
  stackId: z.string(),
  stackName: z.string(),
  deleted: z.array(z.string()),
  leftAlone: z.array(LeftAlone),
});
export type AwsTeardownResult = z.infer<typeof AwsTeardownResult>;

/** A setup this app made, as the dashboard lists it. */
export const AwsSetupSummary = z.object({
  ref: AwsSetupRef,
  status: z.string(),
  updatedAt: z.string().optional(),
  description: z.string().optional(),
  /** The Studio team it trusts, from the stack's tags (absent on setups made before the tag). */
  team: z.string().optional(),
  /**
   * Not a setup: the empty stack a plan makes for review (REVIEW_IN_PROGRESS), left by a plan that
   * was never deployed nor discarded. Nothing was created in it; it can only be removed.
   */
  unfinishedReview: z.literal(true).optional(),
});
export type AwsSetupSummary = z.infer<typeof AwsSetupSummary>;
