/**
 * A company network: every AWS call and the issuer check go through an HTTP CONNECT proxy that
 * counts what passes and refuses anything else; the AWS endpoints sit behind TLS inspection
 * with a private CA trusted through AWS_CA_BUNDLE only. The services have `.test` names that
 * resolve nowhere but in the proxy, so a call that went direct would fail the flow.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createDefaultHttpClient, createPipelineFromOptions, createPipelineRequest } from '@azure/core-rest-pipeline';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { StartedOperation, SetupPlan } from '../electron/contract';
import { startContractServer, type ContractServer } from './support/aws-contract-server';
import { isolatedAws, TEST_KEYS } from './support/aws-env';
import { startCountingProxy, type CountingProxy } from './support/connect-proxy';
import { followToEnd, testCore } from './support/core';
import { makeChain, startTestIssuer, type TestIssuer } from './support/tls-issuer';

const motoUrl = inject('motoUrl');
const REGION = 'eu-north-1';
const AWS = 'https://aws.aws.test';
let issuer: TestIssuer;
let contract: ContractServer;
let proxy: CountingProxy;
let inspection: ReturnType<typeof makeChain>;

beforeAll(async () => {
  issuer = await startTestIssuer({ host: 'issuer.test' });
  contract = await startContractServer({
    roleCredentials: TEST_KEYS,
    quotas: [
      { code: 'L-1216C47A', name: 'Running On-Demand Standard instances', applied: 512, default: 5 },
      { code: 'L-F678F1CE', name: 'VPCs per Region', applied: 50, default: 5 },
      { code: 'L-A4707A72', name: 'Internet gateways per Region', applied: 50, default: 5 },
    ],
  });
  inspection = makeChain('*.aws.test');
  const tls = { key: inspection.key, cert: inspection.certChain };
  proxy = await startCountingProxy({
    'aws.aws.test:443': { kind: 'inspect', to: motoUrl, tls },
    'quotas.aws.test:443': { kind: 'inspect', to: contract.url, tls },
    'issuer.test:443': { kind: 'tunnel', to: { host: '127.0.0.1', port: issuer.port } },
    'plain.azure.test:80': { kind: 'inspect', to: contract.url, tls },
  });
});
afterAll(async () => {
  await proxy.close();
  await contract.close();
  await issuer.close();
});
afterEach(() => vi.unstubAllEnvs());

async function behindProxy(extra: Record<string, string> = {}) {
  const aws = await isolatedAws(AWS);
  const bundle = path.join(aws.dir, 'company-ca.pem');
  writeFileSync(bundle, inspection.rootPem);
  vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_KEYS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_KEYS.secretAccessKey);
  vi.stubEnv('AWS_ENDPOINT_URL_SERVICE_QUOTAS', 'https://quotas.aws.test');
  vi.stubEnv('AWS_CA_BUNDLE', bundle);
  vi.stubEnv('HTTPS_PROXY', proxy.url);
  vi.stubEnv('NO_PROXY', 'localhost,127.0.0.1');
  for (const [name, value] of Object.entries(extra)) vi.stubEnv(name, value);
  // The issuer's CA is trusted like any public one (in the app: the system store or NODE_EXTRA_CA_CERTS).
  return testCore({
    issuerTarget: { connectOptions: (host) => ({ host, port: 443, servername: host, ca: [issuer.rootPem] }) },
  });
}

async function call(core: ReturnType<typeof testCore>, method: string, input: unknown) {
  const result = await core.dispatch(method, input, { transport: 'test' });
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.result;
}

describe('behind a company proxy', () => {
  it('runs a first-time flow with every call through the proxy, AWS under TLS inspection', async () => {
    const core = await behindProxy();
    const seenBefore = proxy.requests.length;
    const contractBefore = contract.requests.length;

    expect(await call(core, 'aws.signIn', {})).toMatchObject({ accountId: expect.stringMatching(/^\d{12}$/) });
    expect(await call(core, 'aws.regions.list', {})).toContainEqual(expect.objectContaining({ name: REGION }));
    await call(core, 'aws.zones.list', { region: REGION });
    await call(core, 'aws.buckets.list', {});
    const check = await call(core, 'studio.issuer.check', { issuer: `${issuer.host}/api` });
    expect(check).toMatchObject({ thumbprints: [issuer.sha1.intermediate, issuer.sha1.root] });

    const config = {
      region: REGION,
      zones: [`${REGION}a`, `${REGION}b`],
      studio: { team: 'proxied', issuer: `${issuer.host}/api` },
      namePrefix: 'proxied',
    };
    const plan = SetupPlan.parse(await call(core, 'setup.plan', { cloud: 'aws', config }));
    const started = StartedOperation.parse(await call(core, 'setup.deploy', { planId: plan.planId }));
    const finished = (await followToEnd(core, started.operationId)).at(-1);
    expect(finished).toMatchObject({ type: 'finished', status: 'succeeded' });
    const target = { cloud: 'aws', region: REGION, stackName: 'proxied-datachain-cluster' };
    expect(await call(core, 'setup.outputs', { target })).toMatchObject({ cloud: 'aws' });
    await call(core, 'setup.teardown', { target }).then(async (op) => {
      const last = (await followToEnd(core, StartedOperation.parse(op).operationId)).at(-1);
      expect(last).toMatchObject({ type: 'finished', status: 'succeeded' });
    });

    const seen = proxy.requests.slice(seenBefore);
    const actions = new Set(seen.map((line) => line.split(' ').at(-1)));
    for (const action of ['GetCallerIdentity', 'DescribeRegions', 'CreateChangeSet', 'ExecuteChangeSet', 'DeleteStack'])
      expect(actions, action).toContain(action);
    // Every request the quotas server answered came through the proxy.
    const quotaCalls = seen.filter((line) => line.startsWith('quotas.aws.test'));
    expect(quotaCalls.length).toBe(contract.requests.length - contractBefore);
    expect(quotaCalls.length).toBeGreaterThan(0);
    expect(proxy.connects).toContain('CONNECT issuer.test:443');
    expect(proxy.refused).toEqual([]);
  });

  it('cannot reach AWS when NO_PROXY sends the endpoint direct (the names resolve only in the proxy)', async () => {
    const core = await behindProxy({ NO_PROXY: 'aws.aws.test' });
    const result = await core.dispatch('aws.signIn', {}, { transport: 'test' });
    expect(result.ok).toBe(false);
  });

  it('refuses the inspected AWS endpoints without AWS_CA_BUNDLE', async () => {
    const core = await behindProxy({ AWS_CA_BUNDLE: '' });
    const result = await core.dispatch('aws.signIn', {}, { transport: 'test' });
    expect(result).toMatchObject({ ok: false });
  });

  it('checks the issuer through the proxy', async () => {
    await behindProxy();
    const before = proxy.connects.filter((c) => c === 'CONNECT issuer.test:443').length;
    const core = await behindProxy();
    await call(core, 'studio.issuer.check', { issuer: `${issuer.host}/api` });
    // The discovery document and the chain each open one tunnel.
    expect(proxy.connects.filter((c) => c === 'CONNECT issuer.test:443').length).toBe(before + 2);
  });

  it("the Azure SDK's pipeline follows HTTPS_PROXY and HTTP_PROXY by itself", async () => {
    vi.stubEnv('HTTPS_PROXY', proxy.url);
    vi.stubEnv('HTTP_PROXY', proxy.url);
    vi.stubEnv('NO_PROXY', 'localhost,127.0.0.1');
    const pipeline = createPipelineFromOptions({});
    const client = createDefaultHttpClient();
    const before = proxy.connects.length;
    // https: a CONNECT tunnel to a name only the proxy resolves. (The test issuer's private CA
    // cannot be trusted in-process here; the app trusts it through NODE_EXTRA_CA_CERTS.)
    const secure = createPipelineRequest({ url: `https://${issuer.host}/api/.well-known/openid-configuration` });
    await expect(pipeline.sendRequest(client, secure)).rejects.toThrow(/certificate/);
    // (Only its own tunnels: this file's other cores share the proxy.)
    expect(proxy.connects.slice(before).filter((c) => !c.startsWith('CONNECT aws.'))).toEqual([
      'CONNECT issuer.test:443',
    ]);
    // http: forwarded by the proxy to the server behind the name.
    const plain = createPipelineRequest({ url: 'http://plain.azure.test/nothing-here', allowInsecureConnection: true });
    const response = await pipeline.sendRequest(client, plain);
    expect(response.status).toBe(401); // the portal behind the name answers: no token
    expect(proxy.requests.at(-1)).toBe('plain.azure.test GET /nothing-here');
  });
});
