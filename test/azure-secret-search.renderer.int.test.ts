/**
 * Finding a secret by name across the subscription's Key Vaults, as the Key Vaults step does it:
 * the renderer's Azure slice (its real code, over a transport that is the real core's dispatch)
 * lists the vaults, then every vault's secret names a few vaults at a time, against the Azure
 * peer. The signed-in user may list every vault but read the secret names of one resource group
 * only: the other vault is a failure of its own that says what to ask for, the rest are listed in
 * full (two pages each), and a name in two vaults is two rows.
 * (Typechecked with the DOM lib, by tsconfig.e2e.json: the renderer code it drives needs it.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { setTransport } from '../renderer/src/api/client';
import { createAzureSlice, EMPTY_AZURE, type AzureSlice } from '../renderer/src/clouds/azure/slice';
import { acrossVaults, SEARCH_CONCURRENCY } from '../renderer/src/clouds/azure/secret-search';
import type { Core } from '../electron/core';
import { startAzurePeer, type AzurePeer } from './support/azure/peer';
import { testCore } from './support/core';

const VAULTS = 30;
let peer: AzurePeer;
let core: Core;
let inFlight = 0;
let mostInFlight = 0;

function vaultName(i: number) {
  return `kv-app-${String(i).padStart(2, '0')}`;
}

beforeAll(async () => {
  peer = await startAzurePeer({ pageSize: 5 });
  const sub = peer.subscription.subscriptionId;
  for (let i = 0; i < VAULTS; i++)
    peer.addKeyVault({
      subscriptionId: sub,
      resourceGroup: 'apps',
      name: vaultName(i),
      location: 'eastus',
      rbac: i % 2 === 0,
      secrets: [
        ...Array.from({ length: 6 }, (_, k) => `app${i}-secret-${k}`),
        ...(i === 3 || i === 17 ? ['db-url'] : []),
      ],
    });
  peer.addKeyVault({
    subscriptionId: sub,
    resourceGroup: 'ops',
    name: 'kv-ops',
    location: 'eastus',
    rbac: false,
    secrets: ['db-url'],
  });
  // Every vault may be listed; secret names only in the resource group "apps".
  const user = peer.addUser({ upn: `apps-reader@${peer.tenant.defaultDomain}`, password: 'Peer-Passw0rd!' });
  const lister = peer.addCustomRole({
    scope: `/subscriptions/${sub}`,
    roleName: 'Vault lister',
    actions: ['Microsoft.KeyVault/vaults/read', 'Microsoft.Resources/subscriptions/read'],
    assignableScopes: [`/subscriptions/${sub}`],
  });
  peer.assignRole({ principalId: user.id, role: lister.name, scope: `/subscriptions/${sub}` });
  peer.assignRole({ principalId: user.id, role: 'Reader', scope: `/subscriptions/${sub}/resourceGroups/apps` });
  peer.signIn.deviceCodeUser = user.upn;

  core = testCore({ azure: { pipelineOptions: peer.pipelineOptions } });
  setTransport({
    kind: 'http',
    async call(method, input) {
      const counted = method === 'azure.secrets.list';
      if (counted) mostInFlight = Math.max(mostInFlight, ++inFlight);
      try {
        return await core.dispatch(method, input, { transport: 'test' });
      } finally {
        if (counted) inFlight--;
      }
    },
    subscribe: () => () => undefined,
    cancel: async () => ({ ok: true, result: { accepted: false } }),
  });
  const started = await core.dispatch(
    'azure.signIn',
    { method: 'deviceCode', tenantId: peer.tenantId },
    {
      transport: 'test',
    },
  );
  if (!started.ok) throw new Error(started.error.message);
  const op = (started.result as { operationId: string }).operationId;
  await core.operations.settled(op);
  expect(core.operations.get(op)?.status).toBe('succeeded');
});

afterAll(async () => {
  await core?.shutdown();
  await peer?.close();
});

/** The Azure slice as the renderer's store holds it, with a draft scoped to the peer's subscription. */
function azureStore() {
  type State = AzureSlice & { draft: { azure: Record<string, unknown> } };
  return createStore<State>()(
    (set, get, api) =>
      ({
        draft: { azure: { tenantId: peer.tenantId, subscriptionId: peer.subscription.subscriptionId } },
        ...createAzureSlice(set as never, get as never, api as never),
        azure: EMPTY_AZURE,
      }) as State,
  );
}

describe('secrets across the vaults', () => {
  it('lists every vault it may, a few at a time; a denied vault says what to ask for; a name in two vaults is two rows', async () => {
    const store = azureStore();
    await store.getState().azureLoadVaults();
    const { vaults } = store.getState().azure;
    expect(vaults.complete).toBe(true);
    expect(vaults.items).toHaveLength(VAULTS + 1);

    await store.getState().azureSearchSecrets();
    const across = acrossVaults(vaults.items, store.getState().azure.secretNames);

    expect(across.searched).toBe(VAULTS + 1);
    expect(across.settled).toBe(VAULTS + 1);
    // In parallel, and never more than the bound.
    expect(mostInFlight).toBeGreaterThan(1);
    expect(mostInFlight).toBeLessThanOrEqual(SEARCH_CONCURRENCY);

    // Every secret of every vault it may read, past the first page of each.
    expect(across.rows).toHaveLength(VAULTS * 6 + 2);
    expect(across.rows.filter((r) => r.vault.name === vaultName(29)).map((r) => r.secret.name)).toEqual(
      Array.from({ length: 6 }, (_, k) => `app29-secret-${k}`),
    );
    // db-url is in two listable vaults (and in kv-ops, which may not be listed).
    const dbUrl = across.rows.filter((r) => r.secret.name === 'db-url');
    expect(dbUrl.map((r) => [r.vault.name, r.vault.model, r.secret.id])).toEqual([
      [vaultName(3), 'accessPolicy', `https://${vaultName(3)}.vault.azure.net/secrets/db-url`],
      [vaultName(17), 'accessPolicy', `https://${vaultName(17)}.vault.azure.net/secrets/db-url`],
    ]);

    // The vault whose secret names the user may not list: its own failure, in words, with what to ask for.
    expect(across.failures).toHaveLength(1);
    const [{ vault, error }] = across.failures as [(typeof across.failures)[number]];
    expect(vault.name).toBe('kv-ops');
    expect(error.code).toBe('ACCESS_DENIED');
    expect(error.message).toBe(`You are not allowed to perform Microsoft.KeyVault/vaults/secrets/read on ${vault.id}.`);
    expect(error.details?.hint).toBe(
      `Ask an admin for Key Vault Reader or Reader on ${vault.id}. Newly granted rights can take a few minutes to apply.`,
    );
    expect(error.message).not.toMatch(/object id|client '/);
    peer.assertClean();
  });

  it('two searches at once read each vault once; a later one reads nothing; a retry reads only its vault', async () => {
    const store = azureStore();
    await store.getState().azureLoadVaults();
    const firstPages = (id: string) =>
      peer.requests.filter(
        (r) =>
          r.operation === 'Secrets_List' &&
          r.path.toLowerCase() === `${id.toLowerCase()}/secrets` &&
          !r.query.includes('skiptoken'),
      );
    const vaults = store.getState().azure.vaults.items;
    peer.clearLog();
    await Promise.all([store.getState().azureSearchSecrets(), store.getState().azureSearchSecrets()]);
    for (const v of vaults) expect(firstPages(v.id), v.name).toHaveLength(1);

    peer.clearLog();
    await store.getState().azureSearchSecrets();
    expect(peer.requests.filter((r) => r.operation === 'Secrets_List')).toEqual([]);

    const ops = vaults.find((v) => v.name === 'kv-ops')!;
    await store.getState().azureLoadSecretNames(ops);
    expect(peer.requests.filter((r) => r.operation === 'Secrets_List').map((r) => r.path.toLowerCase())).toEqual([
      `${ops.id.toLowerCase()}/secrets`,
    ]);
    expect(store.getState().azure.secretNames[ops.id]?.error?.code).toBe('ACCESS_DENIED');
    peer.assertClean();
  });
});
