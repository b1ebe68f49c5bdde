/**
 * Everything a wizard e2e run needs around the app: moto (from the global setup), a local OIDC
 * issuer over real TLS, the contract server (Service Quotas, IAM Identity Center and, when asked,
 * IAM's SimulatePrincipalPolicy), a private user-data folder, and an optional proxy that holds
 * the answer to CloudFormation's ExecuteChangeSet (or DeleteStack) until the test lets it go (so
 * a deploy or a teardown is still running when the test reloads the page or restarts the app,
 * however slow the machine is).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  startContractServer,
  type ContractServer,
  type ContractServerOptions,
} from '../../test/support/aws-contract-server';
import { startTestIssuer, type TestIssuer } from '../../test/support/tls-issuer';
import { writeDraft } from './seed';
import { launchHost, motoHostEnv, type RunningHost } from './host';

export const ISSUER = 'issuer.test/api';

export interface World {
  host: RunningHost;
  /**
   * The printed link to open in a new page. Its launch token is good for one trade, so once a
   * page has used it the host is started again (as a user would run npm start again).
   */
  launchUrl(): Promise<string>;
  /**
   * Seed the saved draft as a previous session left it: the host is stopped first (its requests
   * finish, so a page it served that still saves its own draft on leaving cannot land after this),
   * the draft is written, and a new host starts on it.
   */
  seedDraft(step: string, aws: Record<string, unknown>): Promise<void>;
  userData: string;
  issuer: TestIssuer;
  contract: ContractServer;
  /** The HOME holding the user's ~/.aws files, when `awsFiles` were given. */
  awsHome: string | undefined;
  /** ExecuteChangeSet calls seen (with `holdExecutes` only). */
  executeCount(): number;
  /** Resolves once CloudFormation (moto) has taken `count` ExecuteChangeSet calls in all (with `holdExecutes` only). */
  executeTaken(count: number): Promise<void>;
  /** Let the ExecuteChangeSet answers held so far through to the app; later ones are held again (with `holdExecutes` only). */
  releaseExecutes(): void;
  /** Resolves once CloudFormation (moto) has taken `count` DeleteStack calls in all (with `holdDeletes` only). */
  deleteTaken(count: number): Promise<void>;
  /** The draft main has saved, as on disk. */
  savedDraft(): { activeOperation?: { target?: { stackId?: string } }; deployed?: object; step?: string } | undefined;
  /** Restart the host on the same user data (an app restart); `crash` ends the old one at once instead of quitting it. */
  restart(extra?: Record<string, string>, how?: { crash?: boolean }): Promise<RunningHost>;
  close(): Promise<void>;
}

/**
 * Forward to moto; for ExecuteChangeSet, moto gets the request at once (CloudFormation has the
 * change set) but the app gets the answer only once the test releases it: the deploy is in flight
 * for exactly as long as the test needs, not for a guessed number of seconds.
 */
interface HoldingProxy {
  server: Server;
  /** ExecuteChangeSet requests received, and answered by moto (the app may not know yet). */
  executes: number;
  executed: number;
  release(): void;
}

async function holdingProxy(target: string, action: string): Promise<HoldingProxy> {
  const upstream = new URL(target);
  const held: (() => void)[] = [];
  const proxy: HoldingProxy = {
    server: undefined as unknown as Server,
    executes: 0,
    executed: 0,
    release() {
      for (const answer of held.splice(0)) answer();
    },
  };
  proxy.server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const executing = new URLSearchParams(body.toString()).get('Action') === action;
      if (executing) proxy.executes += 1;
      const forward = request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
        (up) => {
          const reply: Buffer[] = [];
          up.on('data', (c: Buffer) => reply.push(c));
          up.on('end', () => {
            const answer = Buffer.concat(reply);
            if (!executing) {
              if (res.destroyed) return;
              res.writeHead(up.statusCode ?? 500, up.headers);
              res.end(answer);
              return;
            }
            proxy.executed += 1;
            // The headers go at once and the body one byte every few seconds: the app's HTTP
            // client sees a live connection (its timeout is for silence) and waits for the rest,
            // which comes when the test releases it.
            res.writeHead(up.statusCode ?? 500, up.headers);
            let sent = 0;
            const drip = setInterval(() => {
              if (res.destroyed) return clearInterval(drip);
              if (sent < answer.length - 1) res.write(answer.subarray(sent, ++sent));
            }, 3_000);
            held.push(() => {
              clearInterval(drip);
              if (!res.destroyed) res.end(answer.subarray(sent));
            });
          });
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
  return proxy;
}

export interface WorldOptions {
  /** More environment for the host (AWS_REGION, for example). */
  env?: Record<string, string>;
  /** Hold the answers to ExecuteChangeSet until `releaseExecutes()`. */
  holdExecutes?: boolean;
  /** Hold the answers to DeleteStack (never released: the app is restarted while it waits). */
  holdDeletes?: boolean;
  /** The issuer's path (default /api): an issuer of its own, so the setup makes its OIDC provider. */
  issuerPath?: string;
  /**
   * The user's ~/.aws files (config and credentials text). IAM Identity Center profiles sign in
   * through the contract server, which plays the SSO portal for `ssoAccounts`.
   */
  awsFiles?: { config: string; credentials: string };
  ssoAccounts?: { accountId: string; accountName: string; roles: string[] }[];
  /**
   * How IAM's SimulatePrincipalPolicy answers (moto lacks it): the host's IAM calls go to the
   * contract server, which answers this one and passes every other IAM call on to moto.
   */
  simulate?: ContractServerOptions['simulate'];
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const motoEnv = motoHostEnv();
  const issuer = await startTestIssuer({
    host: 'issuer.test',
    ...(options.issuerPath ? { path: options.issuerPath } : {}),
  });
  const contract = await startContractServer({
    roleCredentials: { accessKeyId: motoEnv.AWS_ACCESS_KEY_ID!, secretAccessKey: motoEnv.AWS_SECRET_ACCESS_KEY! },
    quotas: [
      { code: 'L-1216C47A', name: 'Running On-Demand Standard instances', applied: 512, default: 5 },
      { code: 'L-34B43A08', name: 'All Standard Spot Instance Requests', default: 640 },
      { code: 'L-DB2E81BA', name: 'Running On-Demand G and VT instances', applied: 0, default: 0 },
      // Raised, as in an account that already runs a few networks (and so reruns against one moto fit).
      { code: 'L-F678F1CE', name: 'VPCs per Region', applied: 50, default: 5 },
      { code: 'L-A4707A72', name: 'Internet gateways per Region', applied: 50, default: 5 },
    ],
    ...(options.ssoAccounts ? { accounts: options.ssoAccounts } : {}),
    ...(options.simulate ? { simulate: options.simulate, iamProxy: motoEnv.AWS_ENDPOINT_URL! } : {}),
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dcs-e2e-'));
  const userData = path.join(dir, 'user-data');
  const caFile = path.join(dir, 'issuer-ca.pem');
  writeFileSync(caFile, issuer.rootPem);
  const awsFiles: Record<string, string> = {};
  if (options.awsFiles) {
    const home = path.join(dir, 'home');
    mkdirSync(path.join(home, '.aws'), { recursive: true });
    writeFileSync(path.join(home, '.aws', 'config'), options.awsFiles.config);
    writeFileSync(path.join(home, '.aws', 'credentials'), options.awsFiles.credentials);
    Object.assign(awsFiles, {
      HOME: home,
      AWS_CONFIG_FILE: path.join(home, '.aws', 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials'),
      AWS_ENDPOINT_URL_SSO_OIDC: contract.url,
      AWS_ENDPOINT_URL_SSO: contract.url,
    });
  }
  const held = options.holdExecutes ? 'ExecuteChangeSet' : options.holdDeletes ? 'DeleteStack' : undefined;
  const proxy = held ? await holdingProxy(motoEnv.AWS_ENDPOINT_URL!, held) : undefined;
  const env = (extra: Record<string, string> = {}) => ({
    ...motoEnv,
    DCS_USER_DATA: userData,
    DCS_RESOLVE: `issuer.test:443=127.0.0.1:${issuer.port}`,
    NODE_EXTRA_CA_CERTS: caFile,
    AWS_ENDPOINT_URL_SERVICE_QUOTAS: contract.url,
    ...(options.simulate ? { AWS_ENDPOINT_URL_IAM: contract.url } : {}),
    ...awsFiles,
    ...options.env,
    ...(proxy
      ? { AWS_ENDPOINT_URL_CLOUDFORMATION: `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}` }
      : {}),
    ...extra,
  });
  let host = await launchHost(env());
  let handedOut = false;
  const world: World = {
    get host() {
      return host;
    },
    async launchUrl() {
      if (handedOut) host = await world.restart();
      handedOut = true;
      return host.launchUrl;
    },
    async seedDraft(step, aws) {
      await host.stop();
      writeDraft(userData, step, aws);
      host = await launchHost(env());
      handedOut = false;
    },
    userData,
    issuer,
    contract,
    awsHome: awsFiles.HOME,
    executeCount: () => proxy?.executes ?? 0,
    async executeTaken(count) {
      if (!proxy) throw new Error('startWorld({ holdExecutes: true }) holds ExecuteChangeSet');
      while (proxy.executed < count) await new Promise((r) => setTimeout(r, 50));
    },
    async deleteTaken(count) {
      if (!proxy || held !== 'DeleteStack') throw new Error('startWorld({ holdDeletes: true }) holds DeleteStack');
      while (proxy.executed < count) await new Promise((r) => setTimeout(r, 50));
    },
    releaseExecutes() {
      if (!proxy) throw new Error('startWorld({ holdExecutes: true }) holds ExecuteChangeSet');
      proxy.release();
    },
    savedDraft() {
      try {
        return JSON.parse(readFileSync(path.join(userData, 'draft.json'), 'utf8')).draft;
      } catch {
        return undefined;
      }
    },
    async restart(extra, how) {
      await (how?.crash ? host.kill() : host.stop());
      host = await launchHost(env(extra));
      handedOut = false;
      return host;
    },
    async close() {
      proxy?.release();
      await host.stop();
      await issuer.close();
      await contract.close();
      proxy?.server.close();
    },
  };
  return world;
}
