/**
 * Microsoft Graph v1.0 routes: applications (by id, by the uniqueName alternate key with
 * `Prefer: create-if-missing` upsert, $filter), the recycle bin (directory/deletedItems, restore),
 * service principals (by appId, owners), federated identity credentials (upsert by name), /me, the
 * authorization policy and the signed-in user's directory roles.
 */
import { randomUUID } from 'node:crypto';
import type { PeerEngine } from './engine';
import { graphError, ok, type Ctx, type Reply, type Route } from './http';
import {
  DIRECTORY_ROLES,
  type Application,
  type FederatedCredential,
  type ServicePrincipal,
  type Tenant,
} from './state';

type R = Route<PeerEngine>;
const G = 'https://graph.microsoft.com/v1.0';
const graph = (r: Omit<R, 'host' | 'auth'>): R => ({ host: 'graph.microsoft.com', auth: 'graph', ...r });
const APP_CREATORS = new Set(Object.values(DIRECTORY_ROLES));
const UNIQUE_NAME_TAKEN = 'Another object with the same value for property uniqueName already exists.';

const tenantOf = (ctx: Ctx<PeerEngine>): Tenant => ctx.peer.tenant(ctx.caller!.tid);
const notFound = (what: string) =>
  graphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`,
  );
const young = (ctx: Ctx<PeerEngine>, app: Application) =>
  Date.now() - app.createdAt < ctx.peer.replication.graphReadAfterWrite;

export function applicationBody(app: Application, select?: string | null) {
  const body: Record<string, unknown> = {
    id: app.id,
    deletedDateTime: app.deletedDateTime,
    appId: app.appId,
    createdDateTime: app.createdDateTime,
    displayName: app.displayName,
    uniqueName: app.uniqueName,
    signInAudience: app.signInAudience,
    api: app.api
      ? { acceptMappedClaims: null, knownClientApplications: [], requestedAccessTokenVersion: null, ...app.api }
      : null,
    tags: [...app.tags],
    notes: app.notes,
    description: app.description,
    identifierUris: [...app.identifierUris],
    isFallbackPublicClient: app.isFallbackPublicClient,
    serviceManagementReference: app.serviceManagementReference,
    publisherDomain: 'peer.onmicrosoft.com',
  };
  return selectFields(body, select);
}

function selectFields(body: Record<string, unknown>, select?: string | null) {
  if (!select) return body;
  const wanted = new Set(select.split(',').map((s) => s.trim()));
  return Object.fromEntries(Object.entries(body).filter(([k]) => wanted.has(k)));
}

const spBody = (sp: ServicePrincipal, select?: string | null) =>
  selectFields(
    {
      id: sp.id,
      deletedDateTime: null,
      accountEnabled: sp.accountEnabled,
      appDisplayName: sp.displayName,
      appId: sp.appId,
      appOwnerOrganizationId: sp.tenantId,
      displayName: sp.displayName,
      servicePrincipalNames: [sp.appId],
      servicePrincipalType: 'Application',
      signInAudience: 'AzureADMyOrg',
      tags: [...sp.tags],
      notes: sp.notes,
      description: sp.description,
    },
    select,
  );

const ficBody = (f: FederatedCredential) => ({
  id: f.id,
  name: f.name,
  issuer: f.issuer,
  subject: f.subject,
  audiences: [...f.audiences],
  description: f.description,
});
const context = (what: string) => `${G}/$metadata#${what}`;

/** Whether the caller may create applications (authorization policy or a directory role). */
function mayCreateApps(ctx: Ctx<PeerEngine>, tenant: Tenant): boolean {
  const caller = ctx.caller!;
  if (caller.kind !== 'user') return false;
  const user = tenant.users.get(caller.oid);
  if (!user) return false;
  return (
    tenant.authorizationPolicy.allowedToCreateApps ||
    user.directoryRoles.some((r) => APP_CREATORS.has(DIRECTORY_ROLES[r]))
  );
}

/** Owners and application administrators may change an app. */
function mayEdit(ctx: Ctx<PeerEngine>, tenant: Tenant, owners: string[]): boolean {
  const user = tenant.users.get(ctx.caller!.oid);
  if (!user) return false;
  return owners.includes(user.id) || user.directoryRoles.some((r) => r !== 'Application Developer');
}
const denied = () =>
  graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');

interface AppWrite {
  displayName?: string | null;
  uniqueName?: string | null;
  signInAudience?: string | null;
  api?: Application['api'];
  tags?: string[];
  notes?: string | null;
  description?: string | null;
  identifierUris?: string[];
  isFallbackPublicClient?: boolean | null;
  serviceManagementReference?: string | null;
}

function uniqueNameTaken(tenant: Tenant, uniqueName: string, except?: string): boolean {
  const lower = uniqueName.toLowerCase();
  return [...tenant.applications.values(), ...tenant.deletedApplications.values()].some(
    (a) => a.id !== except && a.uniqueName?.toLowerCase() === lower,
  );
}

export function createApplication(
  peer: PeerEngine,
  tenant: Tenant,
  ownerId: string | undefined,
  body: AppWrite,
): Application {
  const now = Date.now();
  const app: Application = {
    id: randomUUID(),
    appId: randomUUID(),
    tenantId: tenant.tenantId,
    displayName: body.displayName ?? null,
    uniqueName: body.uniqueName ?? null,
    signInAudience: body.signInAudience ?? 'AzureADMyOrg',
    api: body.api ?? null,
    tags: body.tags ?? [],
    notes: body.notes ?? null,
    description: body.description ?? null,
    identifierUris: body.identifierUris ?? [],
    isFallbackPublicClient: body.isFallbackPublicClient ?? null,
    serviceManagementReference: body.serviceManagementReference ?? null,
    createdDateTime: new Date(now).toISOString().replace(/\.\d+Z$/, 'Z'),
    deletedDateTime: null,
    owners: ownerId ? [ownerId] : [],
    federatedIdentityCredentials: [],
    secrets: [],
    createdAt: now,
  };
  tenant.applications.set(app.id, app);
  void peer;
  return app;
}

function applyWrite(app: Application, body: AppWrite): void {
  if (body.displayName !== undefined) app.displayName = body.displayName;
  if (body.signInAudience !== undefined) app.signInAudience = body.signInAudience;
  if (body.api !== undefined) app.api = body.api === null ? null : { ...(app.api ?? {}), ...body.api };
  if (body.tags !== undefined) app.tags = [...body.tags];
  if (body.notes !== undefined) app.notes = body.notes;
  if (body.description !== undefined) app.description = body.description;
  if (body.identifierUris !== undefined) app.identifierUris = [...body.identifierUris];
  if (body.isFallbackPublicClient !== undefined) app.isFallbackPublicClient = body.isFallbackPublicClient;
  if (body.serviceManagementReference !== undefined) app.serviceManagementReference = body.serviceManagementReference;
}

function validateAppWrite(body: AppWrite): void {
  if (body.displayName !== undefined && !body.displayName)
    throw graphError(400, 'Request_BadRequest', "Property 'displayName' is required and cannot be null or empty.");
  const v = body.api?.requestedAccessTokenVersion;
  if (v !== undefined && v !== null && v !== 1 && v !== 2)
    throw graphError(
      400,
      'Request_BadRequest',
      `Invalid value specified for property 'requestedAccessTokenVersion' of resource 'Application'.`,
    );
  if (
    body.signInAudience &&
    !['AzureADMyOrg', 'AzureADMultipleOrgs', 'AzureADandPersonalMicrosoftAccount', 'PersonalMicrosoftAccount'].includes(
      body.signInAudience,
    )
  ) {
    throw graphError(
      400,
      'Request_BadRequest',
      `Invalid value specified for property 'signInAudience' of resource 'Application'.`,
    );
  }
}

function applicationByKey(ctx: Ctx<PeerEngine>): Application | undefined {
  const tenant = tenantOf(ctx);
  const { key, value } = ctx.params;
  const v = value!.toLowerCase();
  if (key!.toLowerCase() === 'uniquename')
    return [...tenant.applications.values()].find((a) => a.uniqueName?.toLowerCase() === v);
  if (key!.toLowerCase() === 'appid') return [...tenant.applications.values()].find((a) => a.appId === v);
  throw graphError(400, 'Request_BadRequest', `'${key}' is not an alternate key of application.`);
}

function appById(ctx: Ctx<PeerEngine>, id = ctx.params.id!): Application {
  const app = tenantOf(ctx).applications.get(id);
  if (!app || young(ctx, app)) throw notFound(id);
  return app;
}

function upsertByKey(ctx: Ctx<PeerEngine>): Reply {
  const tenant = tenantOf(ctx);
  const body = ctx.body as AppWrite;
  validateAppWrite(body);
  const existing = applicationByKey(ctx);
  const createIfMissing = /create-if-missing/i.test(String(ctx.headers.prefer ?? ''));
  if (existing) {
    if (!mayEdit(ctx, tenant, existing.owners)) throw denied();
    if (body.uniqueName !== undefined && body.uniqueName !== existing.uniqueName)
      throw graphError(400, 'Request_BadRequest', "Property 'uniqueName' is read-only and cannot be set.");
    applyWrite(existing, body);
    return { status: 204 };
  }
  if (!createIfMissing) throw notFound(`${ctx.params.key}='${ctx.params.value}'`);
  if (ctx.params.key!.toLowerCase() !== 'uniquename')
    throw graphError(400, 'Request_BadRequest', 'Upsert is supported with the uniqueName alternate key only.');
  if (!mayCreateApps(ctx, tenant)) throw denied();
  if (!body.displayName)
    throw graphError(400, 'Request_BadRequest', "Property 'displayName' is required and cannot be null or empty.");
  if (uniqueNameTaken(tenant, ctx.params.value!)) throw graphError(400, 'Request_BadRequest', UNIQUE_NAME_TAKEN);
  const app = createApplication(ctx.peer, tenant, ctx.caller!.oid, { ...body, uniqueName: ctx.params.value! });
  return ok({ '@odata.context': context('applications/$entity'), ...applicationBody(app) }, 201);
}

function createApp(ctx: Ctx<PeerEngine>): Reply {
  const tenant = tenantOf(ctx);
  const body = ctx.body as AppWrite;
  validateAppWrite(body);
  if (!mayCreateApps(ctx, tenant)) throw denied();
  if (!body.displayName)
    throw graphError(400, 'Request_BadRequest', "Property 'displayName' is required and cannot be null or empty.");
  if (body.uniqueName && uniqueNameTaken(tenant, body.uniqueName))
    throw graphError(400, 'Request_BadRequest', UNIQUE_NAME_TAKEN);
  const app = createApplication(ctx.peer, tenant, ctx.caller!.oid, body);
  return ok({ '@odata.context': context('applications/$entity'), ...applicationBody(app) }, 201);
}

function patchApp(ctx: Ctx<PeerEngine>): Reply {
  const tenant = tenantOf(ctx);
  const app = appById(ctx);
  const body = ctx.body as AppWrite;
  validateAppWrite(body);
  if (!mayEdit(ctx, tenant, app.owners)) throw denied();
  // uniqueName is set at creation only ("Immutable. Read-only."), also on apps created without one.
  if (body.uniqueName !== undefined && body.uniqueName !== app.uniqueName) {
    throw graphError(400, 'Request_BadRequest', "Property 'uniqueName' is read-only and cannot be set.");
  }
  applyWrite(app, body);
  return { status: 204 };
}

function deleteApp(ctx: Ctx<PeerEngine>): Reply {
  const tenant = tenantOf(ctx);
  const app = appById(ctx);
  if (!mayEdit(ctx, tenant, app.owners)) throw denied();
  tenant.applications.delete(app.id);
  app.deletedDateTime = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  tenant.deletedApplications.set(app.id, app);
  // The service principal goes with its application (and is not restored with it).
  for (const [id, sp] of tenant.servicePrincipals) if (sp.appId === app.appId) tenant.servicePrincipals.delete(id);
  return { status: 204 };
}

/** `$filter=displayName eq '…'` / `uniqueName eq '…'` / `appId eq '…'` (eventually consistent). */
function filterApps(ctx: Ctx<PeerEngine>, apps: Application[]): Application[] {
  const filter = ctx.query.get('$filter');
  if (!filter) return apps;
  const m = /^(displayName|uniqueName|appId) eq '((?:[^']|'')*)'$/i.exec(filter.trim());
  if (!m)
    throw ctx.peer.notModelled(
      ctx,
      `the peer models $filter on applications by displayName, uniqueName or appId eq only, not '${filter}'`,
    );
  const field = m[1]!.toLowerCase();
  const want = m[2]!.replaceAll("''", "'");
  return apps.filter((a) => {
    const v = field === 'displayname' ? a.displayName : field === 'uniquename' ? a.uniqueName : a.appId;
    return v !== null && (field === 'displayname' ? v === want : v.toLowerCase() === want.toLowerCase());
  });
}

function listApps(ctx: Ctx<PeerEngine>): Reply {
  const apps = filterApps(
    ctx,
    [...tenantOf(ctx).applications.values()].filter((a) => !young(ctx, a)),
  );
  return ok({
    '@odata.context': context('applications'),
    value: apps.map((a) => applicationBody(a, ctx.query.get('$select'))),
  });
}

function listDeleted(ctx: Ctx<PeerEngine>): Reply {
  const apps = filterApps(ctx, [...tenantOf(ctx).deletedApplications.values()]);
  return ok({
    '@odata.context': context('directory/deletedItems/microsoft.graph.application'),
    value: apps.map((a) => applicationBody(a, ctx.query.get('$select'))),
  });
}

function getDeleted(ctx: Ctx<PeerEngine>): Reply {
  const app = tenantOf(ctx).deletedApplications.get(ctx.params.id!);
  if (!app) throw notFound(ctx.params.id!);
  return ok({
    '@odata.context': context('directory/deletedItems/$entity'),
    '@odata.type': '#microsoft.graph.application',
    ...applicationBody(app),
  });
}

function restore(ctx: Ctx<PeerEngine>): Reply {
  const tenant = tenantOf(ctx);
  const app = tenant.deletedApplications.get(ctx.params.id!);
  if (!app) throw notFound(ctx.params.id!);
  if (!mayEdit(ctx, tenant, app.owners)) throw denied();
  tenant.deletedApplications.delete(app.id);
  app.deletedDateTime = null;
  tenant.applications.set(app.id, app);
  return ok(
    {
      '@odata.context': context('directoryObjects/$entity'),
      '@odata.type': '#microsoft.graph.application',
      ...applicationBody(app),
    },
    200,
  );
}

function purge(ctx: Ctx<PeerEngine>): Reply {
  const tenant = tenantOf(ctx);
  const app = tenant.deletedApplications.get(ctx.params.id!);
  if (!app) throw notFound(ctx.params.id!);
  if (!mayEdit(ctx, tenant, app.owners)) throw denied();
  tenant.deletedApplications.delete(app.id);
  return { status: 204 };
}

function ficsOf(ctx: Ctx<PeerEngine>): Application {
  if (ctx.params.appId) {
    const v = ctx.params.appId.toLowerCase();
    const app = [...tenantOf(ctx).applications.values()].find((a) => a.appId === v);
    if (!app || young(ctx, app)) throw notFound(ctx.params.appId);
    return app;
  }
  return appById(ctx);
}

interface FicWrite {
  name?: string;
  issuer?: string;
  subject?: string | null;
  audiences?: string[];
  description?: string | null;
}

function validateFic(app: Application, fic: FicWrite & { name: string }, except?: string): void {
  if (fic.name.length > 120 || !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(fic.name))
    throw graphError(
      400,
      'Request_BadRequest',
      `Invalid value specified for property 'name' of resource 'FederatedIdentityCredential'.`,
    );
  if (!fic.issuer || !fic.subject)
    throw graphError(
      400,
      'Request_BadRequest',
      'The issuer and subject of a federated identity credential are required.',
    );
  if (!/^https:\/\//.test(fic.issuer))
    throw graphError(
      400,
      'Request_BadRequest',
      `Invalid value specified for property 'issuer' of resource 'FederatedIdentityCredential'.`,
    );
  if (!fic.audiences || fic.audiences.length !== 1)
    throw graphError(400, 'Request_BadRequest', 'A federated identity credential must have exactly one audience.');
  const clash = app.federatedIdentityCredentials.find(
    (f) => f.name !== except && f.issuer === fic.issuer && f.subject === fic.subject,
  );
  if (clash)
    throw graphError(
      400,
      'Request_BadRequest',
      `FederatedIdentityCredential with the same issuer and subject already exists: '${clash.name}'.`,
    );
}

function createFic(ctx: Ctx<PeerEngine>, name?: string): Reply {
  const tenant = tenantOf(ctx);
  const app = ficsOf(ctx);
  if (!mayEdit(ctx, tenant, app.owners)) throw denied();
  const body = ctx.body as FicWrite;
  const ficName = name ?? body.name;
  if (!ficName) throw graphError(400, 'Request_BadRequest', "Property 'name' is required.");
  if (body.name !== undefined && body.name !== ficName)
    throw graphError(400, 'Request_BadRequest', "Property 'name' is read-only and cannot be set.");
  const existing = app.federatedIdentityCredentials.find((f) => f.name === ficName);
  if (existing) {
    if (!name)
      throw graphError(
        409,
        'Request_MultipleObjectsWithSameKeyValue',
        `FederatedIdentityCredential with name ${ficName} already exists.`,
      );
    const merged = { ...existing, ...body, name: ficName } as FederatedCredential;
    validateFic(app, merged, ficName);
    Object.assign(existing, {
      issuer: merged.issuer,
      subject: merged.subject,
      audiences: [...merged.audiences],
      description: merged.description ?? null,
    });
    return { status: 204 };
  }
  if (app.federatedIdentityCredentials.length >= 20)
    throw graphError(400, 'Request_BadRequest', 'Maximum of 20 objects can be added to an application.');
  const fic = { ...body, name: ficName };
  validateFic(app, fic);
  const created: FederatedCredential = {
    id: randomUUID(),
    name: ficName,
    issuer: fic.issuer!,
    subject: fic.subject!,
    audiences: [...fic.audiences!],
    description: fic.description ?? null,
  };
  app.federatedIdentityCredentials.push(created);
  return ok(
    {
      '@odata.context': context(`applications('${app.id}')/federatedIdentityCredentials/$entity`),
      ...ficBody(created),
    },
    201,
  );
}

function ficByName(ctx: Ctx<PeerEngine>): { app: Application; fic: FederatedCredential } {
  const app = ficsOf(ctx);
  const key = ctx.params.fic!;
  const fic = app.federatedIdentityCredentials.find((f) => f.name === key || f.id === key);
  if (!fic) throw notFound(key);
  return { app, fic };
}

function deleteFic(ctx: Ctx<PeerEngine>): Reply {
  const { app, fic } = ficByName(ctx);
  if (!mayEdit(ctx, tenantOf(ctx), app.owners)) throw denied();
  app.federatedIdentityCredentials = app.federatedIdentityCredentials.filter((f) => f !== fic);
  return { status: 204 };
}

function spByAppId(ctx: Ctx<PeerEngine>): ServicePrincipal | undefined {
  const v = ctx.params.appId!.toLowerCase();
  return [...tenantOf(ctx).servicePrincipals.values()].find((s) => s.appId === v);
}

function newServicePrincipal(
  ctx: Ctx<PeerEngine>,
  appId: string,
  body: { tags?: string[]; notes?: string | null; description?: string | null; accountEnabled?: boolean | null },
): ServicePrincipal {
  const tenant = tenantOf(ctx);
  const app = [...tenant.applications.values()].find((a) => a.appId === appId.toLowerCase());
  if (!app || Date.now() - app.createdAt < ctx.peer.replication.servicePrincipalAfterApp) {
    throw graphError(
      400,
      'NoBackingApplicationObject',
      `The appId '${appId}' of the service principal does not reference a valid application object.`,
    );
  }
  if (!mayEdit(ctx, tenant, app.owners) && !mayCreateApps(ctx, tenant)) throw denied();
  if ([...tenant.servicePrincipals.values()].some((s) => s.appId === app.appId)) {
    throw graphError(
      409,
      'Request_MultipleObjectsWithSameKeyValue',
      'The service principal cannot be created, updated, or restored because the service principal name ' +
        app.appId +
        ' is already in use.',
    );
  }
  const sp: ServicePrincipal = {
    id: randomUUID(),
    appId: app.appId,
    tenantId: tenant.tenantId,
    displayName: app.displayName,
    owners: [],
    tags: body.tags ?? [],
    notes: body.notes ?? null,
    description: body.description ?? null,
    accountEnabled: body.accountEnabled ?? true,
    createdAt: Date.now(),
  };
  tenant.servicePrincipals.set(sp.id, sp);
  return sp;
}

function upsertSp(ctx: Ctx<PeerEngine>): Reply {
  const body = (ctx.body ?? {}) as { appId?: string | null; tags?: string[]; notes?: string | null };
  if (body.appId && body.appId.toLowerCase() !== ctx.params.appId!.toLowerCase())
    throw graphError(400, 'Request_BadRequest', 'The appId in the body does not match the key.');
  const existing = spByAppId(ctx);
  if (existing) {
    if (body.tags) existing.tags = [...body.tags];
    if (body.notes !== undefined) existing.notes = body.notes;
    return { status: 204 };
  }
  if (!/create-if-missing/i.test(String(ctx.headers.prefer ?? ''))) throw notFound(`appId='${ctx.params.appId}'`);
  const sp = newServicePrincipal(ctx, ctx.params.appId!, body);
  return ok({ '@odata.context': context('servicePrincipals/$entity'), ...spBody(sp) }, 201);
}

function createSp(ctx: Ctx<PeerEngine>): Reply {
  const body = ctx.body as { appId?: string | null; tags?: string[]; notes?: string | null };
  if (!body.appId) throw graphError(400, 'Request_BadRequest', "Property 'appId' is required.");
  const sp = newServicePrincipal(ctx, body.appId, body);
  return ok({ '@odata.context': context('servicePrincipals/$entity'), ...spBody(sp) }, 201);
}

function spById(ctx: Ctx<PeerEngine>): ServicePrincipal {
  const sp = tenantOf(ctx).servicePrincipals.get(ctx.params.id!);
  if (!sp || Date.now() - sp.createdAt < ctx.peer.replication.graphReadAfterWrite) throw notFound(ctx.params.id!);
  return sp;
}

function addOwner(ctx: Ctx<PeerEngine>): Reply {
  const tenant = tenantOf(ctx);
  const sp = spById(ctx);
  const app = [...tenant.applications.values()].find((a) => a.appId === sp.appId);
  if (!mayEdit(ctx, tenant, [...sp.owners, ...(app?.owners ?? [])])) throw denied();
  const ref = (ctx.body as { '@odata.id': string })['@odata.id'];
  const id = ref.split('/').pop() ?? '';
  if (!tenant.users.has(id) && !tenant.servicePrincipals.has(id)) throw notFound(id);
  if (sp.owners.includes(id))
    throw graphError(
      400,
      'Request_BadRequest',
      "One or more added object references already exist for the following modified properties: 'owners'.",
    );
  sp.owners.push(id);
  return { status: 204 };
}

function me(ctx: Ctx<PeerEngine>): Reply {
  const caller = ctx.caller!;
  const user = tenantOf(ctx).users.get(caller.oid);
  if (!user) throw graphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
  const body = { id: user.id, displayName: user.displayName, userPrincipalName: user.upn };
  return ok({ '@odata.context': context('users/$entity'), ...selectFields(body, ctx.query.get('$select')) });
}

function myRoles(ctx: Ctx<PeerEngine>): Reply {
  const user = tenantOf(ctx).users.get(ctx.caller!.oid);
  if (!user) throw graphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
  const value = user.directoryRoles.map((name) => {
    const templateId = DIRECTORY_ROLES[name];
    const body = {
      '@odata.type': '#microsoft.graph.directoryRole',
      id: templateId.replace(/^.{8}/, '00000000'),
      deletedDateTime: null,
      description: name,
      displayName: name,
      roleTemplateId: templateId,
    };
    return selectFields(body, ctx.query.get('$select') ? `${ctx.query.get('$select')},@odata.type` : null);
  });
  return ok({ '@odata.context': context('directoryRoles'), value });
}

function authorizationPolicy(ctx: Ctx<PeerEngine>): Reply {
  const tenant = tenantOf(ctx);
  return ok({
    '@odata.context': context('policies/authorizationPolicy/$entity'),
    id: 'authorizationPolicy',
    deletedDateTime: null,
    displayName: 'Authorization Policy',
    description: 'Used to manage authorization related settings across the company.',
    allowedToSignUpEmailBasedSubscriptions: true,
    allowedToUseSSPR: true,
    allowEmailVerifiedUsersToJoinOrganization: false,
    blockMsolPowerShell: false,
    guestUserRoleId: '10dae51f-b6af-4016-8d66-8c2a99b929b3',
    defaultUserRolePermissions: {
      allowedToCreateApps: tenant.authorizationPolicy.allowedToCreateApps,
      allowedToCreateSecurityGroups: true,
      allowedToCreateTenants: true,
      allowedToReadBitlockerKeysForOwnedDevice: true,
      allowedToReadOtherUsers: true,
      permissionGrantPoliciesAssigned: ['ManagePermissionGrantsForSelf.microsoft-user-default-legacy'],
    },
  });
}

const APPS = '/v1.0/applications';
const KEY = "({key}='{value}')";
export const graphRoutes: R[] = [
  graph({ name: 'me_get', method: 'GET', path: '/v1.0/me', responses: { 200: 'user' }, handle: me }),
  graph({
    name: 'me_transitiveMemberOf_directoryRole',
    method: 'GET',
    path: '/v1.0/me/transitiveMemberOf/microsoft.graph.directoryRole',
    responses: { 200: 'directoryRoleCollection' },
    handle: myRoles,
  }),
  graph({
    name: 'authorizationPolicy_get',
    method: 'GET',
    path: '/v1.0/policies/authorizationPolicy',
    responses: { 200: 'authorizationPolicy' },
    handle: authorizationPolicy,
  }),
  graph({
    name: 'applications_list',
    method: 'GET',
    path: APPS,
    responses: { 200: 'applicationCollection' },
    handle: listApps,
  }),
  graph({
    name: 'applications_create',
    method: 'POST',
    path: APPS,
    request: { schema: 'applicationWrite' },
    responses: { 201: 'application' },
    handle: createApp,
  }),
  graph({
    name: 'application_getByKey',
    method: 'GET',
    path: `${APPS}${KEY}`,
    responses: { 200: 'application' },
    handle: (ctx) => {
      const app = applicationByKey(ctx);
      if (!app) throw notFound(`${ctx.params.key}='${ctx.params.value}'`);
      return ok({
        '@odata.context': context('applications/$entity'),
        ...applicationBody(app, ctx.query.get('$select')),
      });
    },
  }),
  graph({
    name: 'application_upsert',
    method: 'PATCH',
    path: `${APPS}${KEY}`,
    request: { schema: 'applicationWrite' },
    responses: { 201: 'application', 204: null },
    handle: upsertByKey,
  }),
  graph({
    name: 'application_get',
    method: 'GET',
    path: `${APPS}/{id}`,
    responses: { 200: 'application' },
    handle: (ctx) =>
      ok({
        '@odata.context': context('applications/$entity'),
        ...applicationBody(appById(ctx), ctx.query.get('$select')),
      }),
  }),
  graph({
    name: 'application_update',
    method: 'PATCH',
    path: `${APPS}/{id}`,
    request: { schema: 'applicationWrite' },
    responses: { 204: null },
    handle: patchApp,
  }),
  graph({
    name: 'application_delete',
    method: 'DELETE',
    path: `${APPS}/{id}`,
    responses: { 204: null },
    handle: deleteApp,
  }),
  graph({
    name: 'fic_list',
    method: 'GET',
    path: `${APPS}/{id}/federatedIdentityCredentials`,
    responses: { 200: 'federatedIdentityCredentialCollection' },
    handle: (ctx) =>
      ok({
        '@odata.context': context('federatedIdentityCredentials'),
        value: ficsOf(ctx).federatedIdentityCredentials.map(ficBody),
      }),
  }),
  graph({
    name: 'fic_list',
    method: 'GET',
    path: `${APPS}(appId='{appId}')/federatedIdentityCredentials`,
    responses: { 200: 'federatedIdentityCredentialCollection' },
    handle: (ctx) =>
      ok({
        '@odata.context': context('federatedIdentityCredentials'),
        value: ficsOf(ctx).federatedIdentityCredentials.map(ficBody),
      }),
  }),
  graph({
    name: 'fic_create',
    method: 'POST',
    path: `${APPS}/{id}/federatedIdentityCredentials`,
    request: { schema: 'federatedIdentityCredentialWrite' },
    responses: { 201: 'federatedIdentityCredential' },
    handle: (ctx) => createFic(ctx),
  }),
  graph({
    name: 'fic_create',
    method: 'POST',
    path: `${APPS}(appId='{appId}')/federatedIdentityCredentials`,
    request: { schema: 'federatedIdentityCredentialWrite' },
    responses: { 201: 'federatedIdentityCredential' },
    handle: (ctx) => createFic(ctx),
  }),
  graph({
    name: 'fic_upsert',
    method: 'PATCH',
    path: `${APPS}/{id}/federatedIdentityCredentials(name='{fic}')`,
    request: { schema: 'federatedIdentityCredentialWrite' },
    responses: { 201: 'federatedIdentityCredential', 204: null },
    handle: (ctx) => createFic(ctx, ctx.params.fic),
  }),
  graph({
    name: 'fic_upsert',
    method: 'PATCH',
    path: `${APPS}(appId='{appId}')/federatedIdentityCredentials(name='{fic}')`,
    request: { schema: 'federatedIdentityCredentialWrite' },
    responses: { 201: 'federatedIdentityCredential', 204: null },
    handle: (ctx) => createFic(ctx, ctx.params.fic),
  }),
  graph({
    name: 'fic_get',
    method: 'GET',
    path: `${APPS}/{id}/federatedIdentityCredentials/{fic}`,
    responses: { 200: 'federatedIdentityCredential' },
    handle: (ctx) => ok(ficBody(ficByName(ctx).fic)),
  }),
  graph({
    name: 'fic_get',
    method: 'GET',
    path: `${APPS}(appId='{appId}')/federatedIdentityCredentials(name='{fic}')`,
    responses: { 200: 'federatedIdentityCredential' },
    handle: (ctx) => ok(ficBody(ficByName(ctx).fic)),
  }),
  graph({
    name: 'fic_delete',
    method: 'DELETE',
    path: `${APPS}/{id}/federatedIdentityCredentials/{fic}`,
    responses: { 204: null },
    handle: deleteFic,
  }),
  graph({
    name: 'fic_delete',
    method: 'DELETE',
    path: `${APPS}(appId='{appId}')/federatedIdentityCredentials(name='{fic}')`,
    responses: { 204: null },
    handle: deleteFic,
  }),
  graph({
    name: 'fic_delete',
    method: 'DELETE',
    path: `${APPS}/{id}/federatedIdentityCredentials(name='{fic}')`,
    responses: { 204: null },
    handle: deleteFic,
  }),
  graph({
    name: 'deletedItems_application_list',
    method: 'GET',
    path: '/v1.0/directory/deletedItems/microsoft.graph.application',
    responses: { 200: 'applicationCollection' },
    handle: listDeleted,
  }),
  graph({
    name: 'deletedItems_get',
    method: 'GET',
    path: '/v1.0/directory/deletedItems/{id}',
    responses: { 200: 'application' },
    handle: getDeleted,
  }),
  graph({
    name: 'deletedItems_restore',
    method: 'POST',
    path: '/v1.0/directory/deletedItems/{id}/restore',
    request: { schema: 'empty', optional: true },
    responses: { 200: 'application' },
    handle: restore,
  }),
  graph({
    name: 'deletedItems_delete',
    method: 'DELETE',
    path: '/v1.0/directory/deletedItems/{id}',
    responses: { 204: null },
    handle: purge,
  }),
  graph({
    name: 'servicePrincipals_create',
    method: 'POST',
    path: '/v1.0/servicePrincipals',
    request: { schema: 'servicePrincipalWrite' },
    responses: { 201: 'servicePrincipal' },
    handle: createSp,
  }),
  graph({
    name: 'servicePrincipal_getByAppId',
    method: 'GET',
    path: "/v1.0/servicePrincipals(appId='{appId}')",
    responses: { 200: 'servicePrincipal' },
    handle: (ctx) => {
      const sp = spByAppId(ctx);
      if (!sp) throw notFound(`appId='${ctx.params.appId}'`);
      return ok({ '@odata.context': context('servicePrincipals/$entity'), ...spBody(sp, ctx.query.get('$select')) });
    },
  }),
  graph({
    name: 'servicePrincipal_upsert',
    method: 'PATCH',
    path: "/v1.0/servicePrincipals(appId='{appId}')",
    request: { schema: 'servicePrincipalWrite', optional: true },
    responses: { 201: 'servicePrincipal', 204: null },
    handle: upsertSp,
  }),
  graph({
    name: 'servicePrincipal_get',
    method: 'GET',
    path: '/v1.0/servicePrincipals/{id}',
    responses: { 200: 'servicePrincipal' },
    handle: (ctx) =>
      ok({ '@odata.context': context('servicePrincipals/$entity'), ...spBody(spById(ctx), ctx.query.get('$select')) }),
  }),
  graph({
    name: 'servicePrincipal_owners_list',
    method: 'GET',
    path: '/v1.0/servicePrincipals/{id}/owners',
    responses: { 200: 'directoryObjectCollection' },
    handle: (ctx) => {
      const sp = spById(ctx);
      const tenant = tenantOf(ctx);
      const value = sp.owners.map((id) => ({
        '@odata.type': tenant.users.has(id) ? '#microsoft.graph.user' : '#microsoft.graph.servicePrincipal',
        id,
      }));
      return ok({ '@odata.context': context('directoryObjects'), value });
    },
  }),
  graph({
    name: 'servicePrincipal_owners_add',
    method: 'POST',
    path: '/v1.0/servicePrincipals/{id}/owners/$ref',
    request: { schema: 'referenceCreate' },
    responses: { 204: null },
    handle: addOwner,
  }),
];
