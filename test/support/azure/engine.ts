/**
 * The peer's engine: state, knobs, logs, token issuing and the dispatch of every request through the
 * route table with strict checking (unknown route → 501, invalid request/response body → 500 with
 * the schema path; all recorded for `assertClean`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { makeSigner, type Signer } from './jwt';
import {
  aadError,
  armError,
  compileTemplate,
  Fail,
  graphError,
  schemaKindOf,
  type Caller,
  type Ctx,
  type Reply,
  type Route,
} from './http';
import { newComputeWorld, type ComputeWorld } from './routes-compute';
import { newIdentityStore, type IdentityStore } from './routes-identity';
import { check } from './schemas/index';
import { isAllowed } from './rbac';
import { PROVIDER_NAMESPACES, type PeerState, type Tenant } from './state';
import { AZURE_HOSTS, type AzureHost } from './tls';

export interface ReplicationOptions {
  /** SP create answers 400 NoBackingApplicationObject for this long after its app was created. */
  servicePrincipalAfterApp: number;
  /** Role assignment PUT answers 400 PrincipalNotFound this long after the SP was created… */
  principalAfterServicePrincipal: number;
  /** …unless the body says principalType (ARM then skips the directory lookup). */
  principalTypeSkipsLookup: boolean;
  /** Role assignment PUT answers RoleDefinitionDoesNotExist this long after the role was PUT. */
  roleDefinitionAfterPut: number;
  /** Graph reads/writes by object id (and $filter) miss an app this long after it was created. */
  graphReadAfterWrite: number;
  /** Provider Registering → Registered. */
  providerRegistration: number;
  /** Resource group delete (202) until it is gone. */
  resourceGroupDelete: number;
}

export interface PeerOptions {
  replication?: Partial<ReplicationOptions>;
  /** Added before every answer. */
  latencyMs?: number;
  /** Page size of the paged ARM lists (storage accounts, vaults, secrets). */
  pageSize?: number;
}

export interface RequestRecord {
  method: string;
  host: string;
  path: string;
  query: string;
  status: number;
  isWrite: boolean;
  operation: string;
  caller?: string;
}

export interface Problem {
  kind: 'unknown-route' | 'invalid-request' | 'invalid-response' | 'unknown-api-version' | 'handler-crash';
  request: string;
  detail: string;
}

const READ_METHODS = new Set(['GET', 'HEAD']);
const ARM_AUDIENCES = new Set([
  'https://management.azure.com',
  'https://management.azure.com/',
  'https://management.core.windows.net/',
  'https://management.core.windows.net',
]);
const GRAPH_AUDIENCES = new Set([
  'https://graph.microsoft.com',
  'https://graph.microsoft.com/',
  '00000003-0000-0000-c000-000000000000',
]);

export class PeerEngine {
  readonly signer: Signer = makeSigner();
  readonly requests: RequestRecord[] = [];
  readonly problems: Problem[] = [];
  readonly throttle: { remaining: number; retryAfterSeconds: number; api?: 'arm' | 'graph'; writesOnly?: boolean } = {
    remaining: 0,
    retryAfterSeconds: 1,
  };
  readonly identity: IdentityStore = newIdentityStore();
  /** VM sizes, restrictions and vCPU quotas for the Compute reads. */
  readonly compute: ComputeWorld = newComputeWorld();
  /** Finished long-running operations (RG deletes), by operation id. */
  readonly completedOperations = new Set<string>();
  readonly replication: ReplicationOptions;
  latencyMs: number;
  pageSize: number;
  private readonly routes: { route: Route<PeerEngine>; regex: RegExp; names: string[] }[] = [];

  constructor(
    readonly state: PeerState,
    readonly homeTenantId: string,
    options: PeerOptions,
  ) {
    this.replication = {
      servicePrincipalAfterApp: 0,
      principalAfterServicePrincipal: 0,
      principalTypeSkipsLookup: true,
      roleDefinitionAfterPut: 0,
      graphReadAfterWrite: 0,
      providerRegistration: 300,
      resourceGroupDelete: 300,
      ...options.replication,
    };
    this.latencyMs = options.latencyMs ?? 0;
    this.pageSize = options.pageSize ?? 50;
  }

  addRoutes(routes: Route<PeerEngine>[]): void {
    for (const route of routes) this.routes.push({ route, ...compileTemplate(route.path) });
  }

  tenant(tenantId: string): Tenant {
    const t = this.state.tenants.get(tenantId.toLowerCase());
    if (!t) throw new Error(`peer: no tenant ${tenantId}`);
    return t;
  }

  knownNamespace(ns: string): string | undefined {
    return PROVIDER_NAMESPACES.find((n) => n.toLowerCase() === ns.toLowerCase());
  }

  can(principalId: string, action: string, scope: string): boolean {
    return isAllowed(this.state, principalId, action, scope);
  }

  /** Resolve `common`, `organizations`, a tenant id or a tenant domain to a tenant. */
  resolveTenant(name: string): Tenant | undefined {
    const lower = name.toLowerCase();
    if (lower === 'common' || lower === 'organizations') return this.state.tenants.get(this.homeTenantId);
    return (
      this.state.tenants.get(lower) ??
      [...this.state.tenants.values()].find((t) => t.defaultDomain.toLowerCase() === lower)
    );
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const hostHeader = (req.headers.host ?? '').split(':')[0]!.toLowerCase();
    const host = (AZURE_HOSTS as readonly string[]).includes(hostHeader) ? (hostHeader as AzureHost) : undefined;
    const url = new URL(req.url ?? '/', 'https://peer.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/%27/gi, "'").replace(/%28/gi, '(').replace(/%29/gi, ')');
    const label = `${method} ${hostHeader}${url.pathname}${url.search}`;
    let operation = '?';
    let caller: Caller | undefined;
    let reply: Reply;
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
    const sni = (req.socket as { servername?: string | false }).servername;
    if (!host) {
      reply = this.unknown(label, `no such host '${hostHeader}'`);
    } else if (sni && sni.toLowerCase() !== host) {
      reply = this.unknown(label, `TLS server name '${sni}' does not match the Host header`);
    } else {
      const found = this.match(host, method, path);
      if (!found) {
        reply = this.unknown(label, 'no route');
      } else {
        operation = found.route.name;
        const ctx: Ctx<PeerEngine> = {
          peer: this,
          host,
          method,
          path,
          query: url.searchParams,
          headers: req.headers,
          rawBody,
          body: undefined,
          params: found.params,
        };
        try {
          reply = await this.run(found.route, ctx, label);
        } catch (error) {
          if (error instanceof Fail) reply = error.reply;
          else {
            this.problems.push({
              kind: 'handler-crash',
              request: label,
              detail: error instanceof Error ? (error.stack ?? error.message) : String(error),
            });
            reply = { status: 500, body: { error: { code: 'PeerCrash', message: String(error) } } };
          }
        }
        caller = ctx.caller;
        reply = this.checkResponse(found.route, host, reply, label);
      }
    }
    this.requests.push({
      method,
      host: hostHeader,
      path: url.pathname,
      query: url.search,
      status: reply.status,
      isWrite: host !== 'login.microsoftonline.com' && !READ_METHODS.has(method),
      operation,
      caller: caller?.upn ?? caller?.oid,
    });
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.body !== undefined && !headers['content-type'])
      headers['content-type'] = 'application/json; charset=utf-8';
    if (host === 'management.azure.com') headers['x-ms-request-id'] ??= crypto.randomUUID();
    res.writeHead(reply.status, headers);
    res.end(
      reply.body === undefined ? undefined : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body),
    );
  }

  private match(host: AzureHost, method: string, path: string) {
    for (const r of this.routes) {
      if (r.route.host !== host || r.route.method !== method) continue;
      const m = r.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1] ?? '')));
      return { route: r.route, params };
    }
    return undefined;
  }

  /** A request the route exists for but whose variant (a query, a filter) the peer does not model: 501, recorded. */
  notModelled(ctx: Ctx<PeerEngine>, why: string): Fail {
    const search = ctx.query.toString();
    return new Fail(this.unknown(`${ctx.method} ${ctx.host}${ctx.path}${search ? `?${search}` : ''}`, why));
  }

  private unknown(label: string, why: string): Reply {
    this.problems.push({ kind: 'unknown-route', request: label, detail: why });
    return {
      status: 501,
      body: { error: { code: 'PeerUnknownRoute', message: `The Azure peer has no route for ${label} (${why}).` } },
    };
  }

  private violation(kind: Problem['kind'], label: string, errors: string[]): Reply {
    this.problems.push({ kind, request: label, detail: errors.join('; ') });
    return {
      status: 500,
      body: { error: { code: 'PeerContractViolation', message: `${kind} for ${label}: ${errors.join('; ')}` } },
    };
  }

  private async run(route: Route<PeerEngine>, ctx: Ctx<PeerEngine>, label: string): Promise<Reply> {
    if (route.apiVersions) {
      const v = ctx.query.get('api-version');
      if (!v || !route.apiVersions.includes(v)) {
        this.problems.push({
          kind: 'unknown-api-version',
          request: label,
          detail: `api-version ${v ?? '(none)'} not in ${route.apiVersions.join(', ')}`,
        });
        throw armError(
          400,
          v ? 'InvalidApiVersionParameter' : 'MissingApiVersionParameter',
          v
            ? `The api-version '${v}' is invalid. The supported versions are '${route.apiVersions.join(',')}'.`
            : 'The api-version query parameter (?api-version=) is required for all requests.',
        );
      }
    }
    if (route.auth !== 'none') ctx.caller = this.authenticate(route.auth, ctx);
    const t = this.throttle;
    if (
      t.remaining > 0 &&
      route.auth !== 'none' &&
      (!t.api || t.api === route.auth) &&
      (!t.writesOnly || !READ_METHODS.has(ctx.method))
    ) {
      this.throttle.remaining--;
      const headers = { 'retry-after': String(this.throttle.retryAfterSeconds) };
      const message = 'The request was throttled. Retry after the number of seconds in Retry-After.';
      throw route.auth === 'arm'
        ? armError(429, 'TooManyRequests', message, headers)
        : graphError(429, 'TooManyRequests', message, headers);
    }
    const kind = schemaKindOf(ctx.host);
    if (kind === 'identity') {
      ctx.body = Object.fromEntries(new URLSearchParams(ctx.rawBody));
    } else if (ctx.rawBody.trim()) {
      try {
        ctx.body = JSON.parse(ctx.rawBody);
      } catch {
        return this.violation('invalid-request', label, ['body is not JSON']);
      }
    }
    if (route.request) {
      if (ctx.body === undefined) {
        if (!route.request.optional)
          return this.violation('invalid-request', label, [`a ${route.request.schema} body is required`]);
      } else {
        const errors = check(kind, route.request.schema, ctx.body);
        if (errors.length) return this.violation('invalid-request', label, errors);
      }
    } else if (ctx.body !== undefined && kind !== 'identity') {
      return this.violation('invalid-request', label, ['this operation takes no body']);
    }
    return route.handle(ctx);
  }

  private authenticate(aud: 'arm' | 'graph', ctx: Ctx<PeerEngine>): Caller {
    const header = String(ctx.headers.authorization ?? '');
    const fail = (code: string, message: string) =>
      aud === 'arm'
        ? armError(401, code, message, {
            'www-authenticate':
              'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token"',
          })
        : graphError(401, code, message);
    if (!header.toLowerCase().startsWith('bearer ')) {
      throw aud === 'arm'
        ? fail('AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.")
        : fail('InvalidAuthenticationToken', 'Access token is empty.');
    }
    const claims = this.signer.verify(header.slice(7).trim());
    if (!claims)
      throw aud === 'arm'
        ? fail('InvalidAuthenticationToken', 'The access token is invalid.')
        : fail('InvalidAuthenticationToken', 'Access token validation failure.');
    const audiences = aud === 'arm' ? ARM_AUDIENCES : GRAPH_AUDIENCES;
    if (!audiences.has(String(claims.aud))) {
      throw aud === 'arm'
        ? fail(
            'InvalidAuthenticationTokenAudience',
            `The access token has been obtained for wrong audience or resource '${String(claims.aud)}'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'.`,
          )
        : fail('InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
    }
    return {
      oid: String(claims.oid),
      tid: String(claims.tid),
      kind: claims.idtyp === 'app' ? 'servicePrincipal' : 'user',
      upn: typeof claims.upn === 'string' ? claims.upn : undefined,
      appId: String(claims.appid ?? claims.azp ?? ''),
      aud: String(claims.aud),
    };
  }

  private checkResponse(route: Route<PeerEngine>, host: AzureHost, reply: Reply, label: string): Reply {
    if (reply.status === 500 && (reply.body as { error?: { code?: string } })?.error?.code === 'PeerContractViolation')
      return reply;
    if (reply.status === 302) return reply;
    const kind = schemaKindOf(host);
    let schema: string | null | undefined;
    if (reply.status >= 400) schema = kind === 'arm' ? 'CloudError' : kind === 'graph' ? 'GraphError' : 'AadError';
    else if (reply.status in route.responses) schema = route.responses[reply.status];
    else
      return this.violation('invalid-response', label, [
        `status ${reply.status} is not a declared answer of ${route.name}`,
      ]);
    if (schema === null) {
      return reply.body === undefined
        ? reply
        : this.violation('invalid-response', label, [`${route.name} ${reply.status} has no body`]);
    }
    if (typeof reply.body === 'string') return reply;
    const errors = check(kind, schema!, reply.body);
    return errors.length ? this.violation('invalid-response', label, errors) : reply;
  }

  /** Issue an access token for `resource` (an audience) to a user or service principal. */
  accessToken(p: {
    tenant: Tenant;
    oid: string;
    resource: string;
    clientId: string;
    upn?: string;
    name?: string;
    app?: boolean;
    scp?: string;
  }): string {
    const now = Math.floor(Date.now() / 1000);
    return this.signer.sign({
      aud: p.resource,
      iss: `https://sts.windows.net/${p.tenant.tenantId}/`,
      iat: now,
      nbf: now,
      exp: now + 3600,
      tid: p.tenant.tenantId,
      oid: p.oid,
      sub: p.oid,
      appid: p.clientId,
      azp: p.clientId,
      idtyp: p.app ? 'app' : 'user',
      ver: '1.0',
      ...(p.app ? { roles: [] } : { upn: p.upn, unique_name: p.upn, name: p.name, scp: p.scp ?? 'user_impersonation' }),
    });
  }

  idToken(p: { tenant: Tenant; oid: string; clientId: string; upn: string; name: string; nonce?: string }): string {
    const now = Math.floor(Date.now() / 1000);
    return this.signer.sign({
      aud: p.clientId,
      iss: `https://login.microsoftonline.com/${p.tenant.tenantId}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + 3600,
      name: p.name,
      oid: p.oid,
      preferred_username: p.upn,
      sub: p.oid,
      tid: p.tenant.tenantId,
      ver: '2.0',
      ...(p.nonce ? { nonce: p.nonce } : {}),
    });
  }
}

export const aad = aadError;
