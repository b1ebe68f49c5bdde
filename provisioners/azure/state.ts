/**
 * What exists in Azure for one setup, read before a plan, a deploy or a teardown: the resource
 * group and its record, both apps (by unique name, by the record's adopted ids, or a Terraform
 * app by display name confirmed by its federated credential's issuer), a soft-deleted app that
 * holds a unique name, the federated credentials, service principals and their owners, the
 * tenant's custom roles, every role assignment of our principals in the subscription, the
 * storage accounts and vaults. Key reads only (`(uniqueName=…)`, `(appId=…)`): `$filter` by
 * display name misses apps made seconds ago, so it is used for adoption only.
 */
import type { ZodType } from 'zod';
import type { AzureHttp } from './client';
import type { AzureSetupConfig } from './config.schema';
import type { AzureResourceGroup, ProviderRegistration, StorageAccountSummary } from './discovery.schema';
import { getResourceGroup, listStorageAccounts, providerRegistrations, signedInUser } from './discovery';
import { azureNames, PURPOSES, type AzureNames, type Purpose } from './naming';
import { readRecord, type RecordReading } from './record';
import {
  API,
  ApplicationShape,
  DirectoryObjectShape,
  FicShape,
  RoleAssignmentShape,
  RoleDefinitionShape,
  ServicePrincipalShape,
  VaultShape,
  type ApplicationShape as App,
  type FicShape as Fic,
  type RoleAssignmentShape as Assignment,
  type RoleDefinitionShape as RoleDef,
  type VaultShape as Vault,
} from './shapes';

export interface AppState {
  app?: App;
  /** unique: found by our unique name; adopted: a Terraform app (no unique name). */
  source: 'unique' | 'adopted' | 'none';
  /** A soft-deleted app that holds our unique name (restore keeps its client id). */
  deleted?: App;
  fics: Fic[];
  sp?: { id: string; appId: string };
  owners: string[];
  assignments: Assignment[];
}

export interface Observed {
  me: { id: string; userPrincipalName?: string };
  names: AzureNames;
  rg?: AzureResourceGroup;
  record: RecordReading;
  providers: ProviderRegistration[];
  apps: Record<Purpose, AppState>;
  /** Every custom role in the tenant. */
  customRoles: RoleDef[];
  /**
   * Every role assignment at, above or below the subscription, whoever holds it: the names our
   * grants would take may already be used (names are unique). Read only when one of our
   * principals exists (a new one gets fresh names); undefined when Azure would not list them.
   */
  subscriptionAssignments?: Assignment[];
  accounts: StorageAccountSummary[];
  vaults: Vault[];
}

const q = (s: string) => s.replaceAll("'", "''");

async function getOptional<T>(http: AzureHttp, path: string, schema: ZodType<T>, signal?: AbortSignal) {
  const r = await http.request('graph', 'GET', path, { schema, allow: [404], ...(signal ? { signal } : {}) });
  return r.status === 404 ? undefined : r.body;
}

export async function appByUniqueName(http: AzureHttp, uniqueName: string, signal?: AbortSignal) {
  return getOptional(
    http,
    `/applications(uniqueName='${encodeURIComponent(q(uniqueName))}')`,
    ApplicationShape,
    signal,
  );
}

export async function appByAppId(http: AzureHttp, appId: string, signal?: AbortSignal) {
  return getOptional(http, `/applications(appId='${encodeURIComponent(q(appId))}')`, ApplicationShape, signal);
}

export async function spByAppId(http: AzureHttp, appId: string, signal?: AbortSignal) {
  return getOptional(
    http,
    `/servicePrincipals(appId='${encodeURIComponent(q(appId))}')`,
    ServicePrincipalShape,
    signal,
  );
}

export async function ficsOf(http: AzureHttp, appObjectId: string, signal?: AbortSignal): Promise<Fic[]> {
  return http.list('graph', `/applications/${appObjectId}/federatedIdentityCredentials`, FicShape, {
    ...(signal ? { signal } : {}),
  });
}

async function ownersOf(http: AzureHttp, spId: string, signal?: AbortSignal): Promise<string[]> {
  const owners = await http.list('graph', `/servicePrincipals/${spId}/owners`, DirectoryObjectShape, {
    query: { $select: 'id' },
    ...(signal ? { signal } : {}),
  });
  return owners.map((o) => o.id);
}

async function deletedHolding(http: AzureHttp, uniqueName: string, signal?: AbortSignal): Promise<App | undefined> {
  const items = await http.list('graph', '/directory/deletedItems/microsoft.graph.application', ApplicationShape, {
    query: { $filter: `uniqueName eq '${q(uniqueName)}'` },
    ...(signal ? { signal } : {}),
  });
  return items.find((a) => a.uniqueName?.toLowerCase() === uniqueName.toLowerCase());
}

/** A Terraform-made app: our display name, no unique name, a credential trusting our issuer. */
async function terraformApp(http: AzureHttp, displayName: string, issuer: string, signal?: AbortSignal) {
  const candidates = await http.list('graph', '/applications', ApplicationShape, {
    query: {
      $filter: `displayName eq '${q(displayName)}'`,
      $select: 'id,appId,displayName,uniqueName,api,tags,notes,signInAudience',
    },
    ...(signal ? { signal } : {}),
  });
  for (const app of candidates.filter((a) => !a.uniqueName)) {
    const fics = await ficsOf(http, app.id, signal);
    if (fics.some((f) => f.issuer === `https://${issuer}`)) return { app, fics };
  }
  return undefined;
}

export async function assignmentsOf(http: AzureHttp, sub: string, principalId: string, signal?: AbortSignal) {
  return http.list(
    'arm',
    `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments`,
    RoleAssignmentShape,
    {
      query: { 'api-version': API.authorization, $filter: `principalId eq '${q(principalId)}'` },
      ...(signal ? { signal } : {}),
    },
  );
}

/** All role assignments at, above or below the subscription; undefined when Azure refuses. */
async function subscriptionAssignments(http: AzureHttp, sub: string, signal?: AbortSignal) {
  try {
    return await http.list(
      'arm',
      `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments`,
      RoleAssignmentShape,
      { query: { 'api-version': API.authorization }, ...(signal ? { signal } : {}) },
    );
  } catch (error) {
    if (signal?.aborted) throw error;
    return undefined;
  }
}

export async function tenantCustomRoles(http: AzureHttp, signal?: AbortSignal): Promise<RoleDef[]> {
  return http.list('arm', '/providers/Microsoft.Authorization/roleDefinitions', RoleDefinitionShape, {
    query: { 'api-version': API.authorization, $filter: "type eq 'CustomRole'" },
    ...(signal ? { signal } : {}),
  });
}

async function readApp(
  http: AzureHttp,
  purpose: Purpose,
  names: AzureNames,
  ctx: { sub: string; issuer: string; adoptedAppId?: string; prefix: string },
  signal?: AbortSignal,
): Promise<AppState> {
  let app = await appByUniqueName(http, names.uniqueName[purpose], signal);
  let source: AppState['source'] = app ? 'unique' : 'none';
  let fics: Fic[] | undefined;
  let deleted: App | undefined;
  if (!app && ctx.adoptedAppId) {
    app = await appByAppId(http, ctx.adoptedAppId, signal);
    if (app) source = 'adopted';
  }
  if (!app && !ctx.prefix) {
    const tf = await terraformApp(http, names.displayName[purpose], ctx.issuer, signal);
    if (tf) [app, fics, source] = [tf.app, tf.fics, 'adopted'];
  }
  if (!app) deleted = await deletedHolding(http, names.uniqueName[purpose], signal);
  if (!app) return { source, fics: [], owners: [], assignments: [], ...(deleted ? { deleted } : {}) };
  fics ??= await ficsOf(http, app.id, signal);
  const sp = await spByAppId(http, app.appId, signal);
  const [owners, assignments] = sp
    ? await Promise.all([ownersOf(http, sp.id, signal), assignmentsOf(http, ctx.sub, sp.id, signal)])
    : [[], []];
  return { app, source, fics, owners, assignments, ...(sp ? { sp: { id: sp.id, appId: sp.appId } } : {}) };
}

/** Read everything a plan, deploy or teardown of this setup looks at. */
export async function observe(
  http: AzureHttp,
  config: Pick<
    AzureSetupConfig,
    'tenantId' | 'subscriptionId' | 'resourceGroup' | 'location' | 'namePrefix' | 'studio'
  >,
  options: { signal?: AbortSignal; accountsAndVaults?: boolean } = {},
): Promise<Observed> {
  const { signal } = options;
  const sub = config.subscriptionId;
  const names = azureNames(config.tenantId, sub, config.namePrefix);
  const [me, rg, providers, customRoles] = await Promise.all([
    signedInUser(http, signal ? { signal } : {}),
    getResourceGroup(http, sub, config.resourceGroup, signal ? { signal } : {}),
    providerRegistrations(http, sub, undefined, signal ? { signal } : {}),
    tenantCustomRoles(http, signal),
  ]);
  const record: RecordReading = rg
    ? readRecord(rg.tags, {
        tenantId: config.tenantId,
        subscriptionId: sub,
        resourceGroup: rg.name,
        location: rg.location,
      })
    : { ours: false };
  const adopted = record.ours && 'record' in record ? record.record.adopted : undefined;
  const appCtx = { sub, issuer: config.studio.issuer, prefix: config.namePrefix };
  const [compute, storage] = await Promise.all(
    PURPOSES.map((p) =>
      readApp(http, p, names, { ...appCtx, ...(adopted?.apps[p] ? { adoptedAppId: adopted.apps[p] } : {}) }, signal),
    ),
  );
  const wantsResources = options.accountsAndVaults !== false;
  const [accounts, vaults, held] = await Promise.all([
    wantsResources ? listStorageAccounts(http, sub, signal ? { signal } : {}) : [],
    wantsResources
      ? http.list('arm', `/subscriptions/${sub}/providers/Microsoft.KeyVault/vaults`, VaultShape, {
          query: { 'api-version': API.keyVault },
          ...(signal ? { signal } : {}),
        })
      : [],
    wantsResources && (compute!.sp || storage!.sp) ? subscriptionAssignments(http, sub, signal) : [],
  ]);
  return {
    me: { id: me.id, ...(me.userPrincipalName ? { userPrincipalName: me.userPrincipalName } : {}) },
    names,
    ...(rg ? { rg } : {}),
    record,
    providers,
    apps: { compute: compute!, storage: storage! },
    customRoles,
    accounts,
    vaults,
    ...(held ? { subscriptionAssignments: held } : {}),
  };
}
