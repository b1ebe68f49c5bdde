/**
 * Everything an Azure e2e run needs around the app: the strict local Azure peer (reached through
 * its CONNECT proxy with a test CA, so the app keeps the real URLs), a local OIDC issuer over
 * real TLS for the Studio step, a private user-data folder, and a "browser" for the browser
 * sign-in: a script the system opener runs (xdg-open honours $BROWSER without a desktop) that
 * follows the authorize redirect back to the app's loopback listener, as a browser would.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { AZ_CONNECTIVITY_CHECK, startAzurePeer, type AzurePeer } from '../../test/support/azure/peer';
import { AZURE_NODE_POOL_PRESETS } from '../../provisioners/azure/node-pools.schema';
import { startTestIssuer, type TestIssuer } from '../../test/support/tls-issuer';
import { launchHost, type LaunchOptions, type RunningHost } from './host';

export const ISSUER = 'issuer.test/api';

/**
 * Targets the peer's proxy refuses on the way, and why that is expected: az checks its
 * connectivity against azure.microsoft.com; the Studio step checks Studio's own issuer (the
 * default) before the user types the world's. Neither is part of Azure's contract.
 */
export const EXPECTED_REFUSALS = [AZ_CONNECTIVITY_CHECK, 'studio.datachain.ai:443'];

const FAKE_BROWSER = fileURLToPath(new URL('../../test/support/azure/fake-browser.mjs', import.meta.url));

export interface AzureWorld {
  host: RunningHost;
  peer: AzurePeer;
  issuer: TestIssuer;
  userData: string;
  /** The draft main has saved, as on disk. */
  savedDraft(): Record<string, unknown> | undefined;
  restart(how?: { crash?: boolean }): Promise<RunningHost>;
  /**
   * A new app on a new user-data folder (no sign-in), against the same peer: no draft, or the
   * one given (as a previous session saved it, see `azureDraft`).
   */
  fresh(draft?: object, options?: LaunchOptions): Promise<RunningHost>;
  close(): Promise<void>;
}

/** What the world seeds: storage accounts in two resource groups and vaults of both permission models. */
export const SEEDED = {
  accounts: [
    { resourceGroup: 'data', name: 'acmelake' },
    { resourceGroup: 'data', name: 'acmearchive' },
    { resourceGroup: 'analytics', name: 'acmenokeys', allowSharedKeyAccess: false },
  ],
  vaults: [
    { resourceGroup: 'security', name: 'acme-rbac-kv', rbac: true, secrets: ['db-url', 'api-token'] },
    { resourceGroup: 'security', name: 'acme-policy-kv', rbac: false, secrets: ['legacy-password'] },
  ],
} as const;

export async function startAzureWorld(): Promise<AzureWorld> {
  const peer = await startAzurePeer();
  const sub = peer.subscription.subscriptionId;
  for (const a of SEEDED.accounts) peer.addStorageAccount({ subscriptionId: sub, location: 'eastus', ...a });
  for (const v of SEEDED.vaults)
    peer.addKeyVault({
      subscriptionId: sub,
      location: 'eastus',
      resourceGroup: v.resourceGroup,
      name: v.name,
      rbac: v.rbac,
      secrets: [...v.secrets],
    });
  const issuer = await startTestIssuer({ host: 'issuer.test' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dcs-e2e-azure-'));
  let runs = 0;
  let userData = path.join(dir, 'user-data');
  const caFile = path.join(dir, 'ca.pem');
  // One file for Node: the issuer's CA and the peer's.
  writeFileSync(caFile, `${issuer.rootPem.trim()}\n${peer.rootPem.trim()}\n`);
  const env = () => ({
    ...peer.env,
    // The world's Studio issuer is local (DCS_RESOLVE), not behind the peer's proxy.
    NO_PROXY: `${peer.env.NO_PROXY},issuer.test`,
    no_proxy: `${peer.env.no_proxy},issuer.test`,
    NODE_EXTRA_CA_CERTS: caFile,
    DCS_USER_DATA: userData,
    DCS_RESOLVE: `issuer.test:443=127.0.0.1:${issuer.port}`,
    // The peer's "browser": follows the authorize redirect back to the app's loopback listener.
    BROWSER: FAKE_BROWSER,
    AZURE_PEER_PROXY: peer.proxyUrl,
    AZURE_PEER_CA: peer.rootPemPath,
    // No desktop: the bundled xdg-open uses $BROWSER.
    DISPLAY: '',
    XDG_CURRENT_DESKTOP: '',
  });
  let host = await launchHost(env());
  return {
    get host() {
      return host;
    },
    peer,
    issuer,
    get userData() {
      return userData;
    },
    savedDraft() {
      try {
        return JSON.parse(readFileSync(path.join(userData, 'draft.json'), 'utf8')).draft;
      } catch {
        return undefined;
      }
    },
    async restart(how) {
      await (how?.crash ? host.kill() : host.stop());
      host = await launchHost(env());
      return host;
    },
    async fresh(draft, options) {
      await host.stop();
      userData = path.join(dir, `user-data-${++runs}`);
      if (draft) {
        mkdirSync(userData, { recursive: true, mode: 0o700 });
        const saved = { savedAt: new Date().toISOString(), draft };
        writeFileSync(path.join(userData, 'draft.json'), JSON.stringify(saved), { mode: 0o600 });
      }
      host = await launchHost(env(), options);
      return host;
    },
    async close() {
      await host.stop();
      await issuer.close();
      await peer.close();
    },
  };
}

/**
 * A wizard draft saved by a previous session that signed in with the Azure CLI (the app signs in
 * with it again without asking): the app opens at `step` with these choices, in the world's
 * subscription. Used to start a test at the review step.
 */
export function azureDraft(
  world: AzureWorld,
  step: string,
  choices: { team: string; namePrefix?: string; azure?: Record<string, unknown> },
): object {
  const sub = world.peer.subscription.subscriptionId;
  return {
    version: 2,
    step,
    cloud: 'azure',
    studio: {
      issuer: ISSUER,
      team: choices.team,
      computeCredentials: 'datachain-compute',
      storageCredentials: 'datachain-storage',
    },
    namePrefix: choices.namePrefix ?? '',
    tags: {},
    nodePools: [AZURE_NODE_POOL_PRESETS.system],
    aws: {},
    azure: {
      method: 'cli',
      tenantId: world.peer.tenantId,
      subscriptionId: sub,
      location: 'eastus',
      resourceGroup: 'datachain',
      storageAccounts: [],
      vaults: [],
      secrets: [],
      ...choices.azure,
    },
  };
}

/** The draft's entry for a seeded storage account. */
export function draftAccount(world: AzureWorld, resourceGroup: string, name: string) {
  const id = `/subscriptions/${world.peer.subscription.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Storage/storageAccounts/${name}`;
  return { id, name, resourceGroup, location: 'eastus' };
}
