/**
 * Render the CloudFormation template of a DataChain setup from a validated config. Everything
 * is literal (zones, CIDRs, names, ARNs, policy documents), so the template is the plan: what
 * the user reviews is exactly what CloudFormation applies.
 */
import {
  CLUSTER_MANAGED_POLICIES,
  computePolicy,
  managedPolicyArn,
  NODE_MANAGED_POLICIES,
  OIDC_AUDIENCE,
  oidcProviderArn,
  serviceTrust,
  storagePolicy,
  studioTrust,
  type PolicyContext,
  type PolicyDocument,
  type PolicyStatement,
} from './iam-policies';
import { ProvisionError } from '../shared/errors';
import { MANAGED_BY_TAG, MANAGED_BY_VALUE, resourceNames, type ResourceNames } from './naming';
import { subnetAssociationLogicalId, subnetCidr, subnetLogicalId, VPC_CIDR } from './network';
import { partitionOf, subjectFor, type AwsSetupConfig } from './schema';

/** CloudFormation's limit for TemplateBody. */
export const TEMPLATE_BODY_LIMIT = 51_200;
export const TEMPLATE_METADATA_KEY = 'DataChain::Setup';
export const TEMPLATE_SCHEMA_VERSION = 1;

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

export interface CfnTemplate {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Metadata: Record<string, unknown>;
  Resources: Record<string, CfnResource>;
  Outputs: Record<string, { Description: string; Value: unknown }>;
}

export interface RenderContext {
  accountId: string;
}

export interface RenderedTemplate {
  template: CfnTemplate;
  /** Minified JSON, as sent to CloudFormation. */
  body: string;
  names: ResourceNames;
  partition: string;
  providerArn: string;
  createsOidcProvider: boolean;
}

/**
 * The config as stored in the template's metadata, to manage the setup later. Grants are not
 * repeated there: they are read back from the storage policy, so the template holds each bucket
 * and secret once (the TemplateBody limit is 51,200 bytes).
 */
export interface StoredSetup {
  schemaVersion: number;
  generator: string;
  config: Omit<AwsSetupConfig, 'buckets' | 'secrets' | 'kmsKeys'>;
}

export const LOGICAL_IDS = {
  vpc: 'Vpc',
  internetGateway: 'InternetGateway',
  gatewayAttachment: 'InternetGatewayAttachment',
  routeTable: 'RouteTable',
  defaultRoute: 'DefaultRoute',
  securityGroup: 'SecurityGroup',
  securityGroupSelfIngress: 'SecurityGroupSelfIngress',
  clusterRole: 'ClusterRole',
  nodeRole: 'NodeRole',
  podRole: 'PodRole',
  oidcProvider: 'OidcProvider',
  computeRole: 'ComputeRole',
  computePolicy: 'ComputePolicy',
  storageRole: 'StorageRole',
  storagePolicy: 'StoragePolicy',
} as const;

/** Output keys (CloudFormation allows letters and digits only) → Terraform output names. */
export const OUTPUT_NAMES = {
  Region: 'datachain_aws_region',
  ComputeRoleArn: 'datachain_oidc_compute_role_arn',
  StorageRoleArn: 'datachain_oidc_storage_role_arn',
  ClusterRoleArn: 'datachain_cluster_role_arn',
  NodeRoleArn: 'datachain_cluster_node_role_arn',
  VpcId: 'datachain_cluster_vpc_id',
  SubnetIds: 'datachain_cluster_subnet_ids',
  SecurityGroupIds: 'datachain_cluster_security_group_ids',
  PodRoleArn: 'datachain_cluster_pod_role_arn',
  OidcProviderArn: 'datachain_oidc_provider_arn',
} as const;

function tagList(config: AwsSetupConfig, extra: Record<string, string> = {}): { Key: string; Value: string }[] {
  const tags = { ...config.tags, [MANAGED_BY_TAG]: MANAGED_BY_VALUE, ...extra };
  return Object.entries(tags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([Key, Value]) => ({ Key, Value }));
}

/** The stack-level tags (CloudFormation also propagates them to every resource it can). */
export function stackTags(config: AwsSetupConfig): { Key: string; Value: string }[] {
  return tagList(config);
}

export function renderTemplate(config: AwsSetupConfig, context: RenderContext): RenderedTemplate {
  const partition = partitionOf(config.region);
  const names = resourceNames(config.namePrefix);
  const issuer = config.studio.issuer;
  const createsOidcProvider = !config.existingOidcProviderArn;
  const providerArn = config.existingOidcProviderArn ?? oidcProviderArn(partition, context.accountId, issuer);
  const policyContext: PolicyContext = { partition, region: config.region, accountId: context.accountId, names, issuer, providerArn };
  const ref = (id: string) => ({ Ref: id });
  const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
  const L = LOGICAL_IDS;

  const resources: Record<string, CfnResource> = {
    [L.vpc]: {
      Type: 'AWS::EC2::VPC',
      Properties: { CidrBlock: VPC_CIDR, EnableDnsSupport: true, EnableDnsHostnames: true, Tags: tagList(config, { Name: names.vpc }) },
    },
    [L.internetGateway]: { Type: 'AWS::EC2::InternetGateway', Properties: { Tags: tagList(config, { Name: names.vpc }) } },
    [L.gatewayAttachment]: {
      Type: 'AWS::EC2::VPCGatewayAttachment',
      Properties: { VpcId: ref(L.vpc), InternetGatewayId: ref(L.internetGateway) },
    },
    [L.routeTable]: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref(L.vpc), Tags: tagList(config, { Name: names.vpc }) } },
    [L.defaultRoute]: {
      Type: 'AWS::EC2::Route',
      DependsOn: L.gatewayAttachment,
      Properties: { RouteTableId: ref(L.routeTable), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref(L.internetGateway) },
    },
  };

  const zones = [...config.zones].sort();
  for (const zone of zones) {
    const subnet = subnetLogicalId(zone);
    resources[subnet] = {
      Type: 'AWS::EC2::Subnet',
      Properties: {
        VpcId: ref(L.vpc),
        AvailabilityZone: zone,
        CidrBlock: subnetCidr(zone),
        MapPublicIpOnLaunch: true,
        Tags: tagList(config, { Name: names.subnet(zone) }),
      },
    };
    resources[subnetAssociationLogicalId(zone)] = {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { SubnetId: ref(subnet), RouteTableId: ref(L.routeTable) },
    };
  }

  resources[L.securityGroup] = {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupName: names.securityGroup,
      GroupDescription: 'DataChain compute clusters: all traffic within the group, all outbound traffic',
      VpcId: ref(L.vpc),
      SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0', Description: 'All outbound traffic' }],
      Tags: tagList(config, { Name: names.securityGroup }),
    },
  };
  // A separate resource: an ingress rule inside the group that names the group would be circular.
  resources[L.securityGroupSelfIngress] = {
    Type: 'AWS::EC2::SecurityGroupIngress',
    Properties: { GroupId: ref(L.securityGroup), SourceSecurityGroupId: ref(L.securityGroup), IpProtocol: '-1', Description: 'All traffic within the group' },
  };

  const clusterTrust = serviceTrust('eks.amazonaws.com');
  const nodeTrust = serviceTrust('ec2.amazonaws.com');
  const podTrust = serviceTrust('pods.eks.amazonaws.com');
  const clusterPolicies = CLUSTER_MANAGED_POLICIES.map((p) => managedPolicyArn(partition, p));
  const nodePolicies = NODE_MANAGED_POLICIES.map((p) => managedPolicyArn(partition, p));
  const role = (name: string, trust: PolicyDocument, managed: string[], extra: Record<string, unknown> = {}): CfnResource => ({
    Type: 'AWS::IAM::Role',
    Properties: {
      RoleName: name,
      AssumeRolePolicyDocument: trust,
      ...(managed.length ? { ManagedPolicyArns: managed } : {}),
      ...extra,
      Tags: tagList(config),
    },
  });
  resources[L.clusterRole] = role(names.clusterRole, clusterTrust, clusterPolicies, { Description: 'Assumed by the EKS control plane of DataChain clusters' });
  resources[L.nodeRole] = role(names.nodeRole, nodeTrust, nodePolicies, { Description: 'Assumed by the EC2 nodes of DataChain clusters' });
  resources[L.podRole] = role(names.podRole, podTrust, [], { Description: 'Assumed by DataChain pods through EKS Pod Identity' });

  if (createsOidcProvider) {
    if (config.oidcThumbprints.length === 0) {
      throw new ProvisionError('INVALID_CONFIG', `The OIDC provider for https://${issuer} needs the thumbprints of its TLS certificates, and none were given.`, {
        hint: 'Check that the issuer is reachable so the app can read its certificate chain.',
        fields: [{ path: 'oidcThumbprints', message: 'needed to create the OIDC provider' }],
      });
    }
    resources[L.oidcProvider] = {
      Type: 'AWS::IAM::OIDCProvider',
      // One provider per issuer per account, possibly shared with other setups: a failed create
      // removes it, but deleting the stack keeps it; teardown removes it only when unused.
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        Url: `https://${issuer}`,
        ClientIdList: [OIDC_AUDIENCE],
        ThumbprintList: config.oidcThumbprints,
        Tags: tagList(config),
      },
    };
  }

  const computeSubject = subjectFor(config.studio.team, config.studio.computeCredentials);
  const storageSubject = subjectFor(config.studio.team, config.studio.storageCredentials);
  const computeTrust = studioTrust(policyContext, computeSubject);
  const storageTrust = studioTrust(policyContext, storageSubject);
  const dependsOnProvider = createsOidcProvider ? { DependsOn: L.oidcProvider } : {};
  // Each Studio role's inline policy (named like the role, as in the Terraform) is a resource of
  // its own, so a grant changes that policy and nothing else.
  resources[L.computeRole] = {
    ...role(names.computeRole, computeTrust, [], { MaxSessionDuration: 43_200, Description: `Assumed by DataChain Studio (${computeSubject}) to manage compute clusters` }),
    ...dependsOnProvider,
  };
  const compute = computePolicy(policyContext);
  resources[L.computePolicy] = {
    Type: 'AWS::IAM::Policy',
    Properties: { PolicyName: names.computeRole, Roles: [ref(L.computeRole)], PolicyDocument: compute },
  };
  resources[L.storageRole] = {
    ...role(names.storageRole, storageTrust, [], { MaxSessionDuration: 43_200, Description: `Assumed by DataChain Studio (${storageSubject}) to read and write granted storage` }),
    ...dependsOnProvider,
  };
  const storage = storagePolicy(partition, config);
  if (storage) {
    resources[L.storagePolicy] = {
      Type: 'AWS::IAM::Policy',
      Properties: { PolicyName: names.storageRole, Roles: [ref(L.storageRole)], PolicyDocument: storage },
    };
  }

  const subnetIds = zones.map((zone) => ref(subnetLogicalId(zone)));
  const outputs: CfnTemplate['Outputs'] = {
    Region: { Description: 'AWS region where the resources are deployed', Value: config.region },
    ComputeRoleArn: { Description: 'Role Studio assumes to manage compute clusters', Value: arnOf(L.computeRole) },
    StorageRoleArn: { Description: 'Role Studio assumes to access the granted buckets and secrets', Value: arnOf(L.storageRole) },
    ClusterRoleArn: { Description: 'Role assumed by the EKS cluster', Value: arnOf(L.clusterRole) },
    NodeRoleArn: { Description: 'Role assumed by the EKS nodes', Value: arnOf(L.nodeRole) },
    PodRoleArn: { Description: 'Role assumed by DataChain pods (EKS Pod Identity)', Value: arnOf(L.podRole) },
    VpcId: { Description: 'VPC hosting the compute clusters', Value: ref(L.vpc) },
    SubnetIds: { Description: 'Subnets of the compute clusters (comma-separated)', Value: { 'Fn::Join': [',', subnetIds] } },
    SecurityGroupIds: { Description: 'Security groups of the compute clusters (comma-separated)', Value: { 'Fn::Join': [',', [ref(L.securityGroup)]] } },
    OidcProviderArn: { Description: 'IAM OIDC provider trusted for DataChain Studio tokens', Value: providerArn },
  };

  const { buckets: _buckets, secrets: _secrets, kmsKeys: _kmsKeys, ...settings } = config;
  const stored: StoredSetup = { schemaVersion: TEMPLATE_SCHEMA_VERSION, generator: 'datachain-cluster-setup', config: settings };
  const template: CfnTemplate = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `DataChain Studio compute clusters: network, cluster roles and Studio OIDC trust (${names.stack})`,
    Metadata: { [TEMPLATE_METADATA_KEY]: stored },
    Resources: resources,
    Outputs: outputs,
  };

  const body = JSON.stringify(template);
  const bytes = new TextEncoder().encode(body).length;
  if (bytes > TEMPLATE_BODY_LIMIT) {
    throw new ProvisionError('INVALID_CONFIG', `This setup needs a ${bytes.toLocaleString('en')}-byte template; CloudFormation accepts at most ${TEMPLATE_BODY_LIMIT.toLocaleString('en')} bytes.`, {
      hint: 'Grant fewer buckets or secrets in one setup (for example, move some to a second setup with its own name prefix).',
      fields: [{ path: 'buckets', message: 'too many grants for one template' }],
    });
  }
  return { template, body, names, partition, providerArn, createsOidcProvider };
}

function resourcesOf(statements: PolicyStatement[], sid: string): string[] {
  const resource = statements.find((s) => s.Sid === sid)?.Resource;
  return resource === undefined ? [] : Array.isArray(resource) ? resource : [resource];
}

/**
 * Read the config back from a deployed template (its metadata plus the storage policy's
 * grants); undefined when the template was not made by this app.
 */
export function readDeployedConfig(templateBody: string | object): AwsSetupConfig | undefined {
  let parsed: Partial<CfnTemplate>;
  try {
    parsed = (typeof templateBody === 'string' ? JSON.parse(templateBody) : templateBody) as Partial<CfnTemplate>;
  } catch {
    return undefined;
  }
  const stored = parsed.Metadata?.[TEMPLATE_METADATA_KEY] as StoredSetup | undefined;
  if (!stored || stored.generator !== 'datachain-cluster-setup') return undefined;
  const policy = parsed.Resources?.[LOGICAL_IDS.storagePolicy]?.Properties?.PolicyDocument as PolicyDocument | undefined;
  const statements = policy?.Statement ?? [];
  const buckets = resourcesOf(statements, 'GrantedBuckets')
    .filter((arn) => !arn.endsWith('/*'))
    .map((arn) => arn.slice(arn.indexOf(':::') + 3));
  return {
    ...stored.config,
    buckets,
    secrets: resourcesOf(statements, 'GrantedSecrets'),
    kmsKeys: resourcesOf(statements, 'GrantedKmsKeys'),
  };
}
