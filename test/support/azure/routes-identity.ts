/**
 * login.microsoftonline.com as MSAL Node 5 (@azure/identity 4.13) and MSAL Python 1.21 (az 2.45) use
 * it: instance discovery, OpenID configuration, user realm, device code, authorize (auto sign-in,
 * 302 to the loopback redirect), and the token endpoint's grants (client_credentials, password,
 * device code in both spellings, authorization_code + PKCE, refresh_token).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { aad, type PeerEngine } from './engine';
import { ok, type Ctx, type Reply, type Route } from './http';
import type { Tenant, User } from './state';

const LOGIN = 'https://login.microsoftonline.com';
const KNOWN_RESOURCES = new Map([
  ['https://management.azure.com', 'https://management.azure.com'],
  ['https://management.azure.com/', 'https://management.azure.com'],
  ['https://management.core.windows.net', 'https://management.core.windows.net/'],
  ['https://management.core.windows.net/', 'https://management.core.windows.net/'],
  ['https://graph.microsoft.com', 'https://graph.microsoft.com'],
  ['https://graph.microsoft.com/', 'https://graph.microsoft.com'],
  ['00000003-0000-0000-c000-000000000000', 'https://graph.microsoft.com'],
]);
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

interface Grant {
  tenantId: string;
  userId: string;
  clientId: string;
}
interface PendingCode extends Grant {
  redirectUri: string;
  challenge?: string;
  nonce?: string;
  scope: string;
  expiresAt: number;
}
interface DeviceCode {
  tenantId: string;
  clientId: string;
  scope: string;
  userCode: string;
  polls: number;
  expiresAt: number;
}

/** Who signs in at the (simulated) browser and device-code pages; set through the peer API. */
export interface SignInPolicy {
  /** UPN approved on the device-code page after one `authorization_pending`; undefined = never. */
  deviceCodeUser?: string;
  /** UPN signed in on the authorize page (unless login_hint names another). */
  browserUser?: string;
}

export interface IdentityStore {
  codes: Map<string, PendingCode>;
  refreshTokens: Map<string, Grant>;
  deviceCodes: Map<string, DeviceCode>;
  signIn: SignInPolicy;
}

export const newIdentityStore = (): IdentityStore => ({
  codes: new Map(),
  refreshTokens: new Map(),
  deviceCodes: new Map(),
  signIn: {},
});

function tenantOrFail(peer: PeerEngine, name: string): Tenant {
  const t = peer.resolveTenant(name);
  if (!t)
    throw aad(
      400,
      'invalid_request',
      90002,
      `Tenant '${name}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    );
  return t;
}

/** The resource (token audience) a scope list asks for; OIDC scopes alone mean Graph. */
function resourceOf(scope: string): string {
  const resources = new Set<string>();
  for (const s of scope.split(/\s+/).filter(Boolean)) {
    if (OIDC_SCOPES.has(s.toLowerCase())) continue;
    const cut = s.lastIndexOf('/');
    const resource = cut > 0 ? s.slice(0, cut) : 'https://graph.microsoft.com';
    const known = KNOWN_RESOURCES.get(resource.toLowerCase());
    if (!known)
      throw aad(
        400,
        'invalid_resource',
        500011,
        `The resource principal named ${resource} was not found in the tenant.`,
      );
    resources.add(known);
  }
  if (resources.size > 1)
    throw aad(
      400,
      'invalid_scope',
      70011,
      "The provided value for the input parameter 'scope' is not valid. Only one resource may be requested at a time.",
    );
  return [...resources][0] ?? 'https://graph.microsoft.com';
}

function userByUpn(tenant: Tenant, upn: string | undefined): User | undefined {
  if (!upn) return undefined;
  return [...tenant.users.values()].find((u) => u.upn.toLowerCase() === upn.toLowerCase());
}

function userTokens(
  peer: PeerEngine,
  tenant: Tenant,
  user: User,
  clientId: string,
  scope: string,
  wantClientInfo: boolean,
  nonce?: string,
): Reply {
  const resource = resourceOf(scope);
  const refresh = randomBytes(24).toString('base64url');
  peer.identity.refreshTokens.set(refresh, { tenantId: tenant.tenantId, userId: user.id, clientId });
  const scopes = scope.split(/\s+/).filter((s) => s && !OIDC_SCOPES.has(s.toLowerCase()));
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: scopes.length ? scopes.join(' ') : `${resource}/.default`,
    expires_in: 3599,
    ext_expires_in: 3599,
    access_token: peer.accessToken({ tenant, oid: user.id, resource, clientId, upn: user.upn, name: user.displayName }),
    refresh_token: refresh,
    id_token: peer.idToken({ tenant, oid: user.id, clientId, upn: user.upn, name: user.displayName, nonce }),
  };
  if (wantClientInfo)
    body.client_info = Buffer.from(JSON.stringify({ uid: user.id, utid: tenant.tenantId })).toString('base64url');
  return ok(body);
}

function clientCredentials(peer: PeerEngine, tenant: Tenant, form: Record<string, string>): Reply {
  const app = [...tenant.applications.values()].find((a) => a.appId === form.client_id);
  if (!app)
    throw aad(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${form.client_id}' was not found in the directory '${tenant.displayName}'.`,
    );
  if (!form.client_secret || !app.secrets.includes(form.client_secret)) {
    throw aad(
      401,
      'invalid_client',
      7000215,
      'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
    );
  }
  const sp = [...tenant.servicePrincipals.values()].find((s) => s.appId === app.appId);
  if (!sp)
    throw aad(
      400,
      'unauthorized_client',
      7000229,
      `The client application ${app.appId} is missing service principal in the tenant ${tenant.tenantId}.`,
    );
  const resource = resourceOf(form.scope ?? '');
  return ok({
    token_type: 'Bearer',
    expires_in: 3599,
    ext_expires_in: 3599,
    access_token: peer.accessToken({ tenant, oid: sp.id, resource, clientId: app.appId, app: true }),
  });
}

function deviceCodeGrant(peer: PeerEngine, tenant: Tenant, form: Record<string, string>): Reply {
  const pending = peer.identity.deviceCodes.get(form.device_code ?? '');
  if (!pending || pending.tenantId !== tenant.tenantId)
    throw aad(400, 'invalid_grant', 70000, 'Provided grant is invalid or malformed.');
  if (Date.now() > pending.expiresAt)
    throw aad(
      400,
      'expired_token',
      70020,
      "The provided value for the input parameter 'device_code' is not valid. This device code has expired.",
    );
  pending.polls++;
  const user = userByUpn(tenant, peer.identity.signIn.deviceCodeUser);
  if (!user || pending.polls < 2)
    throw aad(
      400,
      'authorization_pending',
      70016,
      'OAuth 2.0 device flow error. Authorization is pending. Continue polling.',
    );
  peer.identity.deviceCodes.delete(form.device_code!);
  return userTokens(peer, tenant, user, pending.clientId, form.scope ?? pending.scope, form.client_info === '1');
}

function authorizationCode(peer: PeerEngine, tenant: Tenant, form: Record<string, string>): Reply {
  const pending = peer.identity.codes.get(form.code ?? '');
  peer.identity.codes.delete(form.code ?? '');
  if (!pending || pending.tenantId !== tenant.tenantId || pending.expiresAt < Date.now())
    throw aad(
      400,
      'invalid_grant',
      54005,
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    );
  if (pending.clientId !== form.client_id)
    throw aad(400, 'invalid_grant', 70000, 'The code was issued to another client.');
  if (pending.redirectUri !== form.redirect_uri)
    throw aad(
      400,
      'invalid_grant',
      50148,
      'The redirect_uri does not match the one used in the authorization request.',
    );
  if (pending.challenge) {
    const digest = createHash('sha256')
      .update(form.code_verifier ?? '')
      .digest('base64url');
    if (digest !== pending.challenge)
      throw aad(
        400,
        'invalid_grant',
        501481,
        'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
      );
  }
  const user = tenant.users.get(pending.userId)!;
  return userTokens(
    peer,
    tenant,
    user,
    pending.clientId,
    form.scope ?? pending.scope,
    form.client_info === '1',
    pending.nonce,
  );
}

function refreshGrant(peer: PeerEngine, tenant: Tenant, form: Record<string, string>): Reply {
  const grant = peer.identity.refreshTokens.get(form.refresh_token ?? '');
  if (!grant) throw aad(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
  const home = peer.tenant(grant.tenantId).users.get(grant.userId)!;
  const user = tenant.tenantId === grant.tenantId ? home : userByUpn(tenant, home.upn);
  if (!user)
    throw aad(
      400,
      'invalid_grant',
      50020,
      `User account '${home.upn}' from identity provider does not exist in tenant '${tenant.displayName}' and cannot access the application.`,
    );
  return userTokens(peer, tenant, user, form.client_id ?? grant.clientId, form.scope ?? '', form.client_info === '1');
}

function password(peer: PeerEngine, tenant: Tenant, form: Record<string, string>): Reply {
  const user = userByUpn(tenant, form.username);
  if (!user || user.password !== form.password)
    throw aad(400, 'invalid_grant', 50126, 'Error validating credentials due to invalid username or password.');
  return userTokens(peer, tenant, user, form.client_id ?? '', form.scope ?? '', form.client_info === '1');
}

function token(ctx: Ctx<PeerEngine>): Reply {
  const tenant = tenantOrFail(ctx.peer, ctx.params.tenant!);
  const form = ctx.body as Record<string, string>;
  if (!form.client_id)
    throw aad(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
  switch (form.grant_type) {
    case 'client_credentials':
      return clientCredentials(ctx.peer, tenant, form);
    case 'password':
      return password(ctx.peer, tenant, form);
    case 'device_code':
    case 'urn:ietf:params:oauth:grant-type:device_code':
      return deviceCodeGrant(ctx.peer, tenant, form);
    case 'authorization_code':
      return authorizationCode(ctx.peer, tenant, form);
    case 'refresh_token':
      return refreshGrant(ctx.peer, tenant, form);
    default:
      throw aad(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${form.grant_type ?? ''}'.`,
      );
  }
}

function authorize(ctx: Ctx<PeerEngine>): Reply {
  const tenant = tenantOrFail(ctx.peer, ctx.params.tenant!);
  const q = ctx.query;
  const redirect = q.get('redirect_uri') ?? '';
  let target: URL;
  try {
    target = new URL(redirect);
  } catch {
    throw aad(
      400,
      'invalid_request',
      50011,
      `The redirect URI '${redirect}' specified in the request does not match the redirect URIs configured for the application.`,
    );
  }
  if (target.protocol !== 'http:' || !['localhost', '127.0.0.1'].includes(target.hostname)) {
    throw aad(
      400,
      'invalid_request',
      50011,
      `The redirect URI '${redirect}' specified in the request does not match the redirect URIs configured for the application.`,
    );
  }
  if (q.get('response_type') !== 'code')
    throw aad(400, 'unsupported_response_type', 70005, "The response_type 'code' is required.");
  const user = userByUpn(tenant, q.get('login_hint') ?? ctx.peer.identity.signIn.browserUser);
  if (!user) {
    target.searchParams.set('error', 'access_denied');
    target.searchParams.set(
      'error_description',
      'AADSTS50058: A silent sign-in request was sent but no user is signed in.',
    );
  } else {
    const code = randomBytes(24).toString('base64url');
    ctx.peer.identity.codes.set(code, {
      tenantId: tenant.tenantId,
      userId: user.id,
      clientId: q.get('client_id') ?? '',
      redirectUri: redirect,
      challenge: q.get('code_challenge') ?? undefined,
      nonce: q.get('nonce') ?? undefined,
      scope: q.get('scope') ?? '',
      expiresAt: Date.now() + 600_000,
    });
    target.searchParams.set('code', code);
    target.searchParams.set(
      'client_info',
      Buffer.from(JSON.stringify({ uid: user.id, utid: tenant.tenantId })).toString('base64url'),
    );
  }
  const state = q.get('state');
  if (state) target.searchParams.set('state', state);
  return { status: 302, headers: { location: target.toString() } };
}

function openIdConfiguration(ctx: Ctx<PeerEngine>): Reply {
  const name = ctx.params.tenant!;
  const tenant = tenantOrFail(ctx.peer, name);
  const specific = !['common', 'organizations'].includes(name.toLowerCase());
  const base = `${LOGIN}/${name}`;
  return ok({
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${LOGIN}/${specific ? tenant.tenantId : '{tenantid}'}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nonce', 'oid', 'tid', 'preferred_username', 'name'],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: 'NA',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  });
}

function instanceDiscovery(ctx: Ctx<PeerEngine>): Reply {
  const endpoint = ctx.query.get('authorization_endpoint') ?? `${LOGIN}/common/oauth2/v2.0/authorize`;
  const tenant = new URL(endpoint).pathname.split('/')[1] || 'common';
  return ok({
    tenant_discovery_endpoint: `${LOGIN}/${tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [
      {
        preferred_network: 'login.microsoftonline.com',
        preferred_cache: 'login.windows.net',
        aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'],
      },
    ],
  });
}

function deviceCode(ctx: Ctx<PeerEngine>): Reply {
  const tenant = tenantOrFail(ctx.peer, ctx.params.tenant!);
  const form = ctx.body as Record<string, string>;
  resourceOf(form.scope ?? '');
  const device = randomBytes(24).toString('base64url');
  const userCode = randomBytes(5).toString('hex').toUpperCase().slice(0, 9);
  ctx.peer.identity.deviceCodes.set(device, {
    tenantId: tenant.tenantId,
    clientId: form.client_id ?? '',
    scope: form.scope ?? '',
    userCode,
    polls: 0,
    expiresAt: Date.now() + 900_000,
  });
  return ok({
    user_code: userCode,
    device_code: device,
    verification_uri: 'https://microsoft.com/devicelogin',
    expires_in: 900,
    interval: 1,
    message: `To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ${userCode} to authenticate.`,
  });
}

function userRealm(ctx: Ctx<PeerEngine>): Reply {
  const upn = ctx.params.upn!;
  const domain = upn.split('@')[1] ?? '';
  return ok({
    ver: '1.0',
    account_type: 'Managed',
    domain_name: domain,
    cloud_instance_name: 'microsoftonline.com',
    cloud_audience_urn: 'urn:federation:MicrosoftOnline',
  });
}

const id = (
  name: string,
  method: Route<PeerEngine>['method'],
  path: string,
  schema: string,
  handle: Route<PeerEngine>['handle'],
): Route<PeerEngine> => ({
  name,
  host: 'login.microsoftonline.com',
  method,
  path,
  auth: 'none',
  responses: { 200: schema },
  handle,
});

export const identityRoutes: Route<PeerEngine>[] = [
  id('instance_discovery', 'GET', '/common/discovery/instance', 'InstanceDiscovery', instanceDiscovery),
  id('user_realm', 'GET', '/common/userrealm/{upn}', 'UserRealm', userRealm),
  id(
    'openid_configuration',
    'GET',
    '/{tenant}/v2.0/.well-known/openid-configuration',
    'OpenIdConfiguration',
    openIdConfiguration,
  ),
  id('jwks', 'GET', '/{tenant}/discovery/v2.0/keys', 'Jwks', (ctx) => ok({ keys: [ctx.peer.signer.jwk()] })),
  id('token', 'POST', '/{tenant}/oauth2/v2.0/token', 'TokenResponse', token),
  id('devicecode', 'POST', '/{tenant}/oauth2/v2.0/devicecode', 'DeviceCodeResponse', deviceCode),
  {
    ...id('authorize', 'GET', '/{tenant}/oauth2/v2.0/authorize', 'TokenResponse', authorize),
    responses: { 302: null },
  },
];

export const newTraceId = randomUUID;
