/**
 * Signing in with no usable profile, through the real core and the real AWS SDK: the SSO contract
 * server (test/support/aws-contract-server.ts) for IAM Identity Center, moto for STS. Ends with
 * the profile saved in ~/.aws/config and read back by the SDK's own loaders and by the AWS CLI.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fromIni } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles, loadSsoSessionData } from '@smithy/shared-ini-file-loader';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { startContractServer, type ContractServer } from '../../../test/support/aws-contract-server';
import { isolatedAws, TEST_KEYS } from '../../../test/support/aws-env';
import { followToEnd, testCore } from '../../../test/support/core';
import {
  InAppSession,
  SavedProfile,
  SsoAccountPage,
  SsoLoginHandle,
  SsoRolePage,
  StartedOperation,
} from '../../contract';

const motoUrl = inject('motoUrl');
const START_URL = 'https://d-9067000000.awsapps.com/start';
const ACCOUNTS = Array.from({ length: 5 }, (_, i) => ({
  accountId: `12345678901${i}`,
  accountName: `team-${i}`,
  roles: ['Admin', 'PowerUser', 'ReadOnly'],
}));
let server: ContractServer;

beforeAll(async () => {
  server = await startContractServer({ roleCredentials: TEST_KEYS, accounts: ACCOUNTS });
});
afterAll(async () => server.close());
afterEach(() => vi.unstubAllEnvs());

/** A computer with no AWS set up: empty config files, a fresh home. */
async function world(files: { config?: string; credentials?: string } = {}) {
  const aws = await isolatedAws(motoUrl, files);
  const home = mkdtempSync(path.join(os.tmpdir(), 'dcs-home-'));
  vi.stubEnv('HOME', home);
  vi.stubEnv('AWS_ENDPOINT_URL_SSO_OIDC', server.url);
  vi.stubEnv('AWS_ENDPOINT_URL_SSO', server.url);
  server.nextUserAction = 'approve';
  server.pageSize = 100;
  return { core: testCore(), home, ...aws };
}
type World = Awaited<ReturnType<typeof world>>;

async function ok<T>(core: World['core'], method: string, input: unknown, schema: { parse(v: unknown): T }) {
  const result = await core.dispatch(method, input, { transport: 'test' });
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return schema.parse(result.result);
}

async function signInSso(core: World['core']) {
  const started = await ok(core, 'aws.sso.start', { startUrl: START_URL, region: 'eu-west-1' }, StartedOperation);
  const events = await followToEnd(core, started.operationId);
  const finished = events.at(-1);
  if (finished?.type !== 'finished' || finished.status !== 'succeeded') throw new Error(JSON.stringify(finished));
  return { events, handle: SsoLoginHandle.parse(finished.result) };
}

describe('IAM Identity Center from its start URL', () => {
  it('waits while the code is pending, then holds the token in main and gives the window a handle', async () => {
    const { core, home } = await world();
    server.nextUserAction = 'ignore';
    const started = await ok(core, 'aws.sso.start', { startUrl: START_URL, region: 'eu-west-1' }, StartedOperation);
    // The person has not confirmed yet: the app polls and hears "pending".
    await vi.waitFor(() => expect(server.requests.filter((r) => r === 'POST /token').length).toBeGreaterThan(0), {
      timeout: 20_000,
    });
    expect(core.operations.get(started.operationId)?.status).toBe('running');
    expect(server.approvePending()).toBe(1);
    const events = await followToEnd(core, started.operationId);
    const prompt = events.find((e) => e.type === 'prompt');
    // The loopback host opens nothing itself: the screen links to the page.
    expect(prompt).toMatchObject({ userCode: expect.stringMatching(/^[0-9A-F]{4}-[0-9A-F]{4}$/), opened: false });
    const finished = events.at(-1);
    expect(finished).toMatchObject({ type: 'finished', status: 'succeeded' });
    const handle = SsoLoginHandle.parse(finished?.type === 'finished' ? finished.result : undefined);
    expect(handle).toMatchObject({ startUrl: START_URL, region: 'eu-west-1' });
    // No token crosses the boundary or reaches the disk.
    const everything = JSON.stringify(events);
    for (const issued of server.issuedTokens) expect(everything).not.toContain(issued);
    expect(everything).not.toMatch(/access-|refresh-|secret-/);
    expect(existsSync(path.join(home, '.aws'))).toBe(false);
  });

  it('polls more slowly when told to slow down', async () => {
    const { core } = await world();
    server.slowDownNext = true;
    const { events } = await signInSso(core);
    expect(events.at(-1)).toMatchObject({ status: 'succeeded' });
  });

  it('says the code expired when it was not confirmed in time, and holds nothing', async () => {
    const { core } = await world();
    server.nextUserAction = 'ignore';
    server.nextDeviceExpiresIn = 1;
    const started = await ok(core, 'aws.sso.start', { startUrl: START_URL, region: 'eu-west-1' }, StartedOperation);
    const events = await followToEnd(core, started.operationId);
    expect(events.at(-1)).toMatchObject({
      type: 'finished',
      status: 'failed',
      error: { code: 'NOT_FOUND', message: 'The sign-in code expired before it was confirmed.' },
    });
  });

  it('refuses a start URL that is not https, naming the field, and calls nothing', async () => {
    const { core } = await world();
    const before = server.requests.length;
    const result = await core.dispatch(
      'aws.sso.start',
      { startUrl: 'http://d-9067000000.awsapps.com/start', region: 'eu-west-1' },
      { transport: 'test' },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!result.ok) expect(result.error.details?.fields?.[0]?.path).toBe('startUrl');
    expect(server.requests.length).toBe(before);
  });

  it('lists accounts and roles page by page, then uses the chosen role', async () => {
    const { core } = await world();
    const { handle } = await signInSso(core);
    server.pageSize = 2;
    const accounts: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await ok(
        core,
        'aws.sso.accounts',
        { loginId: handle.loginId, ...(cursor ? { cursor } : {}) },
        SsoAccountPage,
      );
      accounts.push(...page.accounts.map((a) => a.accountId));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(accounts).toEqual(ACCOUNTS.map((a) => a.accountId));

    const first = await ok(
      core,
      'aws.sso.roles',
      { loginId: handle.loginId, accountId: ACCOUNTS[3]!.accountId },
      SsoRolePage,
    );
    expect(first.roles.map((r) => r.roleName)).toEqual(['Admin', 'PowerUser']);
    const second = await ok(
      core,
      'aws.sso.roles',
      { loginId: handle.loginId, accountId: ACCOUNTS[3]!.accountId, cursor: first.nextCursor },
      SsoRolePage,
    );
    expect(second).toEqual({ roles: [{ roleName: 'ReadOnly' }] });

    const session = await ok(
      core,
      'aws.sso.use',
      { loginId: handle.loginId, accountId: ACCOUNTS[3]!.accountId, roleName: 'PowerUser', accountName: 'team-3' },
      InAppSession,
    );
    expect(session).toMatchObject({ kind: 'sso', label: 'IAM Identity Center: PowerUser in team-3 (123456789013)' });
    const identity = await core.dispatch('aws.signIn', { profile: session.profile }, { transport: 'test' });
    expect(identity).toMatchObject({ ok: true, result: { source: { kind: 'in-app', label: session.label } } });
    expect(server.requests).toContain('GET /federation/credentials');
    expect(JSON.stringify(identity)).not.toContain(TEST_KEYS.secretAccessKey);
  });

  it('says so when the portal does not give that role, and a login id it never issued has ended', async () => {
    const { core } = await world();
    const { handle } = await signInSso(core);
    const refused = await core.dispatch(
      'aws.sso.use',
      { loginId: handle.loginId, accountId: ACCOUNTS[0]!.accountId, roleName: 'Billing' },
      { transport: 'test' },
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
    const unknown = await core.dispatch('aws.sso.accounts', { loginId: 'f'.repeat(32) }, { transport: 'test' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'CREDENTIALS_EXPIRED' } });
  });

  it('a sign-in from an earlier run of the app has ended, in words', async () => {
    const { core } = await world();
    const result = await core.dispatch(
      'aws.signIn',
      { profile: 'signed-in:sso/123456789010/Admin' },
      { transport: 'test' },
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'NO_CREDENTIALS', message: expect.stringContaining('only while it runs') },
    });
  });
});

const EXISTING_CONFIG = [
  '# my AWS config — keep this comment',
  '[default]',
  'region = eu-north-1',
  '',
  '; another comment',
  '[profile work]',
  'role_arn = arn:aws:iam::123456789012:role/Work',
  'source_profile = default',
  '',
].join('\n');

describe('saving the sign-in as a profile', () => {
  it('writes an sso-session and a profile the SDK reads back, leaving everything else as it was', async () => {
    const { core, config, credentials } = await world({ config: EXISTING_CONFIG });
    const { handle } = await signInSso(core);
    const session = await ok(
      core,
      'aws.sso.use',
      { loginId: handle.loginId, accountId: ACCOUNTS[1]!.accountId, roleName: 'Admin', region: 'us-west-2' },
      InAppSession,
    );
    const saved = await ok(core, 'aws.profile.save', { from: session.profile, name: 'datachain' }, SavedProfile);
    expect(saved).toMatchObject({ profile: 'datachain', cliHint: 'aws sso login --profile datachain' });

    const text = readFileSync(config, 'utf8');
    expect(text.startsWith(EXISTING_CONFIG)).toBe(true);
    expect(readFileSync(credentials, 'utf8')).toBe('');
    const { configFile } = await loadSharedConfigFiles({ ignoreCache: true });
    expect(configFile.datachain).toEqual({
      sso_session: 'd-9067000000',
      sso_account_id: ACCOUNTS[1]!.accountId,
      sso_role_name: 'Admin',
      region: 'us-west-2',
    });
    expect(configFile.work).toMatchObject({ role_arn: 'arn:aws:iam::123456789012:role/Work' });
    expect((await loadSsoSessionData())['d-9067000000']).toEqual({
      sso_start_url: START_URL,
      sso_region: 'eu-west-1',
      sso_registration_scopes: 'sso:account:access',
    });
    // No token was written: the CLI (or the app's profile sign-in) gets its own.
    expect(JSON.stringify(readFileSync(config, 'utf8'))).not.toMatch(/access-|refresh-/);

    // The app goes on with the role it holds, now under the profile's name.
    expect(await core.dispatch('aws.signIn', { profile: 'datachain' }, { transport: 'test' })).toMatchObject({
      ok: true,
      result: { source: { kind: 'in-app' } },
    });

    // A second save under a name that is taken changes nothing.
    const before = readFileSync(config, 'utf8');
    const again = await core.dispatch(
      'aws.profile.save',
      { from: session.profile, name: 'work' },
      { transport: 'test' },
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { fields: [{ path: 'name' }] } } });
    expect(readFileSync(config, 'utf8')).toBe(before);
  });

  it("after the profile's own sign-in (the token in the CLI's cache) the SDK's fromIni resolves it", async () => {
    const { core, home } = await world();
    const { handle } = await signInSso(core);
    const session = await ok(
      core,
      'aws.sso.use',
      { loginId: handle.loginId, accountId: ACCOUNTS[2]!.accountId, roleName: 'ReadOnly' },
      InAppSession,
    );
    await ok(core, 'aws.profile.save', { from: session.profile, name: 'dc-sso', region: 'eu-west-1' }, SavedProfile);
    // What `aws sso login --profile dc-sso` does; here the app's own sign-in for a profile.
    const started = await ok(core, 'aws.sso.login', { profile: 'dc-sso' }, StartedOperation);
    expect((await followToEnd(core, started.operationId)).at(-1)).toMatchObject({ status: 'succeeded' });
    expect(readdirSync(path.join(home, '.aws', 'sso', 'cache'))).toHaveLength(1);
    const resolved = await fromIni({ profile: 'dc-sso', ignoreCache: true })();
    expect(resolved).toMatchObject({ accessKeyId: TEST_KEYS.accessKeyId, sessionToken: expect.any(String) });
  });

  it.skipIf(!cliAvailable())(
    'the AWS CLI reads the saved profile and its sso-session, and calls AWS with it',
    async () => {
      const { core, home, config } = await world({ config: EXISTING_CONFIG });
      const { handle } = await signInSso(core);
      const session = await ok(
        core,
        'aws.sso.use',
        { loginId: handle.loginId, accountId: ACCOUNTS[0]!.accountId, roleName: 'Admin' },
        InAppSession,
      );
      await ok(core, 'aws.profile.save', { from: session.profile, name: 'for-cli', region: 'us-east-1' }, SavedProfile);
      // The token cache `aws sso login` writes (AWS CLI v1 here has no `sso login`: the app's does the same).
      const started = await ok(core, 'aws.sso.login', { profile: 'for-cli' }, StartedOperation);
      expect((await followToEnd(core, started.operationId)).at(-1)).toMatchObject({ status: 'succeeded' });
      const env = { ...process.env, HOME: home, AWS_CONFIG_FILE: config };
      const { stdout } = await promisify(execFile)(
        'aws',
        ['sts', 'get-caller-identity', '--profile', 'for-cli', '--output', 'json'],
        { env, timeout: 120_000 },
      );
      expect(JSON.parse(stdout)).toMatchObject({ Account: expect.stringMatching(/^\d{12}$/) });
      expect(server.requests.filter((r) => r === 'GET /federation/credentials').length).toBeGreaterThan(0);
    },
  );
});

function cliAvailable(): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => existsSync(path.join(dir, 'aws')));
}

describe('access keys typed into the app', () => {
  const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

  it('are used from memory and written nowhere unless asked', async () => {
    const { core, home, config, credentials } = await world();
    const session = await ok(
      core,
      'aws.keys.use',
      { accessKeyId: TEST_KEYS.accessKeyId, secretAccessKey: SECRET, region: 'eu-central-1' },
      InAppSession,
    );
    expect(session.label).toBe('Access key AKIA…MPLE typed into the app');
    const identity = await core.dispatch('aws.signIn', { profile: session.profile }, { transport: 'test' });
    expect(identity).toMatchObject({ ok: true, result: { source: { kind: 'in-app' } } });
    expect(readFileSync(config, 'utf8')).toBe('');
    expect(readFileSync(credentials, 'utf8')).toBe('');
    expect(existsSync(path.join(home, '.aws'))).toBe(false);
  });

  it('when saved, go to the credentials file only, mode 0600, in its format', async () => {
    const existing = '[old]\naws_access_key_id = AKIAOLDOLDOLDOLDOLDO\naws_secret_access_key = old\n';
    const { core, config, credentials } = await world({ credentials: existing });
    const session = await ok(
      core,
      'aws.keys.use',
      { accessKeyId: TEST_KEYS.accessKeyId, secretAccessKey: SECRET, sessionToken: 'FQoGZXIvYXdzEXAMPLE' },
      InAppSession,
    );
    const saved = await ok(
      core,
      'aws.profile.save',
      { from: session.profile, name: 'typed', region: 'eu-central-1' },
      SavedProfile,
    );
    expect(saved.written.map((w) => w.file)).toEqual([credentials, config]);
    expect(statSync(credentials).mode & 0o777).toBe(0o600);
    const text = readFileSync(credentials, 'utf8');
    expect(text).toBe(
      `${existing}\n[typed]\naws_access_key_id = ${TEST_KEYS.accessKeyId}\naws_secret_access_key = ${SECRET}\naws_session_token = FQoGZXIvYXdzEXAMPLE\n`,
    );
    expect(readFileSync(config, 'utf8')).toBe('[profile typed]\nregion = eu-central-1\n');
    expect(await fromIni({ profile: 'typed', ignoreCache: true })()).toMatchObject({
      accessKeyId: TEST_KEYS.accessKeyId,
      secretAccessKey: SECRET,
      sessionToken: 'FQoGZXIvYXdzEXAMPLE',
    });
  });

  it('refuses a malformed key id without holding anything', async () => {
    const { core } = await world();
    const result = await core.dispatch(
      'aws.keys.use',
      { accessKeyId: 'my-key', secretAccessKey: SECRET },
      { transport: 'test' },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
