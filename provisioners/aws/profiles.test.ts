import { describe, expect, it } from 'vitest';
import { summarizeProfiles } from './profiles';

describe('profile kinds', () => {
  it('labels each profile the way the SDK resolves it, without copying secrets', () => {
    const summaries = summarizeProfiles(
      {
        sso: { sso_session: 'corp', sso_account_id: '111122223333', sso_role_name: 'Admin' },
        broken_sso: { sso_session: 'missing' },
        chained: { role_arn: 'arn:aws:iam::1:role/x', source_profile: 'keys', mfa_serial: 'arn:aws:iam::1:mfa/me' },
        ec2: { role_arn: 'arn:aws:iam::1:role/x', credential_source: 'Ec2InstanceMetadata' },
        orphan_role: { role_arn: 'arn:aws:iam::1:role/x' },
        proc: { credential_process: 'op read op://vault/aws --secret=xyz' },
      },
      {
        keys: {
          aws_access_key_id: 'AKIAABCDEFGHIJKLMNOP',
          aws_secret_access_key: 'supersecret',
          aws_session_token: 't',
        },
      },
      { corp: { sso_start_url: 'https://d-1.awsapps.com/start', sso_region: 'eu-west-1' } },
    );
    const by = Object.fromEntries(summaries.map((s) => [s.name, s]));
    expect(by.sso).toMatchObject({
      kind: 'sso',
      sso: { session: 'corp', region: 'eu-west-1', accountId: '111122223333', roleName: 'Admin' },
    });
    expect(by.broken_sso).toMatchObject({ kind: 'incomplete' });
    expect(by.chained).toMatchObject({
      kind: 'assume-role',
      sourceProfile: 'keys',
      mfaSerial: 'arn:aws:iam::1:mfa/me',
    });
    expect(by.ec2).toMatchObject({ kind: 'assume-role' });
    expect(by.orphan_role).toMatchObject({ kind: 'incomplete' });
    expect(by.proc).toMatchObject({ kind: 'credential-process' });
    expect(by.keys).toMatchObject({
      kind: 'static',
      description: 'Access key AKIA…MNOP (temporary, with a session token)',
      files: ['credentials'],
    });
    const text = JSON.stringify(summaries);
    expect(text).not.toContain('supersecret');
    expect(text).not.toContain('op read');
  });
});
