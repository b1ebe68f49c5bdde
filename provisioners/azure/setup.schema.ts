/**
 * The Azure setup lifecycle as wire types: where a setup is (its reference), what a plan shows
 * (one row per object with its diff, the role definitions and assignments, the permission
 * pre-check), what a deployed setup outputs (the Terraform's seven names), and what deploy and
 * teardown return. One zod schema each; the provisioner and the contract share them.
 */
import { z } from 'zod';
import { PlanEnvelope } from '../core/setup.schema';
import { AzureSetupConfig, ResourceGroupName, SubscriptionId, TenantId } from './config.schema';
import { ProviderRegistration } from './discovery.schema';
import { AzureNodePoolReport } from './node-pools.schema';

/** Whose credentials: a tenant, and the subscription when one is chosen (else every enabled one). */
export const AzureAccountRef = z
  .object({ cloud: z.literal('azure'), tenantId: TenantId, subscriptionId: SubscriptionId.optional() })
  .strict();
export type AzureAccountRef = z.infer<typeof AzureAccountRef>;

/** Where a setup is: its tenant, subscription and resource group. */
export const AzureSetupRef = z
  .object({
    cloud: z.literal('azure'),
    tenantId: TenantId,
    subscriptionId: SubscriptionId,
    resourceGroup: ResourceGroupName,
  })
  .strict();
export type AzureSetupRef = z.infer<typeof AzureSetupRef>;

export const AzureObjectKind = z.enum([
  'provider',
  'resourceGroup',
  'application',
  'federatedCredential',
  'servicePrincipal',
  'owner',
  'roleDefinition',
  'roleAssignment',
  'accessPolicy',
  'record',
]);
export type AzureObjectKind = z.infer<typeof AzureObjectKind>;

/**
 * What the deploy does to an object: create it, update it (see the changes), nothing, adopt one
 * the Terraform made, restore one from the Entra recycle bin, remove it (a revoke), or nothing
 * because it conflicts with something the user must resolve first.
 */
export const AzureRowAction = z.enum(['create', 'update', 'none', 'adopt', 'restore', 'delete', 'conflict']);
export type AzureRowAction = z.infer<typeof AzureRowAction>;

export const FieldChange = z.object({
  field: z.string(),
  before: z.string().optional(),
  after: z.string().optional(),
});
export type FieldChange = z.infer<typeof FieldChange>;

export const AzurePlanRow = z.object({
  /** Stable key: `<kind>:<what>` (`roleAssignment:storage:<account id>`). */
  key: z.string(),
  kind: AzureObjectKind,
  /** The object's name as Azure shows it. */
  name: z.string(),
  action: AzureRowAction,
  /** The ARM scope or the Graph object it lives in. */
  scope: z.string().optional(),
  /** The object's id when it exists. */
  id: z.string().optional(),
  changes: z.array(FieldChange),
  /** Why (for adopt, restore, conflict and delete), in words. */
  reason: z.string().optional(),
});
export type AzurePlanRow = z.infer<typeof AzurePlanRow>;

/** A custom role as the plan shows it: what it allows and where it may be assigned. */
export const RoleDefinitionView = z.object({
  purpose: z.enum(['compute', 'storage']),
  /** The definition's name (a deterministic GUID, or the Terraform's when adopted). */
  guid: z.string(),
  roleName: z.string(),
  scope: z.string(),
  action: AzureRowAction,
  actions: z.array(z.string()),
  assignableScopes: z.array(z.string()),
  addedActions: z.array(z.string()),
  removedActions: z.array(z.string()),
  addedScopes: z.array(z.string()),
  removedScopes: z.array(z.string()),
});
export type RoleDefinitionView = z.infer<typeof RoleDefinitionView>;

export const RoleAssignmentView = z.object({
  name: z.string(),
  scope: z.string(),
  principal: z.enum(['compute', 'storage']),
  roleName: z.string(),
  roleDefinitionId: z.string(),
  action: AzureRowAction,
});
export type RoleAssignmentView = z.infer<typeof RoleAssignmentView>;

export const AccessPolicyView = z.object({
  vaultId: z.string(),
  vault: z.string(),
  secrets: z.array(z.string()),
  action: AzureRowAction,
});
export type AccessPolicyView = z.infer<typeof AccessPolicyView>;

/**
 * One right the deploy needs, checked before any write: ok, missing (with whom to ask for
 * what), or unknown (Azure would not say; the deploy's own answer is the last word).
 */
export const PermissionCheck = z.object({
  id: z.string(),
  /** What the right is for, in words. */
  what: z.string(),
  /** Where: a scope, or "Microsoft Entra ID". */
  scope: z.string(),
  /** The ARM action or Entra setting checked. */
  action: z.string(),
  status: z.enum(['ok', 'missing', 'unknown']),
  /** What to ask an admin for when it is missing or unknown. */
  askFor: z.string(),
  detail: z.string().optional(),
});
export type PermissionCheck = z.infer<typeof PermissionCheck>;

/** An Azure plan as Review shows it: the neutral envelope plus its objects, roles and rights. */
export const AzurePlanView = PlanEnvelope.extend({
  cloud: z.literal('azure'),
  tenantId: z.string(),
  subscriptionId: z.string(),
  resourceGroup: z.string(),
  location: z.string(),
  /** create: nothing of this setup exists; update: it does (ours or adopted). */
  action: z.enum(['create', 'update']).optional(),
  rows: z.array(AzurePlanRow),
  roles: z.array(RoleDefinitionView),
  assignments: z.array(RoleAssignmentView),
  accessPolicies: z.array(AccessPolicyView),
  permissions: z.array(PermissionCheck),
  providers: z.array(ProviderRegistration),
  nodePools: AzureNodePoolReport.optional(),
  /** How many writes the deploy makes (0: nothing to do). */
  writes: z.number().int(),
  /** The config the plan was made from. */
  config: AzureSetupConfig.optional(),
});
export type AzurePlanView = z.infer<typeof AzurePlanView>;

/** The Terraform's seven outputs, under its names. */
export const AzureSetupOutputs = z.object({
  datachain_compute_azure_subscription_id: z.string(),
  datachain_compute_azure_tenant_id: z.string(),
  datachain_compute_azure_client_id: z.string(),
  datachain_storage_azure_subscription_id: z.string(),
  datachain_storage_azure_tenant_id: z.string(),
  datachain_storage_azure_client_id: z.string(),
  datachain_compute_resource_group: z.string(),
});
export type AzureSetupOutputs = z.infer<typeof AzureSetupOutputs>;

/** The `result` of a finished deploy (or grant/revoke) operation. */
export const AzureDeployResult = z.object({
  ref: z.object({
    cloud: z.literal('azure'),
    tenantId: z.string(),
    subscriptionId: z.string(),
    resourceGroup: z.string(),
  }),
  outputs: AzureSetupOutputs,
  /** How many writes the deploy made (0 when everything was already as planned). */
  writes: z.number().int(),
  notes: z.array(z.string()),
});
export type AzureDeployResult = z.infer<typeof AzureDeployResult>;

export const AzureLeftAlone = z.object({ kind: AzureObjectKind, id: z.string(), reason: z.string() });
export type AzureLeftAlone = z.infer<typeof AzureLeftAlone>;

/** The `result` of a finished teardown. */
export const AzureTeardownResult = z.object({
  ref: z.object({
    cloud: z.literal('azure'),
    tenantId: z.string(),
    subscriptionId: z.string(),
    resourceGroup: z.string(),
  }),
  deleted: z.array(z.string()),
  leftAlone: z.array(AzureLeftAlone),
  /** Deleted app registrations stay in the Entra recycle bin for 30 days (a re-deploy restores them). */
  recycleBin: z.array(z.object({ displayName: z.string(), appId: z.string(), objectId: z.string() })),
  notes: z.array(z.string()),
});
export type AzureTeardownResult = z.infer<typeof AzureTeardownResult>;

/** A setup this app made, as the dashboard lists it. */
export const AzureSetupSummary = z.object({
  ref: AzureSetupRef,
  location: z.string(),
  status: z.string(),
  subscriptionName: z.string().optional(),
  team: z.string().optional(),
  updatedAt: z.string().optional(),
  description: z.string().optional(),
});
export type AzureSetupSummary = z.infer<typeof AzureSetupSummary>;

export { ProviderRegistration };
