import { describe, expect, it } from 'vitest';
import { AwsSetupConfig, type AwsIdentity, type AwsPlanView } from '@contract/clouds/aws';
import { awsSetupSummary, countByKind } from './summary';

const secretArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:dcs/db-AbCdEf';
const foreignSecret = 'arn:aws:secretsmanager:eu-north-1:999999999999:secret:shared-AbCdEf';
const foreignKey = 'arn:aws:kms:eu-north-1:999999999999:key/0000aaaa-1111-2222-3333-444455556666';
const config = AwsSetupConfig.parse({
  region: 'eu-north-1',
  zones: ['eu-north-1a', 'eu-north-1b'],
  studio: { issuer: 'studio.datachain.ai/api', team: 'acme', computeCredentials: 'c', storageCredentials: 's' },
  namePrefix: '',
  buckets: [{ name: 'near' }, { name: 'far', kmsKeyArn: foreignKey }],
  secrets: [
    { arn: secretArn, envName: 'DB', key: 'url' },
    { arn: foreignSecret, envName: 'SHARED', key: '' },
  ],
});
const row = (action: string, resourceType: string, logicalId: string) => ({
  action,
  resourceType,
  logicalId,
  details: [],
});
const plan = {
  cloud: 'aws',
  kind: 'changes',
  stackName: 'datachain-cluster',
  region: 'eu-north-1',
  action: 'create',
  rows: [
    row('Add', 'AWS::EC2::VPC', 'Vpc'),
    row('Add', 'AWS::EC2::Subnet', 'SubnetA'),
    row('Add', 'AWS::EC2::Subnet', 'SubnetB'),
    row('Add', 'AWS::EC2::SubnetRouteTableAssociation', 'AssocA'),
    row('Add', 'AWS::IAM::Role', 'ComputeRole'),
  ],
  outsideStack: [],
} as unknown as AwsPlanView;
const identity = { accountId: '123456789012', accountAlias: 'acme-prod' } as AwsIdentity;

describe('the AWS review summary', () => {
  const summary = awsSetupSummary({
    plan,
    config,
    identity,
    buckets: { near: { region: 'eu-north-1', access: 'yours' }, far: { region: 'us-west-2', access: 'elsewhere' } },
  });

  it('says who and where in plain words', () => {
    expect(summary.who.map((f) => f.value)).toEqual(['acme', 'credentials:acme/c', 'credentials:acme/s']);
    expect(summary.where.find((f) => f.label === 'Account')?.value).toBe('123456789012 (acme-prod)');
    expect(summary.where.find((f) => f.label === 'Zones')?.value).toBe('eu-north-1a, eu-north-1b');
  });

  it('lists each grant with its access, and warns about other regions and accounts only where they apply', () => {
    const byName = Object.fromEntries(summary.grants.map((g) => [g.name, g]));
    expect(byName.near).toMatchObject({ kind: 'Bucket', access: 'read and write' });
    expect(byName.near?.warning).toBeUndefined();
    expect(byName.far?.warning).toContain('US West (Oregon)');
    expect(byName.far?.warning).toContain('bucket policy');
    expect(byName.far?.warning).toContain(
      "account 999999999999: its owner must also allow the storage role in the key's policy",
    );
    expect(byName['dcs/db']).toMatchObject({ kind: 'Secret', access: 'read', detail: 'as DB (JSON key url)' });
    expect(byName['dcs/db']?.warning).toContain('US East (N. Virginia)');
    expect(byName.shared?.detail).toBe('as SHARED (the whole value)');
    expect(byName.shared?.warning).toContain('account 999999999999');
  });

  it('counts what gets created by kind, leaving out wiring', () => {
    expect(countByKind(plan.rows)).toEqual(['1 network (VPC)', '2 public subnets', '1 IAM role']);
    expect(countByKind([row('Modify', 'AWS::IAM::Role', 'R') as AwsPlanView['rows'][number]])).toEqual([
      '1 existing resource changed',
    ]);
    expect(summary.will[2]).toBe('Let Studio jobs use 2 buckets and 2 secrets, and nothing else of yours.');
  });
});
