/**
 * The Azure peer as a standalone process (`npm run azure-peer`, or an e2e host's launcher): starts
 * the peer with its default world, prints the environment a client needs (`export K=V` lines, and
 * the same as JSON to --info-file), keeps running until SIGINT/SIGTERM, then prints what it saw
 * that it does not model (assertClean) and exits non-zero if anything.
 *   --latency <ms>   answer every request after this delay
 *   --info-file <p>   also write {env, tenantId, subscriptionId, admin:{upn,password}, servicePrincipal} as JSON
 */
import { writeFileSync } from 'node:fs';
import { startAzurePeer } from './peer';

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const peer = await startAzurePeer({ latencyMs: Number(arg('--latency') ?? 0) });
const sp = peer.addServicePrincipalLogin({ displayName: 'azure-peer-cli' });
peer.assignRole({
  principalId: sp.objectId,
  role: 'Owner',
  scope: `/subscriptions/${peer.subscription.subscriptionId}`,
});
const info = {
  env: peer.env,
  tenantId: peer.tenantId,
  subscriptionId: peer.subscription.subscriptionId,
  admin: { upn: peer.admin.upn, password: peer.admin.password },
  servicePrincipal: { appId: sp.appId, secret: sp.secret },
};
const infoFile = arg('--info-file');
if (infoFile) writeFileSync(infoFile, JSON.stringify(info, null, 2), { mode: 0o600 });
console.log('Azure peer is running (login.microsoftonline.com, management.azure.com, graph.microsoft.com).');
for (const [k, v] of Object.entries(peer.env)) console.log(`export ${k}=${v}`);
console.log(`# tenant ${info.tenantId}, subscription ${info.subscriptionId}`);
console.log(`# user ${info.admin.upn} / ${info.admin.password} (Owner); az login -u … -p … works too`);
console.log(
  `# service principal: az login --service-principal -u ${sp.appId} -p ${sp.secret} --tenant ${info.tenantId}`,
);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  let code = 0;
  try {
    peer.assertClean();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    code = 1;
  }
  await peer.close();
  process.exit(code);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
setInterval(() => {}, 1 << 30);
