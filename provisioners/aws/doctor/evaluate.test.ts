/** The doctor's offline proof over the documents the template renders, and over broken copies of them. */
import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../iam-policies';
import { AwsSetupConfig } from '../schema';
import { renderTemplate } from '../template';
import { evaluateSetup, type DoctorSubject } from './evaluate';

const ACCOUNT = '123456789012';
const config = AwsSetupConfig.parse({
  region: 'eu-north-1',
  zones: ['eu-north-1a', 'eu-north-1b'],
  studio: { team: 'acme' },
  buckets: [{ name: 'acme-data' }, { name: 'acme-raw' }],
  secrets: [{ arn: `arn:aws:secretsmanager:eu-north-1:${ACCOUNT}:secret:acme/db-AbCdEf`, envName: 'DB' }],
  oidcThumbprints: ['a'.repeat(40)],
});
const { template, names, providerArn } = renderTemplate(config, { accountId: ACCOUNT });
const props = (id: string) => template.Resources[id]!.Properties as Record<string, unknown>;
const role = (arn: string) => `arn:aws:iam::${ACCOUNT}:role/${arn}`;

function subject(
  change: (docs: {
    computeTrust: PolicyDocument;
    storageTrust: PolicyDocument;
    storage: PolicyDocument;
  }) => void = () => {},
): DoctorSubject {
  const docs = structuredClone({
    computeTrust: props('ComputeRole').AssumeRolePolicyDocument as PolicyDocument,
    storageTrust: props('StorageRole').AssumeRolePolicyDocument as PolicyDocument,
    storage: props('StoragePolicy').PolicyDocument as PolicyDocument,
  });
  change(docs);
  return {
    accountId: ACCOUNT,
    partition: 'aws',
    region: 'eu-north-1',
    issuer: config.studio.issuer,
    providerArn,
    team: 'acme',
    credentials: { compute: config.studio.computeCredentials, storage: config.studio.storageCredentials },
    roles: {
      compute: {
        kind: 'compute',
        name: names.computeRole,
        arn: role(names.computeRole),
        trust: docs.computeTrust,
        inline: [{ name: names.computeRole, document: props('ComputePolicy').PolicyDocument }],
      },
      storage: {
        kind: 'storage',
        name: names.storageRole,
        arn: role(names.storageRole),
        trust: docs.storageTrust,
        inline: [{ name: names.storageRole, document: docs.storage }],
      },
    },
    clusterRoleArns: [names.clusterRole, names.nodeRole, names.podRole].map(role),
    grants: { buckets: ['acme-data', 'acme-raw'], secrets: config.secrets.map((s) => s.arn), kmsKeys: [] },
  };
}

const failed = (s: DoctorSubject) =>
  evaluateSetup(s)
    .filter((f) => f.status !== 'pass')
    .map((f) => f.id);

describe("the doctor's offline proof", () => {
  it('passes on the documents the template renders', () => {
    expect(failed(subject())).toEqual([]);
  });

  it('catches a trust policy that names another team', () => {
    const bad = subject((d) => {
      d.storageTrust.Statement[0]!.Condition!.StringEquals![`${config.studio.issuer}:sub`] =
        'credentials:other/datachain-storage';
    });
    expect(failed(bad)).toEqual(['trust.storage.team-token']);
  });

  it('catches a trust policy without :aud, and one with a wildcard subject', () => {
    const noAud = subject((d) => {
      delete d.computeTrust.Statement[0]!.Condition!.StringEquals![`${config.studio.issuer}:aud`];
    });
    expect(failed(noAud)).toEqual(['trust.compute.other-audience']);
    const wildcard = subject((d) => {
      const cond = d.computeTrust.Statement[0]!.Condition!;
      delete cond.StringEquals![`${config.studio.issuer}:sub`];
      cond.StringLike = { [`${config.studio.issuer}:sub`]: 'credentials:*' };
    });
    expect(failed(wildcard)).toEqual(['trust.compute.other-team', 'trust.compute.other-credentials']);
  });

  it('catches a bucket removed from the storage policy, and a policy that reaches everything', () => {
    const removed = subject((d) => {
      d.storage.Statement[0]!.Resource = ['arn:aws:s3:::acme-data', 'arn:aws:s3:::acme-data/*'];
    });
    expect(failed(removed)).toEqual(['access.storage.bucket.acme-raw']);
    const everything = subject((d) => {
      d.storage.Statement[0]!.Resource = '*';
    });
    expect(failed(everything)).toEqual(['access.storage.nothing-else']);
  });

  it('says unknown, never pass, for a condition it does not evaluate offline', () => {
    const dated = subject((d) => {
      d.storageTrust.Statement[0]!.Condition!.DateLessThan = { 'aws:CurrentTime': '2030-01-01T00:00:00Z' };
    });
    const findings = evaluateSetup(dated).filter((f) => f.status !== 'pass');
    expect(findings.map((f) => [f.id, f.status])).toEqual([['trust.storage.team-token', 'unknown']]);
    expect(findings[0]!.detail).toMatch(/DateLessThan/);
  });
});
