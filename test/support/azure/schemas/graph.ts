/**
 * Microsoft Graph v1.0 bodies the peer accepts and sends, written from the CSDL facts of
 * `microsoftgraph/msgraph-metadata` (types, nullability, collections). Only the members the peer
 * models. Request schemas list what a client may write; response schemas what the peer returns.
 */
import { arr, bool, graphObj, nbool, nstr, nullable, obj, str, type Schema } from './define';

const dateTime = (): Schema => nstr({ format: 'date-time' });

export const GraphError = obj(
  {
    error: obj(
      {
        code: str(),
        message: str(),
        target: nstr(),
        details: arr(obj({ code: str(), message: str(), target: nstr() }, ['code', 'message'])),
        innerError: obj({ 'request-id': nstr(), 'client-request-id': nstr(), date: nstr() }),
      },
      ['code', 'message'],
    ),
  },
  ['error'],
);

const apiApplication = graphObj({
  acceptMappedClaims: nbool(),
  knownClientApplications: arr(nstr({ format: 'uuid' })),
  requestedAccessTokenVersion: { type: ['integer', 'null'], minimum: -2147483648, maximum: 2147483647 },
});

const applicationWritable: Record<string, Schema> = {
  api: nullable(apiApplication),
  description: nstr(),
  displayName: nstr(),
  identifierUris: arr(str()),
  isFallbackPublicClient: nbool(),
  notes: nstr(),
  serviceManagementReference: nstr(),
  signInAudience: nstr(),
  tags: arr(str()),
};
/** POST /applications, PATCH …/applications/{id} and the upsert by uniqueName. */
export const applicationWrite = graphObj({ ...applicationWritable, uniqueName: nstr() });
export const application = graphObj({
  id: str(),
  deletedDateTime: dateTime(),
  appId: nstr(),
  createdDateTime: dateTime(),
  publisherDomain: nstr(),
  uniqueName: nstr(),
  ...applicationWritable,
});
export const applicationCollection = graphObj({ value: arr(application) }, ['value']);

export const federatedIdentityCredentialWrite = graphObj({
  audiences: arr(str()),
  description: nstr(),
  issuer: str(),
  name: str(),
  subject: nstr(),
});
export const federatedIdentityCredential = graphObj({
  id: str(),
  audiences: arr(str()),
  description: nstr(),
  issuer: str(),
  name: str(),
  subject: nstr(),
});
export const federatedIdentityCredentialCollection = graphObj({ value: arr(federatedIdentityCredential) }, ['value']);

export const servicePrincipalWrite = graphObj({
  appId: nstr(),
  accountEnabled: nbool(),
  tags: arr(str()),
  notes: nstr(),
  description: nstr(),
});
export const servicePrincipal = graphObj({
  id: str(),
  deletedDateTime: dateTime(),
  accountEnabled: nbool(),
  appDisplayName: nstr(),
  appId: nstr(),
  appOwnerOrganizationId: nstr({ format: 'uuid' }),
  displayName: nstr(),
  servicePrincipalNames: arr(str()),
  servicePrincipalType: nstr(),
  signInAudience: nstr(),
  tags: arr(str()),
  notes: nstr(),
  description: nstr(),
});
export const servicePrincipalCollection = graphObj({ value: arr(servicePrincipal) }, ['value']);

/** owners, transitiveMemberOf: directoryObject items (open base type; `@odata.type` says which). */
export const directoryObjectCollection = graphObj(
  { value: arr({ type: 'object', properties: { id: str(), deletedDateTime: dateTime() }, required: ['id'] }) },
  ['value'],
);
/** POST …/owners/$ref */
export const referenceCreate = obj({ '@odata.id': str({ pattern: '^https://graph\\.microsoft\\.com/v1\\.0/' }) }, [
  '@odata.id',
]);

export const user = graphObj({ id: str(), displayName: nstr(), userPrincipalName: nstr() });

export const authorizationPolicy = graphObj({
  id: str(),
  deletedDateTime: dateTime(),
  description: nstr(),
  displayName: nstr(),
  allowedToSignUpEmailBasedSubscriptions: bool(),
  allowedToUseSSPR: bool(),
  allowEmailVerifiedUsersToJoinOrganization: bool(),
  blockMsolPowerShell: nbool(),
  guestUserRoleId: nstr({ format: 'uuid' }),
  defaultUserRolePermissions: graphObj({
    allowedToCreateApps: bool(),
    allowedToCreateSecurityGroups: bool(),
    allowedToCreateTenants: nbool(),
    allowedToReadBitlockerKeysForOwnedDevice: nbool(),
    allowedToReadOtherUsers: bool(),
    permissionGrantPoliciesAssigned: arr(nstr()),
  }),
});

export const directoryRole = graphObj({
  id: str(),
  deletedDateTime: dateTime(),
  description: nstr(),
  displayName: nstr(),
  roleTemplateId: nstr(),
});
export const directoryRoleCollection = graphObj({ value: arr(directoryRole) }, ['value']);

/** Empty request body (restore, and a POST without payload). */
export const empty = obj({});

/** Peer schema name → contract schema file in azure-contracts/graph (null: a collection/envelope). */
export const GRAPH_CONTRACTS: Record<string, string | null> = {
  GraphError: 'odataError.schema.json',
  applicationWrite: 'application.schema.json',
  application: 'application.schema.json',
  applicationCollection: null,
  federatedIdentityCredentialWrite: 'federatedIdentityCredential.schema.json',
  federatedIdentityCredential: 'federatedIdentityCredential.schema.json',
  federatedIdentityCredentialCollection: null,
  servicePrincipalWrite: 'servicePrincipal.schema.json',
  servicePrincipal: 'servicePrincipal.schema.json',
  servicePrincipalCollection: null,
  directoryObjectCollection: null,
  referenceCreate: null,
  user: 'user.schema.json',
  authorizationPolicy: 'authorizationPolicy.schema.json',
  directoryRole: 'directoryRole.schema.json',
  directoryRoleCollection: null,
  empty: null,
};

export const GRAPH_SCHEMAS: Record<string, Schema> = {
  GraphError,
  applicationWrite,
  application,
  applicationCollection,
  federatedIdentityCredentialWrite,
  federatedIdentityCredential,
  federatedIdentityCredentialCollection,
  servicePrincipalWrite,
  servicePrincipal,
  servicePrincipalCollection,
  directoryObjectCollection,
  referenceCreate,
  user,
  authorizationPolicy,
  directoryRole,
  directoryRoleCollection,
  empty,
};
