/**
 * An Azure teardown interrupted halfway (the app quit or crashed: its signal aborted) is finished
 * after a restart with `resume`, against the Azure peer: whatever point it stopped at, the
 * resumed teardown ends with nothing of the setup left and nothing orphaned (no app without its
 * group's record, no assignment without its role). Resuming a teardown that never started
 * changes nothing; resuming one that had finished says so.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProvisionEvent } from '../provisioners/core/events';
import { createAzureHttp } from '../provisioners/azure/client';
import { AzureSetupConfig } from '../provisioners/azure/config.schema';
import { createAzureProvider, type AzureProvider } from '../provisioners/azure/provider';
import type { AzureSetupRef, AzureTeardownResult } from '../provisioners/azure/setup.schema';
import { startAzurePeer, type AzurePeer } from './support/azure/peer';

let peer: AzurePeer;

function provider(): AzureProvider {
  const http = createAzureHttp(peer.credentialFor(peer.admin.upn), {
    pipelineOptions: peer.pipelineOptions,
    sleep: (ms, signal) =>
      new Promise((r, j) => (signal?.aborted ? j(new Error('aborted')) : setTimeout(r, Math.min(ms, 500)))),
  });
  return createAzureProvider({ client: () => http, backoff: { initialMs: 50, maxMs: 400, factor: 1.5 } });
}

async function run<R>(
  gen: AsyncGenerator<ProvisionEvent, R>,
  onEvent: (e: ProvisionEvent) => void = () => {},
): Promise<{ result?: R; events: ProvisionEvent[]; error?: unknown }> {
  const events: ProvisionEvent[] = [];
  try {
    for (;;) {
      const next = await gen.next();
      if (next.done) return { result: next.value, events };
      events.push(next.value);
      onEvent(next.value);
    }
  } catch (error) {
    return { events, error };
  }
}

/** A deployed setup with two storage accounts and a secret in each vault model. */
async function deployed(p: AzureProvider): Promise<AzureSetupRef> {
  const sub = peer.subscription.subscriptionId;
  peer.addStorageAccount({ subscriptionId: sub, resourceGroup: 'data', name: 'acmedata1', location: 'eastus' });
  peer.addStorageAccount({ subscriptionId: sub, resourceGroup: 'data', name: 'acmedata2', location: 'eastus' });
  for (const [name, rbac, secret] of [
    ['kv-rbac', true, 'db-url'],
    ['kv-policy', false, 'hf-token'],
  ] as const)
    peer.addKeyVault({
      subscriptionId: sub,
      resourceGroup: 'vaults',
      name,
      location: 'eastus',
      rbac,
      secrets: [secret],
    });
  const cfg = AzureSetupConfig.parse({
    tenantId: peer.tenantId,
    subscriptionId: sub,
    location: 'eastus',
    studio: { team: 'acme' },
    storageAccounts: [
      { resourceGroup: 'data', name: 'acmedata1' },
      { resourceGroup: 'data', name: 'acmedata2' },
    ],
    vaults: [
      { resourceGroup: 'vaults', name: 'kv-rbac' },
      { resourceGroup: 'vaults', name: 'kv-policy' },
    ],
    secrets: [
      { id: 'https://kv-rbac.vault.azure.net/secrets/db-url', envName: 'DB_URL', key: 'url' },
      { id: 'https://kv-policy.vault.azure.net/secrets/hf-token', envName: 'HF_TOKEN', key: '' },
    ],
  });
  const plan = await p.plan({ cloud: 'azure', tenantId: cfg.tenantId }, cfg, {});
  expect(plan.view.blockers).toEqual([]);
  const done = await run(p.deploy(plan.deployable!).run(new AbortController().signal));
  expect(done.error).toBeUndefined();
  return { cloud: 'azure', tenantId: cfg.tenantId, subscriptionId: sub, resourceGroup: 'datachain' };
}

/** What of the setup the peer still holds. */
function leftovers() {
  return {
    apps: [...peer.tenant.applications.values()].map((a) => a.displayName),
    roles: [...peer.state.roleDefinitions.values()].filter((d) => d.roleName.startsWith('datachain')).length,
    assignments: [...peer.state.roleAssignments.values()].filter((a) => a.principalType === 'ServicePrincipal').length,
    // Entries beyond the vaults' own (the peer seeds none): the storage principal's.
    accessPolicies: [...peer.subscription.keyVaults.values()].reduce((n, v) => n + v.accessPolicies.length, 0),
    group: peer.subscription.resourceGroups.has('datachain'),
  };
}
const NOTHING = { apps: [], roles: 0, assignments: 0, accessPolicies: 0, group: false };

beforeEach(async () => {
  peer = await startAzurePeer({ replication: { resourceGroupDelete: 300 } });
});
afterEach(async () => {
  await peer.close();
});

/** Where the first run stops: after the n-th deletion of a kind, or at a log line. */
const STOPS: { name: string; stop(e: ProvisionEvent, seen: Map<string, number>): boolean }[] = [
  { name: 'after the first role assignment', stop: (e, seen) => deletedNth(e, seen, 'roleAssignments', 1) },
  { name: 'after the first custom role', stop: (e, seen) => deletedNth(e, seen, 'roleDefinitions', 1) },
  { name: 'after the first app', stop: (e, seen) => deletedNth(e, seen, 'application', 1) },
  { name: 'after the last app, before the group', stop: (e, seen) => deletedNth(e, seen, 'application', 2) },
  {
    name: 'while Azure deletes the group',
    stop: (e) => e.type === 'log' && e.message.startsWith('Waiting for Azure to delete the resource group'),
  },
];

function deletedNth(e: ProvisionEvent, seen: Map<string, number>, kind: string, n: number): boolean {
  if (e.type !== 'resource' || e.status !== 'deleted' || !e.resourceType.endsWith(kind)) return false;
  const count = (seen.get(kind) ?? 0) + 1;
  seen.set(kind, count);
  return count === n;
}

describe('Azure teardown resumed after an interruption', () => {
  for (const { name, stop } of STOPS) {
    it(`interrupted ${name}, resumed to a clean end with nothing orphaned`, async () => {
      const p = provider();
      const ref = await deployed(p);
      const abort = new AbortController();
      const seen = new Map<string, number>();
      const first = await run(p.teardown(ref).run(abort.signal), (e) => {
        if (stop(e, seen)) abort.abort();
      });
      expect(abort.signal.aborted).toBe(true);
      expect(first.error).toBeDefined();
      // Halfway: the record is still on the group, so what is left can be found again.
      expect(leftovers().group).toBe(true);
      expect(leftovers()).not.toEqual(NOTHING);

      // A new app (a new provider and client) finishes it.
      const resumed = await run(provider().teardown(ref, { resume: true }).run(new AbortController().signal));
      expect(resumed.error).toBeUndefined();
      expect(resumed.events.some((e) => e.type === 'log' && e.message.startsWith('Finishing the teardown'))).toBe(true);
      expect(leftovers()).toEqual(NOTHING);
      // Together the two runs deleted every object once: the resumed one only what was left.
      const firstDeleted = first.events.filter((e) => e.type === 'resource' && e.status === 'deleted').length;
      expect(firstDeleted + (resumed.result as AzureTeardownResult).deleted.length).toBeGreaterThan(firstDeleted);
      // Both app registrations are in the recycle bin, and the resumed run says so, whichever run deleted them.
      const recycled = (resumed.result as AzureTeardownResult).recycleBin;
      expect(recycled.map((r) => r.appId).sort()).toEqual(
        [...peer.tenant.deletedApplications.values()].map((a) => a.appId).sort(),
      );
      expect(recycled).toHaveLength(2);
      expect((resumed.result as AzureTeardownResult).notes.join(' ')).toContain('recycle bin');
      peer.assertClean();
    });
  }

  it('a resume of a teardown that never started deletes nothing; of a finished one, says it finished', async () => {
    const p = provider();
    const ref = await deployed(p);
    const before = leftovers();
    const writes = peer.writes();
    const refused = await run(p.teardown(ref, { resume: true }).run(new AbortController().signal));
    expect((refused.error as { code?: string }).code).toBe('NOT_FOUND');
    expect((refused.error as Error).message).toMatch(/had not started.*nothing was deleted/);
    expect(leftovers()).toEqual(before);
    expect(peer.writes()).toBe(writes);

    const torn = await run(p.teardown(ref).run(new AbortController().signal));
    expect(torn.error).toBeUndefined();
    expect(leftovers()).toEqual(NOTHING);
    const again = await run(p.teardown(ref, { resume: true }).run(new AbortController().signal));
    expect(again.error).toBeUndefined();
    expect(again.events.map((e) => (e.type === 'log' ? e.message : ''))).toContain(
      'The teardown of datachain finished while the app was closed.',
    );
    peer.assertClean();
  });
});
