/**
 * Everything a wizard e2e run needs around the app: moto (from the global setup), a local OIDC
 * issuer over real TLS, the Service Quotas contract server, a private user-data folder, and an
 * optional proxy that holds CloudFormation's ExecuteChangeSet for a while (so a deploy is still
 * running when the test reloads the page).
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startContractServer, type ContractServer } from '../../test/support/aws-contract-server';
import { startTestIssuer, type TestIssuer } from '../../test/support/tls-issuer';
import { launchHost, motoHostEnv, type RunningHost } from './host';

export const ISSUER = 'issuer.test/api';

export interface World {
  host: RunningHost;
  userData: string;
  issuer: TestIssuer;
  quotas: ContractServer;
  /** Restart the host on the same user data (an app restart). */
  restart(extra?: Record<string, string>): Promise<RunningHost>;
  close(): Promise<void>;
}

/** Forward to moto, holding ExecuteChangeSet requests for `delayMs` first. */
async function slowProxy(target: string, delayMs: number): Promise<Server> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      if (body.toString().includes('Action=ExecuteChangeSet')) await new Promise((r) => setTimeout(r, delayMs));
      const forward = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 500, up.headers);
        up.pipe(res);
      });
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

export async function startWorld(options: { executeDelayMs?: number } = {}): Promise<World> {
  const motoEnv = motoHostEnv();
  const issuer = await startTestIssuer({ host: 'issuer.test' });
  const quotas = await startContractServer({
    roleCredentials: { accessKeyId: motoEnv.AWS_ACCESS_KEY_ID!, secretAccessKey: motoEnv.AWS_SECRET_ACCESS_KEY! },
    quotas: [
      { code: 'L-1216C47A', name: 'Running On-Demand Standard instances', applied: 512, default: 5 },
      { code: 'L-34B43A08', name: 'All Standard Spot Instance Requests', default: 640 },
      { code: 'L-DB2E81BA', name: 'Running On-Demand G and VT instances', applied: 0, default: 0 },
    ],
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dcs-e2e-'));
  const userData = path.join(dir, 'user-data');
  const caFile = path.join(dir, 'issuer-ca.pem');
  writeFileSync(caFile, issuer.rootPem);
  const proxy = options.executeDelayMs ? await slowProxy(motoEnv.AWS_ENDPOINT_URL!, options.executeDelayMs) : undefined;
  const env = (extra: Record<string, string> = {}) => ({
    ...motoEnv,
    DCS_USER_DATA: userData,
    DCS_RESOLVE: `issuer.test:443=127.0.0.1:${issuer.port}`,
    NODE_EXTRA_CA_CERTS: caFile,
    AWS_ENDPOINT_URL_SERVICE_QUOTAS: quotas.url,
    ...(proxy ? { AWS_ENDPOINT_URL_CLOUDFORMATION: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` } : {}),
    ...extra,
  });
  let host = await launchHost(env());
  const world: World = {
    get host() {
      return host;
    },
    userData,
    issuer,
    quotas,
    async restart(extra) {
      await host.stop();
      host = await launchHost(env(extra));
      return host;
    },
    async close() {
      await host.stop();
      await issuer.close();
      await quotas.close();
      proxy?.close();
    },
  };
  return world;
}
