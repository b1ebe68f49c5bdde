/**
 * A strict, stateful local Azure for tests: login.microsoftonline.com, management.azure.com and
 * graph.microsoft.com on one HTTPS server (routing by Host), reached through a local CONNECT proxy
 * that tunnels only those three hosts, with a throwaway test root CA. The app keeps the real URLs.
 *
 *   const peer = await startAzurePeer({ replication: { servicePrincipalAfterApp: 500 } });
 *   // subprocesses (az, the app, e2e hosts):   spawn(cmd, args, { env: { ...process.env, ...peer.env } })
 *   // in-process @azure/identity + pipeline:   new X(..., peer.pipelineOptions) / createPipelineFromOptions(peer.pipelineOptions)
 *   const credential = peer.credentialFor(peer.admin.upn);     // a real @azure/identity TokenCredential
 *   …
 *   peer.assertClean();   // throws on any unknown route, invalid request/response body, refused proxy target
 *   await peer.close();
 *
 * What it enforces (see the route files): ARM api-versions; token audiences (ARM vs Graph); RBAC
 * (403 AuthorizationFailed from the caller's role assignments: Owner, Contributor, User Access
 * Administrator, Reader, RBAC Administrator, custom roles); tenant-unique custom role names (409
 * RoleDefinitionWithSameNameExists); one assignment per principal+role+scope (409
 * RoleAssignmentExists); immutable assignment principal/scope (400 RoleAssignmentUpdateNotPermitted);
 * assignable scopes that exist; role definitions in use cannot be deleted; Graph uniqueName unique
 * incl. the recycle bin (400 Request_BadRequest) and immutable; 20 FICs per app, issuer+subject unique;
 * Entra Authorization_RequestDenied when the user may not register apps; MissingSubscriptionRegistration;
 * replication windows (`replication`), 429 + Retry-After (`throttleNext`), latency (`latencyMs`).
 *
 * Every request body and every response the peer sends is validated against the schemas in
 * ./schemas (written from the official contracts); a violation answers 500 and is recorded.
 * An unknown route answers 501 and is recorded. `assertClean()` lists them all.
 *
 * Stable API (the provisioner's integration tests and the e2e host code against it):
 *   env, pipelineOptions, httpClient, rootPem, rootPemPath, proxyUrl, azureConfigDir
 *   tenantId, tenant, admin (Owner of `subscription`), subscription, users, subscriptions, state
 *   addTenant, addUser, addGroup, addSubscription, addResourceGroup, addStorageAccount, addKeyVault,
 *   addManagedCluster, addResource, assignRole, addCustomRole, setProviderState, addTerraformFootprint,
 *   addApplication, addServicePrincipalLogin, softDeleteApp, setCanRegisterApps, setQuota,
 *   restrictVmSize, vmSizes (Compute SKUs / vCPU usages for the node-pool checks)
 *   replication (mutable), throttleNext(n, retryAfterSeconds, {api?, writesOnly?}), latencyMs (get/set), signIn
 *   credentialFor(upn, tenantId?), requests, writes(), clearLog(), problems, refused, assertClean(), close()
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { UsernamePasswordCredential, type TokenCredential } from '@azure/identity';
import { createDefaultHttpClient, type HttpClient, type PipelinePolicy } from '@azure/core-rest-pipeline';
import { PeerEngine, type PeerOptions, type Problem, type ReplicationOptions, type RequestRecord } from './engine';
import { startConnectProxy, type ConnectProxy } from './proxy';
import { armRoutes } from './routes-arm';
import { computeRoutes, type VmSize } from './routes-compute';
import { graphRoutes } from './routes-graph';
import { identityRoutes, type SignInPolicy } from './routes-identity';
import { rbacRoutes } from './routes-rbac';
import { Seeder } from './seed';
import { newTenant, type PeerState, type Subscription, type Tenant, type User } from './state';
import { makePeerCertificates, type PeerCertificates } from './tls';
import { TunnelAgent, tunnelPolicy } from './tunnel';

export type { ReplicationOptions, RequestRecord, Problem } from './engine';
export { DIRECTORY_ROLES } from './state';
export type {
  Application,
  KeyVault,
  RoleAssignment,
  RoleDefinition,
  ServicePrincipal,
  StorageAccount,
  Subscription,
  Tenant,
  User,
} from './state';

/**
 * az (2.45) checks connectivity to this host on its first run in a fresh AZURE_CONFIG_DIR, before
 * looking for a newer version; the proxy refuses it (nothing leaves the machine) and az goes on.
 */
export const AZ_CONNECTIVITY_CHECK = 'azure.microsoft.com:443';

/** The Azure CLI's public client id (what az and @azure/identity's user credentials use by default). */
export const AZURE_CLI_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

export interface AzurePeerOptions extends PeerOptions {
  tenantDisplayName?: string;
  tenantDomain?: string;
}

/** Pipeline options for in-process clients: `agent` tunnels through the proxy with the test CA. */
export interface PeerPipelineOptions {
  agent: TunnelAgent;
  /** core-client / @azure/identity: keeps the tunnel even when HTTPS_PROXY is set in this process. */
  additionalPolicies: { policy: PipelinePolicy; position: 'perRetry' }[];
  /** For clients that take an HttpClient (core-client, @azure/identity). */
  httpClient: HttpClient;
}

export type AzurePeer = Awaited<ReturnType<typeof startAzurePeer>>;

export async function startAzurePeer(options: AzurePeerOptions = {}) {
  const certs: PeerCertificates = makePeerCertificates();
  const home = newTenant(
    options.tenantDisplayName ?? 'DataChain Test',
    options.tenantDomain ?? 'dcstest.onmicrosoft.com',
  );
  const state: PeerState = {
    tenants: new Map([[home.tenantId, home]]),
    subscriptions: new Map(),
    roleDefinitions: new Map(),
    roleAssignments: new Map(),
  };
  const engine = new PeerEngine(state, home.tenantId, options);
  engine.addRoutes([...identityRoutes, ...armRoutes, ...computeRoutes, ...rbacRoutes, ...graphRoutes]);
  const seed = new Seeder(engine);

  const server: Server = createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
    engine.handle(req, res).catch((error: unknown) => {
      engine.problems.push({
        kind: 'handler-crash',
        request: `${req.method} ${req.headers.host}${req.url}`,
        detail: String(error),
      });
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const proxy: ConnectProxy = await startConnectProxy(port);

  const agent = new TunnelAgent(proxy.port, certs.rootPem);
  const policy = tunnelPolicy(agent);
  const defaultClient = createDefaultHttpClient();
  const httpClient: HttpClient = {
    sendRequest: (request) => {
      request.agent = agent;
      return defaultClient.sendRequest(request);
    },
  };
  const pipelineOptions: PeerPipelineOptions = {
    agent,
    additionalPolicies: [{ policy, position: 'perRetry' }],
    httpClient,
  };

  const azureConfigDir = path.join(certs.dir, 'azure-config');
  mkdirSync(azureConfigDir, { recursive: true });
  const env: Record<string, string> = {
    HTTPS_PROXY: proxy.url,
    https_proxy: proxy.url,
    NO_PROXY: 'localhost,127.0.0.1',
    no_proxy: 'localhost,127.0.0.1',
    NODE_EXTRA_CA_CERTS: certs.rootPemPath,
    REQUESTS_CA_BUNDLE: certs.rootPemPath,
    AZURE_CONFIG_DIR: azureConfigDir,
    AZURE_CORE_COLLECT_TELEMETRY: 'false',
    AZURE_CORE_NO_COLOR: 'true',
    AZURE_CORE_ONLY_SHOW_ERRORS: 'true',
  };

  // The default world: one tenant, one enabled subscription, an Owner user.
  const subscription: Subscription = seed.addSubscription({ displayName: 'DataChain Test Subscription' });
  const admin: User = seed.addUser({
    upn: `admin@${home.defaultDomain}`,
    password: 'Peer-Passw0rd!',
    displayName: 'Peer Admin',
  });
  seed.assignRole({ principalId: admin.id, role: 'Owner', scope: `/subscriptions/${subscription.subscriptionId}` });
  engine.identity.signIn.deviceCodeUser = admin.upn;
  engine.identity.signIn.browserUser = admin.upn;

  const peer = {
    env,
    pipelineOptions,
    httpClient,
    rootPem: certs.rootPem,
    rootPemPath: certs.rootPemPath,
    proxyUrl: proxy.url,
    azureConfigDir,
    tenantId: home.tenantId,
    tenant: home as Tenant,
    admin,
    subscription,
    state,
    get users(): User[] {
      return [...state.tenants.values()].flatMap((t) => [...t.users.values()]);
    },
    get subscriptions(): Subscription[] {
      return [...state.subscriptions.values()];
    },
    addTenant: seed.addTenant.bind(seed),
    addUser: seed.addUser.bind(seed),
    addGroup: seed.addGroup.bind(seed),
    addSubscription: seed.addSubscription.bind(seed),
    addResourceGroup: seed.addResourceGroup.bind(seed),
    addStorageAccount: seed.addStorageAccount.bind(seed),
    addKeyVault: seed.addKeyVault.bind(seed),
    addManagedCluster: seed.addManagedCluster.bind(seed),
    addResource: seed.addResource.bind(seed),
    assignRole: seed.assignRole.bind(seed),
    addCustomRole: seed.addCustomRole.bind(seed),
    setProviderState: seed.setProviderState.bind(seed),
    addTerraformFootprint: seed.addTerraformFootprint.bind(seed),
    addApplication: seed.addApplication.bind(seed),
    addServicePrincipalLogin: seed.addServicePrincipalLogin.bind(seed),
    softDeleteApp: seed.softDeleteApp.bind(seed),
    /** vCPU quota of a usage ('cores', 'lowPriorityCores' or a family such as 'standardDSv5Family'). */
    setQuota(p: { subscriptionId?: string; location: string; usage: string; limit: number; current?: number }) {
      const key = `${p.subscriptionId ?? subscription.subscriptionId}/${p.location}/${p.usage}`.toLowerCase();
      engine.compute.quotas.set(key, { limit: p.limit, current: p.current ?? 0 });
    },
    /** The VM size is not offered to the subscription in that location (a Location restriction). */
    restrictVmSize(location: string, size: string) {
      engine.compute.restricted.add(`${location}/${size}`.toLowerCase());
    },
    /** The VM sizes the peer offers (defaults: B2s, D2s/D4s/D8s_v5, E4s_v5, NC4as_T4_v3). */
    vmSizes: engine.compute.sizes as VmSize[],
    setCanRegisterApps(allowed: boolean, tenantId = home.tenantId) {
      engine.tenant(tenantId).authorizationPolicy.allowedToCreateApps = allowed;
    },
    /** Replication windows in ms (mutable at any time). */
    replication: engine.replication as ReplicationOptions,
    /** Who signs in on the simulated device-code page and browser (default: admin). */
    signIn: engine.identity.signIn as SignInPolicy,
    /** The next `n` ARM/Graph requests (or only one API's, or only writes) answer 429 with Retry-After. */
    throttleNext(n: number, retryAfterSeconds = 1, only: { api?: 'arm' | 'graph'; writesOnly?: boolean } = {}) {
      Object.assign(engine.throttle, { remaining: n, retryAfterSeconds, api: only.api, writesOnly: only.writesOnly });
    },
    get latencyMs() {
      return engine.latencyMs;
    },
    set latencyMs(ms: number) {
      engine.latencyMs = ms;
    },
    /** A real @azure/identity credential (ROPC, the Azure CLI client id) whose tokens come from the peer. */
    credentialFor(upn: string, tenantId?: string): TokenCredential {
      const user = peer.users.find((u) => u.upn.toLowerCase() === upn.toLowerCase());
      if (!user) throw new Error(`peer: no user ${upn}`);
      return new UsernamePasswordCredential(tenantId ?? user.tenantId, AZURE_CLI_CLIENT_ID, user.upn, user.password, {
        ...pipelineOptions,
      });
    },
    /** Every request, in order. */
    requests: engine.requests as RequestRecord[],
    /** ARM/Graph requests with a write method (PUT/PATCH/POST/DELETE), whatever their answer. */
    writes(): number {
      return engine.requests.filter((r) => r.isWrite).length;
    },
    clearLog() {
      engine.requests.length = 0;
    },
    problems: engine.problems as Problem[],
    /** For the peer's own negative tests only: forget recorded problems after asserting them. */
    clearProblems() {
      engine.problems.length = 0;
      proxy.refused.length = 0;
    },
    refused: proxy.refused,
    /**
     * Throw when anything reached the peer that it does not model, a body broke a contract, or the
     * proxy refused a target. `ignoreRefused` names refused targets a test expects from a third-party
     * tool (e.g. AZ_CONNECTIVITY_CHECK); they stay refused and listed in `refused`.
     */
    assertClean(options: { ignoreRefused?: string[] } = {}) {
      const ignored = new Set(options.ignoreRefused ?? []);
      const lines = [
        ...engine.problems.map((p) => `${p.kind}: ${p.request} — ${p.detail}`),
        ...proxy.refused.filter((t) => !ignored.has(t)).map((t) => `proxy-refused: ${t}`),
      ];
      if (lines.length) throw new Error(`The Azure peer saw ${lines.length} problem(s):\n${lines.join('\n')}`);
    },
    async close() {
      agent.destroy();
      await proxy.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      certs.dispose();
    },
  };
  return peer;
}
