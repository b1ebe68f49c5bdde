/**
 * Benchmark entry (npm run bench runs it bundled): the Azure provider's plan and deploy against the
 * peer with a fixed latency per request, as a cloud's round trip, and no replication windows. The
 * peer's own latency is the round trips the deploy needed, one after another (requests × latency);
 * the overhead ratio is the deploy's time over that. Prints one JSON line per run.
 *   node bench.mjs <latencyMs> <runs>
 */
import type { ProvisionEvent } from '../../../provisioners/core/events';
import { createAzureHttp } from '../../../provisioners/azure/client';
import { AzureSetupConfig } from '../../../provisioners/azure/config.schema';
import { listSubscriptions } from '../../../provisioners/azure/discovery';
import { createAzureProvider } from '../../../provisioners/azure/provider';
import { startAzurePeer } from './peer';

const latencyMs = Number(process.argv[2] ?? 40);
const runs = Number(process.argv[3] ?? 5);

async function drain<R>(gen: AsyncGenerator<ProvisionEvent, R>): Promise<R> {
  for (;;) {
    const next = await gen.next();
    if (next.done) return next.value;
  }
}

async function once() {
  const peer = await startAzurePeer({ latencyMs });
  try {
    const subscriptionId = peer.subscription.subscriptionId;
    peer.addStorageAccount({ subscriptionId, resourceGroup: 'data', name: 'benchdata1', location: 'eastus' });
    peer.addKeyVault({
      subscriptionId,
      resourceGroup: 'vaults',
      name: 'kv-bench',
      location: 'eastus',
      rbac: true,
      secrets: ['db-url'],
    });
    const http = createAzureHttp(peer.credentialFor(peer.admin.upn), { pipelineOptions: peer.pipelineOptions });
    const provider = createAzureProvider({ client: () => http });
    const config = AzureSetupConfig.parse({
      tenantId: peer.tenantId,
      subscriptionId,
      location: 'East US',
      studio: { team: 'bench' },
      storageAccounts: [{ resourceGroup: 'data', name: 'benchdata1' }],
      vaults: [{ resourceGroup: 'vaults', name: 'kv-bench' }],
      secrets: [{ id: 'https://kv-bench.vault.azure.net/secrets/db-url', envName: 'DB_URL', key: 'url' }],
    });
    // The credential's own token requests are made once, before the timed part.
    await listSubscriptions(http);
    const before = peer.requests.length;
    const started = performance.now();
    const plan = await provider.plan({ cloud: 'azure', tenantId: peer.tenantId }, config, {});
    const planned = performance.now();
    const planRequests = peer.requests.length - before;
    if (!plan.deployable) throw new Error('the plan has nothing to deploy');
    await drain(provider.deploy(plan.deployable).run(new AbortController().signal));
    const finished = performance.now();
    const deployRequests = peer.requests.length - before - planRequests;
    return {
      planMs: planned - started,
      planRequests,
      deployMs: finished - planned,
      deployRequests,
      writes: peer.writes(),
    };
  } finally {
    await peer.close();
  }
}

for (let i = 0; i < runs; i++) console.log(JSON.stringify(await once()));
