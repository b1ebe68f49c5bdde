/**
 * The shapes of the Azure answers this app reads, written from the official contracts (ARM
 * swagger, Graph CSDL): only the fields used, unknown ones passed through. The api-versions are
 * pinned here, one per resource provider.
 */
import { z } from 'zod';

export const API = {
  resources: '2021-04-01',
  subscriptions: '2022-12-01',
  authorization: '2022-04-01',
  storage: '2023-05-01',
  keyVault: '2023-07-01',
  computeSkus: '2021-07-01',
  computeUsage: '2024-07-01',
  aks: '2024-09-01',
} as const;

const Tags = z.record(z.string(), z.string()).nullish();

export const TenantShape = z.object({
  tenantId: z.string(),
  displayName: z.string().nullish(),
  defaultDomain: z.string().nullish(),
});

export const SubscriptionShape = z.object({
  subscriptionId: z.string(),
  tenantId: z.string().nullish(),
  displayName: z.string().nullish(),
  state: z.string().nullish(),
});

export const LocationShape = z.object({
  name: z.string(),
  displayName: z.string().nullish(),
  regionalDisplayName: z.string().nullish(),
  metadata: z
    .object({ regionType: z.string().nullish(), geographyGroup: z.string().nullish() })
    .passthrough()
    .nullish(),
});

export const ProviderShape = z.object({ namespace: z.string().nullish(), registrationState: z.string().nullish() });

export const ResourceGroupShape = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string(),
  tags: Tags,
  properties: z.object({ provisioningState: z.string().nullish() }).passthrough().nullish(),
});
export type ResourceGroupShape = z.infer<typeof ResourceGroupShape>;

export const StorageAccountShape = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string(),
  kind: z.string().nullish(),
  properties: z
    .object({ allowSharedKeyAccess: z.boolean().nullish(), isHnsEnabled: z.boolean().nullish() })
    .passthrough()
    .nullish(),
});

export const AccessPolicyEntry = z.object({
  tenantId: z.string(),
  objectId: z.string(),
  applicationId: z.string().nullish(),
  permissions: z
    .object({
      keys: z.array(z.string()).nullish(),
      secrets: z.array(z.string()).nullish(),
      certificates: z.array(z.string()).nullish(),
      storage: z.array(z.string()).nullish(),
    })
    .passthrough(),
});
export type AccessPolicyEntry = z.infer<typeof AccessPolicyEntry>;

export const VaultShape = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string().nullish(),
  properties: z
    .object({
      tenantId: z.string().nullish(),
      vaultUri: z.string().nullish(),
      enableRbacAuthorization: z.boolean().nullish(),
      accessPolicies: z.array(AccessPolicyEntry).nullish(),
    })
    .passthrough(),
});
export type VaultShape = z.infer<typeof VaultShape>;

export const SecretShape = z.object({
  id: z.string().nullish(),
  name: z.string(),
  properties: z
    .object({
      secretUri: z.string().nullish(),
      contentType: z.string().nullish(),
      attributes: z.object({ enabled: z.boolean().nullish(), updated: z.number().nullish() }).passthrough().nullish(),
    })
    .passthrough()
    .nullish(),
});

export const Permission = z.object({
  actions: z.array(z.string()).nullish(),
  notActions: z.array(z.string()).nullish(),
  dataActions: z.array(z.string()).nullish(),
  notDataActions: z.array(z.string()).nullish(),
});
export type Permission = z.infer<typeof Permission>;

export const RoleDefinitionShape = z.object({
  id: z.string(),
  name: z.string(),
  properties: z
    .object({
      roleName: z.string().nullish(),
      description: z.string().nullish(),
      type: z.string().nullish(),
      permissions: z.array(Permission).nullish(),
      assignableScopes: z.array(z.string()).nullish(),
    })
    .passthrough(),
});
export type RoleDefinitionShape = z.infer<typeof RoleDefinitionShape>;

export const RoleAssignmentShape = z.object({
  id: z.string(),
  name: z.string(),
  properties: z
    .object({
      scope: z.string().nullish(),
      roleDefinitionId: z.string(),
      principalId: z.string(),
      principalType: z.string().nullish(),
      description: z.string().nullish(),
    })
    .passthrough(),
});
export type RoleAssignmentShape = z.infer<typeof RoleAssignmentShape>;

/** One entry of Resources_ListByResourceGroup: anything tracked in a group (not role assignments). */
export const GroupResourceShape = z.object({
  id: z.string().max(2000),
  name: z.string().max(400),
  type: z.string().max(400),
});

export const ManagedClusterShape = z.object({ id: z.string(), name: z.string() });

export const SkuShape = z.object({
  resourceType: z.string().nullish(),
  name: z.string(),
  family: z.string().nullish(),
  locations: z.array(z.string()).nullish(),
  locationInfo: z
    .array(z.object({ location: z.string().nullish(), zones: z.array(z.string()).nullish() }).passthrough())
    .nullish(),
  capabilities: z.array(z.object({ name: z.string(), value: z.string() })).nullish(),
  restrictions: z
    .array(
      z
        .object({ type: z.string().nullish(), reasonCode: z.string().nullish(), values: z.array(z.string()).nullish() })
        .passthrough(),
    )
    .nullish(),
});
export type SkuShape = z.infer<typeof SkuShape>;

export const UsageShape = z.object({
  name: z.object({ value: z.string(), localizedValue: z.string().nullish() }),
  currentValue: z.number(),
  limit: z.number(),
});
export type UsageShape = z.infer<typeof UsageShape>;

// Graph

export const MeShape = z.object({
  id: z.string(),
  userPrincipalName: z.string().nullish(),
  displayName: z.string().nullish(),
});

export const ApplicationShape = z.object({
  id: z.string(),
  appId: z.string(),
  displayName: z.string().nullish(),
  uniqueName: z.string().nullish(),
  notes: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  signInAudience: z.string().nullish(),
  api: z.object({ requestedAccessTokenVersion: z.number().nullish() }).passthrough().nullish(),
  deletedDateTime: z.string().nullish(),
});
export type ApplicationShape = z.infer<typeof ApplicationShape>;

export const FicShape = z.object({
  id: z.string().nullish(),
  name: z.string(),
  issuer: z.string(),
  subject: z.string().nullish(),
  audiences: z.array(z.string()),
  description: z.string().nullish(),
});
export type FicShape = z.infer<typeof FicShape>;

export const ServicePrincipalShape = z.object({ id: z.string(), appId: z.string() });
export const DirectoryObjectShape = z.object({ id: z.string() }).passthrough();

export const AuthorizationPolicyShape = z.object({
  defaultUserRolePermissions: z.object({ allowedToCreateApps: z.boolean().nullish() }).passthrough().nullish(),
});

export const DirectoryRoleShape = z.object({
  id: z.string().nullish(),
  roleTemplateId: z.string().nullish(),
  displayName: z.string().nullish(),
});
