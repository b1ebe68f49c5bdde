/**
 * Every local credential source, through the real core and the real AWS SDK: moto for STS and
 * IAM, and the local contract server (test/support/aws-contract-server.ts) for IAM Identity
 * Center, which moto does not implement.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { startContractServer, type ContractServer } from '../../../test/support/aws-contract-server';
import { isolatedAws, TEST_KEYS } from '../../../test/support/aws-env';
import { followToEnd, testCore } from '../../../test/support/core';
import { ProfileListing, StartedOperation } from '../../contract';

const motoUrl = inject('motoUrl');
const ACCOUNT = '123456789012';
let server: ContractServer;
let home: string;

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

beforeAll(async () => {
  server = await startContractServer({
    roleCredentials: TEST_KEYS,
    accounts: [{ accountId: ACCOUNT, accountName: 'dev', roles: ['PowerUser', 'ReadOnly'] }],
  });
});
afterAll(async () => server.close());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

async function world() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dcs-creds-'));
  const processScript = path.join(dir, 'creds.mjs');
  writeFileSync(
    processScript,
    `console.log(JSON.stringify({ Version: 1, AccessKeyId: '${TEST_KEYS.accessKeyId}', SecretAccessKey: 'process-secret-value' }));\n`,
  );
  await isolatedAws(motoUrl, {
    config: [
      '[default]',
      'region = eu-north-1',
      '[profile static-keys]',
      'region = eu-north-1',
      '[profile assumer]',
      `role_arn = arn:aws:iam::${ACCOUNT}:role/DataChainAdmin`,
      'source_profile = static-keys',
      '[profile with-mfa]',
      `role_arn = arn:aws:iam::${ACCOUNT}:role/DataChainAdmin`,
      'source_profile = static-keys',
      `mfa_serial = arn:aws:iam::${ACCOUNT}:mfa/alice`,
      '[profile from-process]',
      `credential_process = ${process.execPath} ${processScript}`,
      '[profile sso-dev]',
      'sso_session = corp',
      `sso_account_id = ${ACCOUNT}`,
      'sso_role_name = PowerUser',
      'region = eu-north-1',
      '[sso-session corp]',
      'sso_start_url = https://d-1234567890.awsapps.com/start',
      'sso_region = us-east-1',
      'sso_registration_scopes = sso:account:access',
      '[profile legacy-sso]',
      'sso_start_url = https://d-1234567890.awsapps.com/start',
      'sso_region = us-east-1',
      `sso_account_id = ${ACCOUNT}`,
      'sso_role_name = ReadOnly',
      '[profile web]',
      `role_arn = arn:aws:iam::${ACCOUNT}:role/Ci`,
      'web_identity_token_file = /tmp/token',
      '[profile nothing]',
      'region = us-east-1',
    ].join('\n'),
    credentials: [
      '[default]',
      `aws_access_key_id = ${TEST_KEYS.accessKeyId}`,
      `aws_secret_access_key = ${SECRET}`,
      '[static-keys]',
      `aws_access_key_id = ${TEST_KEYS.accessKeyId}`,
      `aws_secret_access_key = ${SECRET}`,
    ].join('\n'),
  });
  home = mkdtempSync(path.join(os.tmpdir(), 'dcs-home-'));
  vi.stubEnv('HOME', home);
  vi.stubEnv('AWS_ENDPOINT_URL_SSO_OIDC', server.url);
  vi.stubEnv('AWS_ENDPOINT_URL_SSO', server.url);
  return testCore();
}

const call = async (core: ReturnType<typeof testCore>, method: string, input: unknown) =>
  core.dispatch(method, input, { transport: 'test' });

describe('profiles', () => {
  it('lists every profile labelled by kind, and never their secrets', async () => {
    const core = await world();
    vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_KEYS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', SECRET);
    const result = await call(core, 'aws.profiles.list', {});
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const listing = ProfileListing.parse(result.result);
    const kinds = Object.fromEntries(listing.profiles.map((p) => [p.name, p.kind]));
    expect(kinds).toEqual({
      default: 'static',
      'static-keys': 'static',
      assumer: 'assume-role',
      'with-mfa': 'assume-role',
      'from-process': 'credential-process',
      'sso-dev': 'sso',
      'legacy-sso': 'sso',
      web: 'web-identity',
      nothing: 'incomplete',
    });
    expect(listing.profiles.find((p) => p.name === 'with-mfa')?.mfaSerial).toBe(`arn:aws:iam::${ACCOUNT}:mfa/alice`);
    expect(listing.profiles.find((p) => p.name === 'sso-dev')?.sso).toMatchObject({
      session: 'corp',
      region: 'us-east-1',
      roleName: 'PowerUser',
    });
    expect(listing.environment?.label).toContain('…MPLE');
    const text = JSON.stringify(listing);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('creds.mjs');
  });
});

describe('signing in', () => {
  it('with static keys of a profile', async () => {
    const core = await world();
    expect(await call(core, 'aws.signIn', { profile: 'static-keys' })).toMatchObject({
      ok: true,
      result: { accountId: ACCOUNT, source: { kind: 'profile', profile: 'static-keys' } },
    });
  });

  it('with environment variables', async () => {
    const core = await world();
    vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_KEYS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', SECRET);
    expect(await call(core, 'aws.signIn', {})).toMatchObject({
      ok: true,
      result: { accountId: ACCOUNT, source: { kind: 'environment' } },
    });
  });

  it('by assuming a role from a source profile', async () => {
    const core = await world();
    const result = await call(core, 'aws.signIn', { profile: 'assumer' });
    expect(result).toMatchObject({ ok: true, result: { principal: { type: 'assumed-role', name: 'DataChainAdmin' } } });
    if (result.ok) expect((result.result as { expiresAt?: string }).expiresAt).toBeDefined();
  });

  it('asks for the MFA code of an MFA-protected role, then uses it, and asks again when the session expires', async () => {
    const core = await world();
    const first = await call(core, 'aws.signIn', { profile: 'with-mfa' });
    expect(first).toMatchObject({
      ok: false,
      error: { code: 'MFA_REQUIRED', details: { profile: 'with-mfa', mfaSerial: `arn:aws:iam::${ACCOUNT}:mfa/alice` } },
    });
    const bad = await call(core, 'aws.signIn', { profile: 'with-mfa', mfaCode: '12ab' });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { fields: [{ path: 'mfaCode' }] } },
    });
    const signed = await call(core, 'aws.signIn', { profile: 'with-mfa', mfaCode: '123456' });
    expect(signed).toMatchObject({ ok: true, result: { principal: { type: 'assumed-role', name: 'DataChainAdmin' } } });
    // Later calls reuse the session…
    expect(await call(core, 'aws.whoami', { profile: 'with-mfa' })).toMatchObject({ ok: true });
    // …until its temporary credentials expire: then the window is asked for a new code.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3 * 3600_000);
    expect(await call(core, 'aws.whoami', { profile: 'with-mfa' })).toMatchObject({
      ok: false,
      error: { code: 'MFA_REQUIRED' },
    });
  });

  it('with credential_process', async () => {
    const core = await world();
    expect(await call(core, 'aws.signIn', { profile: 'from-process' })).toMatchObject({
      ok: true,
      result: { accountId: ACCOUNT },
    });
  });

  it('says plainly that an SSO profile needs a sign-in first', async () => {
    const core = await world();
    const result = await call(core, 'aws.signIn', { profile: 'sso-dev' });
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(['CREDENTIALS_EXPIRED', 'NO_CREDENTIALS']).toContain(result.error.code);
  });
});

describe('IAM Identity Center sign-in in the app', () => {
  async function login(core: ReturnType<typeof testCore>, profile: string) {
    const started = await call(core, 'aws.sso.login', { profile });
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    return followToEnd(core, StartedOperation.parse(started.result).operationId);
  }

  it('shows the device code, writes the token where the AWS CLI reads it, and signs in with it', async () => {
    const core = await world();
    server.nextUserAction = 'approve';
    server.slowDownNext = true;
    const events = await login(core, 'sso-dev');
    const prompt = events.find((e) => e.type === 'prompt');
    expect(prompt).toMatchObject({
      kind: 'sso-device-code',
      userCode: expect.stringMatching(/^[0-9A-F]{4}-[0-9A-F]{4}$/),
      verificationUriComplete: expect.stringContaining('user_code='),
    });
    expect(events.at(-1)).toMatchObject({ type: 'finished', status: 'succeeded' });
    // The CLI's cache file for sso-session "corp": sha1 of the session name.
    const file = path.join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`);
    const cached = JSON.parse(readFileSync(file, 'utf8'));
    expect(cached).toMatchObject({
      startUrl: 'https://d-1234567890.awsapps.com/start',
      region: 'us-east-1',
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      clientId: expect.any(String),
      clientSecret: expect.any(String),
    });
    expect(server.requests.filter((r) => r === 'POST /token').length).toBeGreaterThanOrEqual(2); // slow_down, then the token
    // The SDK now resolves the profile's role credentials from that token.
    const signed = await call(core, 'aws.signIn', { profile: 'sso-dev' });
    expect(signed).toMatchObject({ ok: true, result: { accountId: ACCOUNT, source: { profile: 'sso-dev' } } });
    expect(server.requests).toContain('GET /federation/credentials');
  });

  it('a legacy SSO profile caches its token under the start URL', async () => {
    const core = await world();
    server.nextUserAction = 'approve';
    await login(core, 'legacy-sso');
    const file = path.join(
      home,
      '.aws',
      'sso',
      'cache',
      `${createHash('sha1').update('https://d-1234567890.awsapps.com/start').digest('hex')}.json`,
    );
    expect(existsSync(file)).toBe(true);
    expect(await call(core, 'aws.signIn', { profile: 'legacy-sso' })).toMatchObject({ ok: true });
  });

  it('reports a sign-in declined in the browser, and stores nothing', async () => {
    const core = await world();
    server.nextUserAction = 'deny';
    const events = await login(core, 'sso-dev');
    expect(events.at(-1)).toMatchObject({
      type: 'finished',
      status: 'failed',
      error: { code: 'ACCESS_DENIED', message: 'The sign-in was declined in the browser.' },
    });
    expect(existsSync(path.join(home, '.aws', 'sso', 'cache'))).toBe(false);
  });

  it('refuses a profile that is not an SSO profile, naming the field', async () => {
    const core = await world();
    expect(await call(core, 'aws.sso.login', { profile: 'static-keys' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { fields: [{ path: 'profile' }] } },
    });
  });

  it('refreshes an expired access token with its refresh token, silently', async () => {
    const core = await world();
    server.nextUserAction = 'approve';
    await login(core, 'sso-dev');
    const file = path.join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`);
    const cached = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...cached, expiresAt: new Date(Date.now() - 60_000).toISOString() }));
    const refreshesBefore = server.requests.filter((r) => r === 'POST /token').length;
    expect(await call(core, 'aws.signIn', { profile: 'sso-dev' })).toMatchObject({ ok: true });
    expect(server.requests.filter((r) => r === 'POST /token').length).toBe(refreshesBefore + 1);
  });

  it('asks to sign in again when the SSO session has expired for good', async () => {
    const core = await world();
    server.nextUserAction = 'approve';
    await login(core, 'sso-dev');
    const file = path.join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`);
    const cached = JSON.parse(readFileSync(file, 'utf8'));
    server.revokeAllTokens();
    writeFileSync(file, JSON.stringify({ ...cached, expiresAt: new Date(Date.now() - 60_000).toISOString() }));
    const result = await call(core, 'aws.signIn', { profile: 'sso-dev' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CREDENTIALS_EXPIRED', message: 'Your AWS SSO session has expired.' },
    });
  });
});
