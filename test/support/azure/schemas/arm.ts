/**
 * ARM bodies the peer accepts and sends, written from the swagger of azure-rest-api-specs
 * (Microsoft.Authorization 2022-04-01, Microsoft.Resources 2021-04-01 and subscriptions 2022-12-01,
 * Microsoft.Storage 2023-05-01, Microsoft.KeyVault 2023-07-01). Only the members the peer models;
 * each name matches the swagger definition it mirrors (see CONTRACT_SOURCES).
 */
import { arr, bool, int, obj, ro, str, strMap, type Schema } from './define';

const errorDetail: Schema = obj({
  code: ro(str()),
  message: ro(str()),
  target: ro(str()),
  details: ro(arr({ type: 'object' })),
  additionalInfo: ro(arr({ type: 'object' })),
});
/** Every ARM error body: `{error:{code,message}}` (the peer always sends both). */
export const CloudError = obj({ error: { ...errorDetail, required: ['code', 'message'] } }, ['error']);

export const TenantIdDescription = obj({
  id: ro(str()),
  tenantId: ro(str()),
  tenantCategory: ro(str({ enum: ['Home', 'ProjectedBy', 'ManagedBy'] })),
  displayName: ro(str()),
  domains: ro(arr(str())),
  defaultDomain: ro(str()),
  tenantType: ro(str()),
});
export const TenantListResult = obj({ value: arr(TenantIdDescription), nextLink: str() }, ['value']);

export const Subscription = obj({
  id: ro(str()),
  subscriptionId: ro(str()),
  displayName: ro(str()),
  tenantId: ro(str()),
  state: ro(str({ enum: ['Enabled', 'Warned', 'PastDue', 'Disabled', 'Deleted'] })),
  subscriptionPolicies: obj({
    locationPlacementId: ro(str()),
    quotaId: ro(str()),
    spendingLimit: ro(str({ enum: ['On', 'Off', 'CurrentPeriodOff'] })),
  }),
  authorizationSource: str(),
  managedByTenants: arr(obj({ tenantId: ro(str()) })),
  tags: strMap(),
});
export const SubscriptionListResult = obj({ value: arr(Subscription), nextLink: str() }, ['value']);

export const Location = obj({
  id: ro(str()),
  subscriptionId: ro(str()),
  name: ro(str()),
  type: ro(str({ enum: ['Region', 'EdgeZone'] })),
  displayName: ro(str()),
  regionalDisplayName: ro(str()),
  metadata: obj({
    regionType: ro(str({ enum: ['Physical', 'Logical'] })),
    regionCategory: ro(str({ enum: ['Recommended', 'Extended', 'Other'] })),
    geography: ro(str()),
    geographyGroup: ro(str()),
    longitude: ro(str()),
    latitude: ro(str()),
    physicalLocation: ro(str()),
    pairedRegion: arr(obj({ name: ro(str()), id: ro(str()), subscriptionId: ro(str()) })),
  }),
});
export const LocationListResult = obj({ value: arr(Location) }, ['value']);

export const Provider = obj(
  {
    id: ro(str()),
    namespace: str(),
    registrationState: ro(str()),
    registrationPolicy: ro(str()),
    resourceTypes: ro(arr(obj({ resourceType: str(), locations: arr(str()), apiVersions: arr(str()) }))),
  },
  ['id', 'namespace', 'registrationState'],
);
/** Providers_Register: body optional (ProviderRegistrationRequest). */
export const ProviderRegistrationRequest = obj({
  thirdPartyProviderConsent: obj({ consentToAuthorization: bool() }),
});

export const ResourceGroup = obj(
  {
    id: ro(str()),
    name: ro(str()),
    type: ro(str()),
    properties: obj({ provisioningState: ro(str()) }),
    location: str(),
    managedBy: str(),
    tags: strMap(),
  },
  ['location'],
);
export const ResourceGroupListResult = obj({ value: arr(ResourceGroup), nextLink: ro(str()) }, ['value']);

/** Not in the trimmed contract data (AKS is only listed before teardown): the peer's own minimal shape. */
export const ManagedClusterListResult = obj(
  {
    value: arr(obj({ id: str(), name: str(), type: str(), location: str() }, ['id', 'name', 'type', 'location'])),
    nextLink: str(),
  },
  ['value'],
);

/** Resources_ListByResourceGroup (resources.json 2021-04-01, not in the trimmed contract data). */
export const ResourceListResult = obj(
  {
    value: arr(
      obj({ id: ro(str()), name: ro(str()), type: ro(str()), location: str() }, ['id', 'name', 'type', 'location']),
    ),
    nextLink: str(),
  },
  ['value'],
);

export const StorageAccount = obj(
  {
    id: ro(str()),
    name: ro(str()),
    type: ro(str()),
    location: str(),
    tags: strMap(),
    sku: ro(
      obj(
        {
          name: str({ enum: ['Standard_LRS', 'Standard_GRS', 'Standard_RAGRS', 'Standard_ZRS', 'Premium_LRS'] }),
          tier: str({ enum: ['Standard', 'Premium'] }),
        },
        ['name'],
      ),
    ),
    kind: ro(str({ enum: ['Storage', 'StorageV2', 'BlobStorage', 'FileStorage', 'BlockBlobStorage'] })),
    properties: obj({
      provisioningState: ro(str({ enum: ['Creating', 'ResolvingDNS', 'Succeeded'] })),
      primaryLocation: ro(str()),
      creationTime: ro(str()),
      isHnsEnabled: bool(),
      allowSharedKeyAccess: bool(),
      allowBlobPublicAccess: bool(),
      minimumTlsVersion: str({ enum: ['TLS1_0', 'TLS1_1', 'TLS1_2', 'TLS1_3'] }),
      supportsHttpsTrafficOnly: bool(),
    }),
  },
  ['location'],
);
export const StorageAccountListResult = obj({ value: ro(arr(StorageAccount)), nextLink: ro(str()) }, ['value']);

const accessPolicyEntry = obj(
  {
    tenantId: str(),
    objectId: str(),
    applicationId: str(),
    permissions: obj({ keys: arr(str()), secrets: arr(str()), certificates: arr(str()), storage: arr(str()) }),
  },
  ['tenantId', 'objectId', 'permissions'],
);
export const Vault = obj(
  {
    id: ro(str()),
    name: ro(str()),
    type: ro(str()),
    location: str(),
    tags: strMap(),
    properties: obj(
      {
        tenantId: str(),
        sku: obj({ family: str({ enum: ['A'] }), name: str({ enum: ['standard', 'premium'] }) }, ['name', 'family']),
        accessPolicies: arr(accessPolicyEntry),
        vaultUri: str(),
        enableRbacAuthorization: bool(),
        enableSoftDelete: bool(),
        softDeleteRetentionInDays: int(),
        provisioningState: str({ enum: ['Succeeded', 'RegisteringDns'] }),
        publicNetworkAccess: str(),
      },
      ['tenantId', 'sku'],
    ),
  },
  ['properties'],
);
export const VaultListResult = obj({ value: arr(Vault), nextLink: str() }, ['value']);
export const VaultAccessPolicyParameters = obj(
  {
    id: ro(str()),
    name: ro(str()),
    type: ro(str()),
    location: ro(str()),
    properties: obj({ accessPolicies: arr(accessPolicyEntry) }, ['accessPolicies']),
  },
  ['properties'],
);
export const Secret = obj(
  {
    id: ro(str()),
    name: ro(str()),
    type: ro(str()),
    location: ro(str()),
    tags: ro(strMap()),
    properties: obj({
      contentType: str(),
      attributes: obj({ enabled: bool(), nbf: int(), exp: int(), created: ro(int()), updated: ro(int()) }),
      secretUri: ro(str()),
      secretUriWithVersion: ro(str()),
    }),
  },
  ['properties'],
);
export const SecretListResult = obj({ value: arr(Secret), nextLink: str() }, ['value']);

const permission = obj({
  actions: arr(str()),
  notActions: arr(str()),
  dataActions: arr(str()),
  notDataActions: arr(str()),
});
export const RoleDefinition = obj({
  id: ro(str()),
  name: ro(str()),
  type: ro(str()),
  properties: obj({
    roleName: str(),
    description: str(),
    type: str(),
    permissions: arr(permission),
    assignableScopes: arr(str()),
  }),
});
/** A PUT body: what ARM needs to create a custom role (the swagger itself requires nothing). */
export const RoleDefinitionPut = {
  ...RoleDefinition,
  required: ['properties'],
  properties: {
    ...(RoleDefinition.properties as Record<string, Schema>),
    properties: {
      ...((RoleDefinition.properties as Record<string, Schema>).properties as Schema),
      required: ['roleName', 'permissions', 'assignableScopes'],
    },
  },
};
export const RoleDefinitionListResult = obj({ value: arr(RoleDefinition), nextLink: str() }, ['value']);
export const PermissionGetResult = obj({ value: arr(permission), nextLink: str() }, ['value']);

const roleAssignmentProperties = obj(
  {
    scope: ro(str()),
    roleDefinitionId: str(),
    principalId: str(),
    principalType: str({ enum: ['User', 'Group', 'ServicePrincipal', 'ForeignGroup'] }),
    description: str(),
    condition: str(),
    conditionVersion: str(),
    createdOn: ro(str({ format: 'date-time' })),
    updatedOn: ro(str({ format: 'date-time' })),
    createdBy: ro(str()),
    updatedBy: ro(str()),
    delegatedManagedIdentityResourceId: str(),
  },
  ['roleDefinitionId', 'principalId'],
);
export const RoleAssignment = obj({
  id: ro(str()),
  name: ro(str()),
  type: ro(str()),
  properties: roleAssignmentProperties,
});
export const RoleAssignmentCreateParameters = obj({ properties: roleAssignmentProperties }, ['properties']);
export const RoleAssignmentListResult = obj({ value: arr(RoleAssignment), nextLink: ro(str()) }, ['value']);

/** Microsoft.Compute ResourceSkus_List (2021-07-01): no trimmed contract data; the members the peer sends. */
export const ResourceSkusResult = obj(
  {
    value: arr(
      obj(
        {
          resourceType: ro(str()),
          name: ro(str()),
          tier: ro(str()),
          size: ro(str()),
          family: ro(str()),
          locations: ro(arr(str())),
          locationInfo: ro(arr(obj({ location: ro(str()), zones: ro(arr(str())) }))),
          capabilities: ro(arr(obj({ name: ro(str()), value: ro(str()) }, ['name', 'value']))),
          restrictions: ro(
            arr(
              obj({
                type: ro(str({ enum: ['Location', 'Zone'] })),
                values: ro(arr(str())),
                restrictionInfo: ro(obj({ locations: ro(arr(str())), zones: ro(arr(str())) })),
                reasonCode: ro(str({ enum: ['QuotaId', 'NotAvailableForSubscription'] })),
              }),
            ),
          ),
        },
        ['name'],
      ),
    ),
    nextLink: str(),
  },
  ['value'],
);
/** Microsoft.Compute Usage_List: no trimmed contract data; the members the peer sends. */
export const ListUsagesResult = obj(
  {
    value: arr(
      obj(
        {
          unit: str({ enum: ['Count'] }),
          currentValue: int(),
          limit: int(),
          name: obj({ value: str(), localizedValue: str() }, ['value']),
        },
        ['unit', 'currentValue', 'limit', 'name'],
      ),
    ),
    nextLink: str(),
  },
  ['value'],
);

/** RG delete's operation status (202 while running): no body. */
export const Empty = obj({});

/** Peer schema name → [contract file in azure-contracts/arm, definition] (null: no contract data). */
export const ARM_CONTRACTS: Record<string, [string, string] | null> = {
  CloudError: ['resources.2021-04-01.json', 'CloudError'],
  TenantListResult: ['subscriptions.2022-12-01.json', 'TenantListResult'],
  SubscriptionListResult: ['subscriptions.2022-12-01.json', 'SubscriptionListResult'],
  LocationListResult: ['subscriptions.2022-12-01.json', 'LocationListResult'],
  Provider: ['resources.2021-04-01.json', 'Provider'],
  ProviderRegistrationRequest: ['resources.2021-04-01.json', 'ProviderRegistrationRequest'],
  ResourceGroup: ['resources.2021-04-01.json', 'ResourceGroup'],
  ResourceGroupListResult: ['resources.2021-04-01.json', 'ResourceGroupListResult'],
  ManagedClusterListResult: null,
  ResourceListResult: null,
  ResourceSkusResult: null,
  ListUsagesResult: null,
  StorageAccount: ['storage.2023-05-01.json', 'StorageAccount'],
  StorageAccountListResult: ['storage.2023-05-01.json', 'StorageAccountListResult'],
  Vault: ['keyvault.2023-07-01.json', 'Vault'],
  VaultListResult: ['keyvault.2023-07-01.json', 'VaultListResult'],
  VaultAccessPolicyParameters: ['keyvault.2023-07-01.json', 'VaultAccessPolicyParameters'],
  SecretListResult: ['keyvault.2023-07-01.json', 'SecretListResult'],
  RoleDefinition: ['authorization-RoleDefinitionsCalls.2022-04-01.json', 'RoleDefinition'],
  RoleDefinitionPut: ['authorization-RoleDefinitionsCalls.2022-04-01.json', 'RoleDefinition'],
  RoleDefinitionListResult: ['authorization-RoleDefinitionsCalls.2022-04-01.json', 'RoleDefinitionListResult'],
  PermissionGetResult: ['authorization-RoleDefinitionsCalls.2022-04-01.json', 'PermissionGetResult'],
  RoleAssignment: ['authorization-RoleAssignmentsCalls.2022-04-01.json', 'RoleAssignment'],
  RoleAssignmentCreateParameters: [
    'authorization-RoleAssignmentsCalls.2022-04-01.json',
    'RoleAssignmentCreateParameters',
  ],
  RoleAssignmentListResult: ['authorization-RoleAssignmentsCalls.2022-04-01.json', 'RoleAssignmentListResult'],
  Empty: null,
};

export const ARM_SCHEMAS: Record<string, Schema> = {
  CloudError,
  TenantListResult,
  SubscriptionListResult,
  LocationListResult,
  Provider,
  ProviderRegistrationRequest,
  ResourceGroup,
  ResourceGroupListResult,
  ManagedClusterListResult,
  ResourceListResult,
  ResourceSkusResult,
  ListUsagesResult,
  StorageAccount,
  StorageAccountListResult,
  Vault,
  VaultListResult,
  VaultAccessPolicyParameters,
  SecretListResult,
  RoleDefinition,
  RoleDefinitionPut,
  RoleDefinitionListResult,
  PermissionGetResult,
  RoleAssignment,
  RoleAssignmentCreateParameters,
  RoleAssignmentListResult,
  Empty,
};
