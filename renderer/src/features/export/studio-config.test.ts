import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import yaml from 'js-yaml';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AwsSetupConfig, kmsKeysOf } from '@contract/clouds/aws';
import { NODE_POOL_PRESETS } from '@contract/clouds/aws';
import { configFromDraft } from '../../lib/config';
import { studioConfig, terraformOutputJson, toYaml } from './studio-config';

const account = '123456789012';
const outputs = {
  datachain_aws_region: 'eu-west-1',
  datachain_oidc_compute_role_arn: `arn:aws:iam::${account}:role/x-datachain-oidc-compute`,
  datachain_oidc_storage_role_arn: `arn:aws:iam::${account}:role/x-datachain-oidc-storage`,
  datachain_cluster_role_arn: `arn:aws:iam::${account}:role/x-datachain-cluster`,
  datachain_cluster_node_role_arn: `arn:aws:iam::${account}:role/x-datachain-cluster-node`,
  datachain_cluster_vpc_id: 'vpc-0abc',
  datachain_cluster_subnet_ids: ['subnet-1', 'subnet-2'],
  datachain_cluster_security_group_ids: ['sg-1'],
  datachain_cluster_pod_role_arn: `arn:aws:iam::${account}:role/x-datachain-cluster-pod`,
  datachain_oidc_provider_arn: `arn:aws:iam::${account}:oidc-provider/studio.datachain.ai/api`,
  datachain_stack_id: `arn:aws:cloudformation:eu-west-1:${account}:stack/x-datachain-cluster/1`,
};
const secretArn = `arn:aws:secretsmanager:eu-west-1:${account}:secret:db-AbCdEf`;
const keyArn = `arn:aws:kms:eu-west-1:${account}:key/11111111-2222-3333-4444-555555555555`;

const draft = {
  version: 2 as const,
  step: 'review',
  studio: {
    team: 'acme',
    issuer: 'studio.datachain.ai/api',
    computeCredentials: 'compute',
    storageCredentials: 'storage',
  },
  namePrefix: 'x',
  tags: {},
  nodePools: [NODE_POOL_PRESETS.system, NODE_POOL_PRESETS.spot],
  aws: {
    region: 'eu-west-1',
    zones: ['eu-west-1a', 'eu-west-1b'],
    buckets: [
      { name: 'plain', grantKms: false },
      { name: 'vault', kmsKeyArn: keyArn, grantKms: true },
      { name: 'declined', kmsKeyArn: `${keyArn.slice(0, -1)}6`, grantKms: false },
    ],
    secrets: [{ arn: secretArn, envName: 'DB_URL', key: 'url', kmsKeyArn: keyArn, grantKms: true }],
  },
};

describe('the config a draft describes', () => {
  it('is one the provisioner accepts, with only the KMS keys the user agreed to, once each', () => {
    const config = AwsSetupConfig.parse(configFromDraft(draft));
    expect(config.buckets).toEqual([{ name: 'plain' }, { name: 'vault', kmsKeyArn: keyArn }, { name: 'declined' }]);
    expect(config.secrets).toEqual([{ arn: secretArn, envName: 'DB_URL', key: 'url', kmsKeyArn: keyArn }]);
    expect(kmsKeysOf(config)).toEqual([keyArn]);
    expect(config.nodePools?.map((p) => p.name)).toEqual(['system', 'spot-workers']);
  });
});

describe('the Studio config export', () => {
  const config = AwsSetupConfig.parse(configFromDraft(draft));
  const exported = studioConfig({
    outputs,
    config,
    stackName: 'x-datachain-cluster',
    generator: 'DataChain Cluster Setup 0.0.0-test',
    now: new Date('2026-11-21T00:00:00Z'),
  });

  it('matches its published JSON schema, and the schema refuses a broken copy', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync('docs/schemas/studio-config.v1.schema.json', 'utf8')));
    expect(validate(exported), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...exported, outputs: { ...outputs, datachain_cluster_vpc_id: 42 } })).toBe(false);
    expect(validate({ ...exported, version: 2 })).toBe(false);
  });

  it('stays valid under the version 2 schema (which adds Azure)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    ajv.addSchema(JSON.parse(readFileSync('docs/schemas/studio-config.v1.schema.json', 'utf8')));
    const validate = ajv.compile(JSON.parse(readFileSync('docs/schemas/studio-config.v2.schema.json', 'utf8')));
    expect(validate(exported), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...exported, cloud: 'azure' })).toBe(false);
  });

  it('carries the token subjects Studio will present and the ready-to-paste secret reference', () => {
    expect(exported.studio.credentials.compute.subject).toBe('credentials:acme/compute');
    expect(exported.storage.secrets[0]!.reference).toBe(`DB_URL=awssecret://${secretArn}#url`);
    // Node pools come from the setup's config, with capacity named as EC2 does in version 1 of the file.
    expect(exported.nodePools.map((p) => [p.name, p.capacityType])).toEqual([
      ['system', 'ON_DEMAND'],
      ['spot-workers', 'SPOT'],
    ]);
  });

  it('says in its README section what to do in Studio, in order, with the names that must match', () => {
    const text = exported.readme.join('\n');
    expect(exported.readme[0]).toBe('What to do in DataChain Studio with this file, in order:');
    const order = [
      '1. In Studio, open the settings',
      '2. Create the compute credentials named exactly compute',
      '3. Create the storage credentials named exactly storage',
      '4. Add the compute cluster',
      '5. Give jobs their secrets',
    ];
    const positions = order.map((line) => text.indexOf(line));
    expect(
      positions.every((p) => p >= 0),
      text,
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('credentials:acme/compute');
    expect(text).toContain(outputs.datachain_oidc_storage_role_arn);
    expect(text).toContain(`DB_URL=awssecret://${secretArn}#url`);
    expect(text).toContain('https://studio.datachain.ai/team/acme/settings');
  });

  it('reads back from YAML exactly as written', () => {
    expect(yaml.load(toYaml(exported))).toEqual(exported);
  });

  it('has the shape of `terraform output -json`', () => {
    const shaped = JSON.parse(terraformOutputJson(outputs));
    expect(shaped.datachain_cluster_subnet_ids).toEqual({
      sensitive: false,
      type: ['list', 'string'],
      value: ['subnet-1', 'subnet-2'],
    });
    expect(shaped.datachain_cluster_vpc_id).toEqual({ sensitive: false, type: 'string', value: 'vpc-0abc' });
  });
});

describe('YAML output', () => {
  it('keeps strings YAML would otherwise misread, odd keys, and empty or nested collections', () => {
    const tricky = {
      yes: 'yes',
      no: ['no', 'off', 'null', '~', '', '0x1F', '012', '1e3', '2026-01-01', 'true'],
      'key: with colon': '# not a comment',
      '- dash': 'multi\nline\ttab "quoted" \\ back',
      unicode: 'naïve — ☃',
      empty: { list: [], map: {} },
      nested: [[1, 2], { a: [{ b: null }] }, [], {}],
      numbers: [0, -1.5, 3],
      flags: [true, false],
    };
    expect(yaml.load(toYaml(tricky))).toEqual(tricky);
  });
});
