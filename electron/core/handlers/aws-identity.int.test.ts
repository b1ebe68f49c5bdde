import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { freePort } from '../../../scripts/lib/proc.mjs';
import { isolatedAws, TEST_KEYS } from '../../../test/support/aws-env';
import { testCore } from '../../../test/support/core';

const motoUrl = inject('motoUrl');

afterEach(() => vi.unstubAllEnvs());

async function motoAccount(): Promise<string> {
  const sts = new STSClient({ region: 'us-east-1', endpoint: motoUrl, credentials: TEST_KEYS });
  return (await sts.send(new GetCallerIdentityCommand({}))).Account!;
}

describe('aws.whoami against moto', () => {
  it('uses environment credentials and AWS_ENDPOINT_URL', async () => {
    await isolatedAws(motoUrl);
    vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_KEYS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_KEYS.secretAccessKey);
    const result = await testCore().dispatch('aws.whoami', {}, { transport: 'test' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.result).toMatchObject({
      accountId: await motoAccount(),
      partition: 'aws',
      source: { kind: 'environment' },
    });
    expect(JSON.stringify(result.result)).not.toContain(TEST_KEYS.secretAccessKey);
  });

  it('honours AWS_PROFILE and a named profile from the config files', async () => {
    await isolatedAws(motoUrl, {
      credentials: `[team-dev]\naws_access_key_id = ${TEST_KEYS.accessKeyId}\naws_secret_access_key = ${TEST_KEYS.secretAccessKey}\n`,
      config: '[profile team-dev]\nregion = eu-north-1\n',
    });
    const core = testCore();
    const named = await core.dispatch('aws.whoami', { profile: 'team-dev' }, { transport: 'test' });
    expect(named).toMatchObject({ ok: true, result: { source: { kind: 'profile', profile: 'team-dev' } } });

    vi.stubEnv('AWS_PROFILE', 'team-dev');
    const fromEnv = await testCore().dispatch('aws.whoami', {}, { transport: 'test' });
    expect(fromEnv).toMatchObject({ ok: true, result: { source: { kind: 'profile', profile: 'team-dev' } } });
  });

  it('says clearly when there are no credentials at all', async () => {
    await isolatedAws(motoUrl);
    const result = await testCore().dispatch('aws.whoami', {}, { transport: 'test' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'NO_CREDENTIALS', message: 'No AWS credentials were found.' },
    });
    if (!result.ok) expect(result.error.details?.hint).toMatch(/aws configure|aws sso login/);
  });

  it('says which profile is missing', async () => {
    await isolatedAws(motoUrl);
    const result = await testCore().dispatch('aws.whoami', { profile: 'does-not-exist' }, { transport: 'test' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'NO_CREDENTIALS', message: 'There is no AWS profile called "does-not-exist".' },
    });
  });

  it('a sign-in whose identity fails leaves no request behind it (the account alias asked alongside is stopped)', async () => {
    // STS unreachable; IAM (the alias) answers nothing, so only the app can end that request.
    const asked: { ended: boolean }[] = [];
    const iam = http.createServer((_req, res) => {
      const seen = { ended: false };
      asked.push(seen);
      res.on('close', () => (seen.ended = true));
    });
    await new Promise<void>((resolve) => iam.listen(0, '127.0.0.1', resolve));
    try {
      await isolatedAws(motoUrl);
      vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_KEYS.accessKeyId);
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_KEYS.secretAccessKey);
      vi.stubEnv('AWS_ENDPOINT_URL_STS', `http://127.0.0.1:${await freePort()}`);
      vi.stubEnv('AWS_ENDPOINT_URL_IAM', `http://127.0.0.1:${(iam.address() as AddressInfo).port}`);
      const result = await testCore().dispatch('aws.signIn', {}, { transport: 'test' });
      expect(result).toMatchObject({ ok: false, error: { code: 'CLOUD_UNREACHABLE' } });
      expect(asked.length).toBeGreaterThan(0);
      await expect.poll(() => asked.every((a) => a.ended), { timeout: 2_000 }).toBe(true);
    } finally {
      iam.closeAllConnections();
      await new Promise((resolve) => iam.close(resolve));
    }
  });

  it('reports an unreachable endpoint as such', async () => {
    await isolatedAws(`http://127.0.0.1:${await freePort()}`);
    vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_KEYS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_KEYS.secretAccessKey);
    const result = await testCore().dispatch('aws.whoami', {}, { transport: 'test' });
    expect(result).toMatchObject({ ok: false, error: { code: 'CLOUD_UNREACHABLE' } });
  });
});
