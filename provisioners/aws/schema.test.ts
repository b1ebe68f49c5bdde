import { describe, expect, it } from 'vitest';
import { AwsSetupConfig, bucketNameProblem, type AwsSetupConfigInput } from './schema';

const valid: AwsSetupConfigInput = {
  region: 'eu-north-1',
  zones: ['eu-north-1a', 'eu-north-1b'],
  studio: { team: 'example-team' },
  oidcThumbprints: ['0123456789abcdef0123456789abcdef01234567'],
};

function problems(overrides: Record<string, unknown>): { path: string; message: string }[] {
  const result = AwsSetupConfig.safeParse({ ...valid, ...overrides });
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('AwsSetupConfig', () => {
  it('accepts a minimal config and fills in the Terraform defaults', () => {
    const config = AwsSetupConfig.parse(valid);
    expect(config.studio).toEqual({
      issuer: 'studio.datachain.ai/api',
      team: 'example-team',
      computeCredentials: 'datachain-compute',
      storageCredentials: 'datachain-storage',
    });
    expect(config).toMatchObject({ namePrefix: '', buckets: [], secrets: [], otherKmsKeys: [], tags: {} });
    expect(config.nodePools).toBeUndefined();
  });

  it('names the field of an invalid bucket name', () => {
    const named = (...names: string[]) => names.map((name) => ({ name }));
    expect(problems({ buckets: named('good-bucket', 'Bad_Bucket') })).toEqual([
      {
        path: 'buckets.1.name',
        message:
          '"Bad_Bucket" is not a valid S3 bucket name: it may contain only lowercase letters, digits, dots and hyphens',
      },
    ]);
    expect(problems({ buckets: named('ab') })[0]?.path).toBe('buckets.0.name');
    expect(problems({ buckets: named('a', 'a') }).map((p) => p.path)).toContain('buckets.0.name');
    expect(problems({ buckets: named('same-name', 'same-name') })).toEqual([
      { path: 'buckets.1.name', message: 'bucket is listed twice' },
    ]);
  });

  it('knows the S3 naming rules', () => {
    for (const bad of [
      '192.168.5.4',
      'my..bucket',
      '-start',
      'end-',
      'xn--bucket',
      'bucket-s3alias',
      'a'.repeat(64),
      'UPPER',
    ]) {
      expect(bucketNameProblem(bad), bad).toBeDefined();
    }
    for (const good of ['abc', 'my.bucket.name', 'datachain-prod-2024', 'a'.repeat(63)]) {
      expect(bucketNameProblem(good), good).toBeUndefined();
    }
  });

  it('names the field of a malformed secret ARN', () => {
    for (const bad of [
      'example-secret',
      'arn:aws:secretsmanager:us-east-1:000000000000:secret:my-db-password', // no 6-character suffix
      'arn:aws:secretsmanager:us-east-1:0000:secret:example-secret-abcdef',
      'arn:aws:s3:::bucket',
    ]) {
      const [problem] = problems({ secrets: [{ arn: bad, envName: 'X' }] });
      expect(problem?.path, bad).toBe('secrets.0.arn');
      expect(problem?.message).toMatch(/not a full Secrets Manager secret ARN/);
    }
    expect(
      problems({
        secrets: [{ arn: 'arn:aws-cn:secretsmanager:cn-north-1:000000000000:secret:x-abcdef', envName: 'X' }],
      })[0],
    ).toMatchObject({ path: 'secrets.0.arn', message: expect.stringContaining('partition aws-cn') });
  });

  it('refuses subjects with characters that would change the trust condition', () => {
    for (const bad of ['team*', 'team/other', 'team name', 'te"am', 'credentials:x', '']) {
      const found = problems({ studio: { team: bad } });
      expect(found[0]?.path, bad).toBe('studio.team');
    }
    expect(problems({ studio: { team: 'acme', computeCredentials: 'compute?' } })[0]?.path).toBe(
      'studio.computeCredentials',
    );
  });

  it('refuses zones that are not in the region, and Local Zones', () => {
    expect(problems({ zones: ['eu-north-1a', 'eu-west-1b'] })).toEqual([
      { path: 'zones.1', message: 'eu-west-1b is not a zone of eu-north-1' },
    ]);
    expect(problems({ region: 'us-east-1', zones: ['us-east-1a', 'us-east-1-bos-1a'] })[0]?.path).toBe('zones.1');
    expect(problems({ zones: ['eu-north-1a'] })[0]).toEqual({
      path: 'zones',
      message: 'choose at least two availability zones (EKS needs two)',
    });
  });

  it('checks the region, prefix, issuer, thumbprints and tags', () => {
    expect(problems({ region: 'europe' })[0]?.path).toBe('region');
    expect(problems({ namePrefix: 'Team_B' })[0]?.path).toBe('namePrefix');
    expect(problems({ namePrefix: '-b' })[0]?.path).toBe('namePrefix');
    expect(problems({ studio: { team: 'x', issuer: 'http://evil' } })[0]?.path).toBe('studio.issuer');
    expect(
      AwsSetupConfig.parse({ ...valid, studio: { team: 'x', issuer: 'https://studio.example.com/api/' } }).studio
        .issuer,
    ).toBe('studio.example.com/api');
    expect(problems({ oidcThumbprints: ['XYZ'] })[0]?.path).toBe('oidcThumbprints.0');
    expect(problems({ tags: { 'aws:reserved': 'x' } })[0]?.path).toBe('tags.aws:reserved');
  });
});

describe('secret references', () => {
  it('builds the ready-to-paste Studio variable', async () => {
    const { secretReference, EnvVarName } = await import('./schema');
    const arn = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:example-secret/test-abcdef';
    expect(secretReference('EXAMPLE_SECRET', arn, 'EXAMPLE_SECRET')).toBe(
      `EXAMPLE_SECRET=awssecret://${arn}#EXAMPLE_SECRET`,
    );
    expect(secretReference('DB_URL', arn, '')).toBe(`DB_URL=awssecret://${arn}`);
    expect(EnvVarName.safeParse('1BAD').success).toBe(false);
    expect(EnvVarName.safeParse('GOOD_NAME_2').success).toBe(true);
  });
});
