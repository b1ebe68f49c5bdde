import { describe, expect, it } from 'vitest';
import { untaggedTaggable, validateAgainstSpec } from '../../test/support/cfn-spec';
import type { PolicyDocument, PolicyStatement } from './iam-policies';
import { NODE_POOL_PRESETS } from './node-pools.schema';
import { AwsSetupConfig, type AwsSetupConfigInput } from './schema';
import {
  LOGICAL_IDS,
  OUTPUT_NAMES,
  readDeployedConfig,
  renderTemplate,
  TEMPLATE_BODY_LIMIT,
  type CfnTemplate,
} from './template';

const ACCOUNT = '111122223333';
const THUMB = 'a'.repeat(40);

/** Grants written as plain names and ARNs, as most tests need them. */
type Overrides = Omit<Partial<AwsSetupConfigInput>, 'buckets' | 'secrets'> & {
  buckets?: string[];
  secrets?: string[];
  kmsKeys?: string[];
};

function config(overrides: Overrides = {}) {
  const { buckets, secrets, kmsKeys, ...rest } = overrides;
  return AwsSetupConfig.parse({
    region: 'eu-north-1',
    zones: ['eu-north-1a', 'eu-north-1b', 'eu-north-1c'],
    studio: { team: 'example-team' },
    oidcThumbprints: [THUMB],
    ...rest,
    ...(buckets ? { buckets: buckets.map((name) => ({ name })) } : {}),
    ...(secrets ? { secrets: secrets.map((arn, i) => ({ arn, envName: `SECRET_${i}` })) } : {}),
    ...(kmsKeys ? { otherKmsKeys: kmsKeys } : {}),
  });
}

const render = (overrides: Overrides = {}) => renderTemplate(config(overrides), { accountId: ACCOUNT });
const props = (t: CfnTemplate, id: string) => t.Resources[id]!.Properties as Record<string, any>;
const statements = (doc: PolicyDocument) => doc.Statement;
const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

// The reference (shared/reference/infrastructure.md), written out independently of the code.
const REFERENCE = {
  clusterManaged: [
    'AmazonEKSBlockStoragePolicy',
    'AmazonEKSClusterPolicy',
    'AmazonEKSComputePolicy',
    'AmazonEKSLoadBalancingPolicy',
    'AmazonEKSNetworkingPolicy',
  ],
  nodeManaged: ['AmazonEKSWorkerNodeMinimalPolicy', 'AmazonEC2ContainerRegistryPullOnly'],
  eksActions: [
    'eks:CreateCluster',
    'eks:CreateAddon',
    'eks:CreateAccessEntry',
    'eks:CreatePodIdentityAssociation',
    'eks:DeleteCluster',
    'eks:DeleteAddon',
    'eks:DeleteAccessEntry',
    'eks:DeletePodIdentityAssociation',
    'eks:DescribeCluster',
    'eks:DescribeAddon',
    'eks:DescribeAccessEntry',
    'eks:DescribePodIdentityAssociation',
  ],
  eksResources: [
    'cluster/datachain-*',
    'addon/datachain-*',
    'access-entry/datachain-*',
    'podidentityassociation/datachain-*',
  ],
  serviceLinked: [
    'autoscaling',
    'ec2scheduled',
    'elasticloadbalancing',
    'eks',
    'eks-fargate-pods',
    'eks-nodegroup',
    'spot',
    'spotfleet',
    'transitgateway',
  ].map((s) => `${s}.amazonaws.com`),
  secretActions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
};

describe('the rendered template', () => {
  it('matches the AWS CloudFormation resource specification, resource by resource', () => {
    for (const overrides of [
      {},
      {
        buckets: ['data-bucket'],
        secrets: ['arn:aws:secretsmanager:us-east-1:000000000000:secret:example-secret/test-abcdef'],
        kmsKeys: ['arn:aws:kms:eu-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
      },
    ]) {
      expect(validateAgainstSpec(render(overrides).template)).toEqual([]);
    }
  });

  it('is checked by a validator that does catch mistakes', () => {
    const broken = structuredClone(render().template);
    props(broken, LOGICAL_IDS.vpc).CidrBlok = '10.0.0.0/16';
    props(broken, LOGICAL_IDS.vpc).EnableDnsSupport = 'yes';
    delete props(broken, LOGICAL_IDS.securityGroup).GroupDescription;
    broken.Outputs.Bad = { Description: 'x', Value: { 'Fn::GetAtt': ['Vpc', 'Nope'] } };
    const errors = validateAgainstSpec(broken);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Vpc.CidrBlok: not a property'),
        expect.stringContaining('Vpc.EnableDnsSupport: expected a boolean'),
        expect.stringContaining('SecurityGroup.GroupDescription: required property missing'),
        expect.stringContaining('GetAtt Vpc.Nope'),
      ]),
    );
  });

  it('renders every resource of the reference', () => {
    const t = render().template;
    const types = Object.values(t.Resources).map((r) => r.Type);
    expect(types.filter((x) => x === 'AWS::EC2::VPC')).toHaveLength(1);
    expect(types).toEqual(
      expect.arrayContaining([
        'AWS::EC2::InternetGateway',
        'AWS::EC2::VPCGatewayAttachment',
        'AWS::EC2::RouteTable',
        'AWS::EC2::Route',
        'AWS::EC2::SecurityGroup',
        'AWS::EC2::SecurityGroupIngress',
        'AWS::IAM::OIDCProvider',
      ]),
    );
    expect(types.filter((x) => x === 'AWS::EC2::Subnet')).toHaveLength(3);
    expect(types.filter((x) => x === 'AWS::EC2::SubnetRouteTableAssociation')).toHaveLength(3);
    const roleNames = Object.values(t.Resources)
      .filter((r) => r.Type === 'AWS::IAM::Role')
      .map((r) => r.Properties!.RoleName)
      .sort();
    expect(roleNames).toEqual([
      'datachain-cluster',
      'datachain-cluster-node',
      'datachain-cluster-pod',
      'datachain-oidc-compute',
      'datachain-oidc-storage',
    ]);
    expect(props(t, LOGICAL_IDS.vpc)).toMatchObject({
      CidrBlock: '172.18.0.0/16',
      EnableDnsSupport: true,
      EnableDnsHostnames: true,
    });
    expect(props(t, LOGICAL_IDS.defaultRoute)).toMatchObject({ DestinationCidrBlock: '0.0.0.0/0' });
    expect(t.Resources[LOGICAL_IDS.defaultRoute]!.DependsOn).toBe(LOGICAL_IDS.gatewayAttachment);
    expect(props(t, LOGICAL_IDS.securityGroup)).toMatchObject({
      GroupName: 'datachain-cluster',
      SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }],
    });
    expect(props(t, LOGICAL_IDS.securityGroupSelfIngress)).toMatchObject({
      IpProtocol: '-1',
      GroupId: { Ref: 'SecurityGroup' },
      SourceSecurityGroupId: { Ref: 'SecurityGroup' },
    });
    expect(props(t, 'SubnetA')).toMatchObject({
      MapPublicIpOnLaunch: true,
      AvailabilityZone: 'eu-north-1a',
      CidrBlock: '172.18.0.0/24',
    });
    expect(props(t, 'SubnetA').Tags).toContainEqual({ Key: 'Name', Value: 'datachain-cluster-eu-north-1a' });
  });

  it('attaches the node policies to the node role, not the cluster role (Terraform defect)', () => {
    const t = render().template;
    const managed = (id: string) => (props(t, id).ManagedPolicyArns ?? []).map((arn: string) => arn.split('/').pop());
    expect(managed(LOGICAL_IDS.clusterRole).sort()).toEqual([...REFERENCE.clusterManaged].sort());
    expect(managed(LOGICAL_IDS.nodeRole).sort()).toEqual([...REFERENCE.nodeManaged].sort());
    expect(managed(LOGICAL_IDS.podRole)).toEqual([]);
  });

  it('trusts the right services, each with AssumeRole and TagSession', () => {
    const t = render().template;
    const trust = (id: string) => props(t, id).AssumeRolePolicyDocument.Statement[0] as PolicyStatement;
    expect(trust(LOGICAL_IDS.clusterRole)).toMatchObject({
      Principal: { Service: 'eks.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
    });
    expect(trust(LOGICAL_IDS.nodeRole)).toMatchObject({
      Principal: { Service: 'ec2.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
    });
    expect(trust(LOGICAL_IDS.podRole)).toMatchObject({
      Principal: { Service: 'pods.eks.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
    });
  });

  it('gives the compute role exactly the reference actions', () => {
    const t = render().template;
    const doc = props(t, LOGICAL_IDS.computePolicy).PolicyDocument as PolicyDocument;
    const [eks, read, pass, slr] = statements(doc);
    expect(asList(eks!.Action).sort()).toEqual([...REFERENCE.eksActions].sort());
    expect(asList(eks!.Resource)).toEqual(REFERENCE.eksResources.map((r) => `arn:aws:eks:eu-north-1:${ACCOUNT}:${r}`));
    const clusterRoles = ['datachain-cluster', 'datachain-cluster-node', 'datachain-cluster-pod'].map(
      (n) => `arn:aws:iam::${ACCOUNT}:role/${n}`,
    );
    expect(read).toMatchObject({ Action: ['iam:GetRole', 'iam:ListAttachedRolePolicies'], Resource: clusterRoles });
    expect(pass).toMatchObject({ Action: 'iam:PassRole', Resource: clusterRoles });
    expect(slr).toMatchObject({ Action: 'iam:CreateServiceLinkedRole', Resource: '*' });
    expect([...(slr!.Condition!.StringEquals!['iam:AWSServiceName'] as string[])].sort()).toEqual(
      [...REFERENCE.serviceLinked].sort(),
    );
    expect(statements(doc)).toHaveLength(4);
    expect(props(t, LOGICAL_IDS.computePolicy)).toMatchObject({
      PolicyName: 'datachain-oidc-compute',
      Roles: [{ Ref: LOGICAL_IDS.computeRole }],
    });
  });

  it('conditions the Studio roles on both :sub and :aud, with 12-hour sessions', () => {
    const t = render({ studio: { team: 'acme', computeCredentials: 'c1', storageCredentials: 's1' } }).template;
    for (const [id, subject] of [
      [LOGICAL_IDS.computeRole, 'credentials:acme/c1'],
      [LOGICAL_IDS.storageRole, 'credentials:acme/s1'],
    ] as const) {
      const role = props(t, id);
      expect(role.MaxSessionDuration).toBe(43_200);
      expect(role.AssumeRolePolicyDocument.Statement).toEqual([
        {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/studio.datachain.ai/api` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'studio.datachain.ai/api:aud': 'sts.amazonaws.com',
              'studio.datachain.ai/api:sub': subject,
            },
          },
        },
      ]);
      expect(t.Resources[id]!.DependsOn).toBe(LOGICAL_IDS.oidcProvider);
    }
  });

  it('grants each listed bucket, secret and key, and omits empty statements', () => {
    const secret = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:example-secret/test-abcdef';
    const both = render({ buckets: ['b-one', 'b-two'], secrets: [secret] }).template;
    const doc = props(both, LOGICAL_IDS.storagePolicy).PolicyDocument as PolicyDocument;
    expect(props(both, LOGICAL_IDS.storagePolicy)).toMatchObject({
      PolicyName: 'datachain-oidc-storage',
      Roles: [{ Ref: LOGICAL_IDS.storageRole }],
    });
    expect(doc.Statement).toEqual([
      {
        Sid: 'GrantedBuckets',
        Effect: 'Allow',
        Action: 's3:*',
        Resource: ['arn:aws:s3:::b-one', 'arn:aws:s3:::b-one/*', 'arn:aws:s3:::b-two', 'arn:aws:s3:::b-two/*'],
      },
      { Sid: 'GrantedSecrets', Effect: 'Allow', Action: REFERENCE.secretActions, Resource: [secret] },
    ]);
    const secretsOnly = props(render({ secrets: [secret] }).template, LOGICAL_IDS.storagePolicy)
      .PolicyDocument as PolicyDocument;
    expect(secretsOnly.Statement.map((s) => s.Sid)).toEqual(['GrantedSecrets']);
    // Nothing granted: no policy at all (an IAM policy without statements is invalid).
    expect(render().template.Resources[LOGICAL_IDS.storagePolicy]).toBeUndefined();
  });

  it('uses the partition of the region in every ARN', () => {
    const t = render({ region: 'cn-north-1', zones: ['cn-north-1a', 'cn-north-1b'], buckets: ['b-one'] });
    const text = t.body;
    expect(text).not.toMatch(/arn:aws:/);
    expect(text).toContain('arn:aws-cn:iam::aws:policy/AmazonEKSClusterPolicy');
    expect(text).toContain('arn:aws-cn:s3:::b-one');
    expect(text).toContain(`arn:aws-cn:eks:cn-north-1:${ACCOUNT}:cluster/datachain-*`);
    expect(t.providerArn).toBe(`arn:aws-cn:iam::${ACCOUNT}:oidc-provider/studio.datachain.ai/api`);
    const gov = render({ region: 'us-gov-west-1', zones: ['us-gov-west-1a', 'us-gov-west-1b'] }).body;
    expect(gov).not.toMatch(/arn:aws:/);
    expect(gov).toContain('arn:aws-us-gov:iam::aws:policy/AmazonEKSWorkerNodeMinimalPolicy');
  });

  it('creates the OIDC provider with thumbprints, or reuses an existing one without managing it', () => {
    const created = render().template;
    expect(created.Resources[LOGICAL_IDS.oidcProvider]).toMatchObject({
      DeletionPolicy: 'RetainExceptOnCreate',
      Properties: {
        Url: 'https://studio.datachain.ai/api',
        ClientIdList: ['sts.amazonaws.com'],
        ThumbprintList: [THUMB],
      },
    });
    const existing = `arn:aws:iam::${ACCOUNT}:oidc-provider/studio.datachain.ai/api`;
    const reused = render({ existingOidcProviderArn: existing, oidcThumbprints: [] });
    expect(reused.createsOidcProvider).toBe(false);
    expect(reused.template.Resources[LOGICAL_IDS.oidcProvider]).toBeUndefined();
    expect(
      props(reused.template, LOGICAL_IDS.computeRole).AssumeRolePolicyDocument.Statement[0].Principal.Federated,
    ).toBe(existing);
    expect(reused.template.Resources[LOGICAL_IDS.computeRole]!.DependsOn).toBeUndefined();
    expect(() => render({ oidcThumbprints: [] })).toThrow(/needs the thumbprints/);
  });

  it("tags everything taggable, including with the user's tags", () => {
    const t = render({ tags: { CostCenter: 'ml-42' } }).template;
    expect(untaggedTaggable(t)).toEqual([]);
    for (const resource of Object.values(t.Resources)) {
      const tags = resource.Properties?.Tags as { Key: string; Value: string }[] | undefined;
      if (!tags) continue;
      expect(tags).toContainEqual({ Key: 'CostCenter', Value: 'ml-42' });
      expect(tags).toContainEqual({ Key: 'datachain:managed-by', Value: 'datachain-cluster-setup' });
    }
  });

  it('exposes every Terraform output name', () => {
    const outputs = render().template.Outputs;
    expect(Object.keys(outputs).map((k) => OUTPUT_NAMES[k as keyof typeof OUTPUT_NAMES])).toEqual(
      expect.arrayContaining([
        'datachain_aws_region',
        'datachain_oidc_compute_role_arn',
        'datachain_oidc_storage_role_arn',
        'datachain_cluster_role_arn',
        'datachain_cluster_node_role_arn',
        'datachain_cluster_vpc_id',
        'datachain_cluster_subnet_ids',
        'datachain_cluster_security_group_ids',
      ]),
    );
    for (const key of Object.keys(outputs)) expect(key).toMatch(/^[A-Za-z0-9]+$/);
  });

  it('keeps the default names of the Terraform, and prefixes all of them when asked', () => {
    expect(render().names.stack).toBe('datachain-cluster');
    const prefixed = render({ namePrefix: 'team-b' });
    const roleNames = Object.values(prefixed.template.Resources)
      .filter((r) => r.Type === 'AWS::IAM::Role')
      .map((r) => r.Properties!.RoleName);
    expect(roleNames.every((n) => String(n).startsWith('team-b-datachain-'))).toBe(true);
    expect(props(prefixed.template, LOGICAL_IDS.securityGroup).GroupName).toBe('team-b-datachain-cluster');
    expect(prefixed.names.stack).toBe('team-b-datachain-cluster');
  });

  it('reads its own config back from the deployed template', () => {
    const original = config({
      buckets: ['b-one', 'b-two'],
      secrets: ['arn:aws:secretsmanager:us-east-1:000000000000:secret:x-abcdef'],
      namePrefix: 'acme',
      tags: { a: 'b' },
    });
    const body = renderTemplate(original, { accountId: ACCOUNT }).body;
    expect(readDeployedConfig(body)).toEqual(original);
    expect(readDeployedConfig('{"Resources":{}}')).toBeUndefined();
  });

  it('keeps the record with the setup: job variables, JSON keys, keys per grant and node pools', () => {
    const key = 'arn:aws:kms:eu-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const secret = 'arn:aws:secretsmanager:eu-north-1:111122223333:secret:prod/db-AbCdEf';
    const original = AwsSetupConfig.parse({
      ...config(),
      buckets: [{ name: 'plain' }, { name: 'sealed', kmsKeyArn: key }],
      secrets: [{ arn: secret, envName: 'POSTGRES', key: 'password', kmsKeyArn: key }],
      nodePools: [NODE_POOL_PRESETS.system, NODE_POOL_PRESETS.spot],
    });
    const rendered = renderTemplate(original, { accountId: ACCOUNT });
    // The record sits on the storage role (resource metadata updates on its own), not in the
    // template's Metadata (which CloudFormation only updates along with a resource).
    expect(rendered.template.Resources[LOGICAL_IDS.storageRole]!.Metadata).toBeDefined();
    expect(JSON.stringify(rendered.template.Metadata)).not.toContain('POSTGRES');
    expect(readDeployedConfig(rendered.body)).toEqual(original);
    // The key is granted once, however many grants need it.
    const doc = props(rendered.template, LOGICAL_IDS.storagePolicy).PolicyDocument as PolicyDocument;
    expect(doc.Statement.find((st) => st.Sid === 'GrantedKmsKeys')!.Resource).toEqual([key]);
    // Renaming a job variable changes the storage role's metadata and nothing else.
    const renamed = renderTemplate(
      { ...original, secrets: [{ ...original.secrets[0]!, envName: 'DB' }] },
      { accountId: ACCOUNT },
    ).template;
    const changed = Object.keys(renamed.Resources).filter(
      (id) => JSON.stringify(renamed.Resources[id]) !== JSON.stringify(rendered.template.Resources[id]),
    );
    expect(changed).toEqual([LOGICAL_IDS.storageRole]);
  });

  it('reads a setup made before the record existed, keeping what it granted', () => {
    const key = 'arn:aws:kms:eu-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const secret = 'arn:aws:secretsmanager:eu-north-1:111122223333:secret:prod/db-url-AbCdEf';
    const t = structuredClone(
      render({ buckets: ['b-one'], secrets: [secret], kmsKeys: [key] }).template,
    ) as CfnTemplate & { Metadata: Record<string, unknown> };
    // Version 1 kept the settings in the template's Metadata and no record on the role.
    const { buckets: _b, secrets: _s, otherKmsKeys: _k, nodePools: _n, ...settings } = config({ namePrefix: 'old' });
    t.Metadata['DataChain::Setup'] = { schemaVersion: 1, generator: 'datachain-cluster-setup', config: settings };
    delete t.Resources[LOGICAL_IDS.storageRole]!.Metadata;
    const read = readDeployedConfig(JSON.stringify(t))!;
    expect(read.namePrefix).toBe('old');
    expect(read.buckets).toEqual([{ name: 'b-one' }]);
    expect(read.secrets).toEqual([{ arn: secret, envName: 'DB_URL', key: '' }]);
    expect(read.otherKmsKeys).toEqual([key]);
    expect(read.nodePools).toBeUndefined();
  });
});

describe('subnet layout', () => {
  const cidrs = (zones: string[]) => {
    const t = render({ zones }).template;
    return Object.fromEntries(
      Object.values(t.Resources)
        .filter((r) => r.Type === 'AWS::EC2::Subnet')
        .map((r) => [r.Properties!.AvailabilityZone, r.Properties!.CidrBlock]),
    );
  };

  it('matches the Terraform numbering for zones a, b, c', () => {
    expect(cidrs(['eu-north-1a', 'eu-north-1b', 'eu-north-1c'])).toEqual({
      'eu-north-1a': '172.18.0.0/24',
      'eu-north-1b': '172.18.1.0/24',
      'eu-north-1c': '172.18.2.0/24',
    });
  });

  it('never renumbers a zone when others are added or removed', () => {
    const before = render({ region: 'us-east-1', zones: ['us-east-1a', 'us-east-1c'] }).template;
    const after = render({
      region: 'us-east-1',
      zones: ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1f'],
    }).template;
    for (const id of ['SubnetA', 'SubnetC', 'SubnetARouteTableAssociation', 'SubnetCRouteTableAssociation']) {
      expect(after.Resources[id], id).toEqual(before.Resources[id]);
    }
    expect(props(after, 'SubnetF').CidrBlock).toBe('172.18.5.0/24');
    expect(props(after, 'SubnetB').CidrBlock).toBe('172.18.1.0/24');
  });
});

describe('template size', () => {
  it('stays under the TemplateBody limit for a large setup', () => {
    const buckets = Array.from(
      { length: 100 },
      (_, i) => `acme-datalake-${String(i).padStart(3, '0')}-${'x'.repeat(30)}`,
    );
    const secrets = Array.from(
      { length: 60 },
      (_, i) => `arn:aws:secretsmanager:eu-north-1:${ACCOUNT}:secret:acme/prod/service-${i}-credentials-AbC123`,
    );
    const r = render({
      buckets,
      secrets,
      zones: ['eu-north-1a', 'eu-north-1b', 'eu-north-1c'],
      tags: { Team: 'ml', CostCenter: '42' },
    });
    expect(new TextEncoder().encode(r.body).length).toBeLessThanOrEqual(TEMPLATE_BODY_LIMIT);
  });

  it('refuses, with a clear reason, a setup that would not fit', () => {
    const buckets = Array.from({ length: 200 }, (_, i) => `b${String(i).padStart(3, '0')}-${'y'.repeat(58)}`);
    const secrets = Array.from(
      { length: 200 },
      (_, i) => `arn:aws:secretsmanager:eu-north-1:${ACCOUNT}:secret:${'s'.repeat(100)}${i}-AbC123`,
    );
    expect(() => render({ buckets, secrets })).toThrow(/CloudFormation accepts at most 51,200 bytes/);
  });
});
