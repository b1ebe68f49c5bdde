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
} from './iam-policies';
import { ProvisionError } from '../core/errors';
import { LOGICAL_IDS, MANAGED_BY_TAG, MANAGED_BY_VALUE, resourceNames, type ResourceNames } from './naming';
import { subnetAssociationLogicalId, subnetCidr, subnetLogicalId, VPC_CIDR } from './network';
import { kmsKeysOf, partitionOf, subjectFor, type AwsSetupConfig } from './schema';
import { setupMarker, setupRecord, TEMPLATE_METADATA_KEY } from './record';

/** CloudFormation's limit for TemplateBody. */
export const TEMPLATE_BODY_LIMIT = 51_200;

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  DeletionPolicy?: string;
  Metadata?: Record<string, unknown>;
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

/** How the template's description starts: setups made from it without the app's tags are found by it. */
export const TEMPLATE_DESCRIPTION_START = 'DataChain Studio compute clusters:';

/** The Studio team a stack trusts, as a stack tag: the dashboard lists it without reading templates. */
export const TEAM_TAG = 'datachain:studio-team';

/** The stack-level tags (CloudFormation also propagates them to every resource it can). */
export function stackTags(config: AwsSetupConfig): { Key: string; Value: string }[] {
  return tagList(config, { [TEAM_TAG]: config.studio.team });
}

type Resources = Record<string, CfnResource>;

interface Parts {
  config: AwsSetupConfig;
  names: ResourceNames;
  partition: string;
  policyContext: PolicyContext;
  createsOidcProvider: boolean;
}

const ref = (id: string) => ({ Ref: id });
const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const L = LOGICAL_IDS;

/** The VPC, its internet route, one public subnet per zone and the cluster security group. */
function networkResources({ config, names }: Parts): Resources {
  const resources: Resources = {
    [L.vpc]: {
      Type: 'AWS::EC2::VPC',
      Properties: {
        CidrBlock: VPC_CIDR,
        EnableDnsSupport: true,
        EnableDnsHostnames: true,
        Tags: tagList(config, { Name: names.vpc }),
      },
    },
    [L.internetGateway]: {
      Type: 'AWS::EC2::InternetGateway',
      Properties: { Tags: tagList(config, { Name: names.vpc }) },
    },
    [L.gatewayAttachment]: {
      Type: 'AWS::EC2::VPCGatewayAttachment',
      Properties: { VpcId: ref(L.vpc), InternetGatewayId: ref(L.internetGateway) },
    },
    [L.routeTable]: {
      Type: 'AWS::EC2::RouteTable',
      Properties: { VpcId: ref(L.vpc), Tags: tagList(config, { Name: names.vpc }) },
    },
    [L.defaultRoute]: {
      Type: 'AWS::EC2::Route',
      DependsOn: L.gatewayAttachment,
      Properties: {
        RouteTableId: ref(L.routeTable),
        DestinationCidrBlock: '0.0.0.0/0',
        GatewayId: ref(L.internetGateway),
      },
    },
  };
  for (const zone of [...config.zones].sort()) {
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
    Properties: {
      GroupId: ref(L.securityGroup),
      SourceSecurityGroupId: ref(L.securityGroup),
      IpProtocol: '-1',
      Description: 'All traffic within the group',
    },
  };
  return resources;
}

function roleOf(
  config: AwsSetupConfig,
  name: string,
  trust: PolicyDocument,
  managed: string[],
  extra: Record<string, unknown> = {},
): CfnResource {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      RoleName: name,
      AssumeRolePolicyDocument: trust,
      ...(managed.length ? { ManagedPolicyArns: managed } : {}),
      ...extra,
      Tags: tagList(config),
    },
  };
}

/** The roles the EKS control plane, the nodes and the pods assume. */
function clusterRoleResources({ config, names, partition }: Parts): Resources {
  const managed = (list: readonly string[]) => list.map((p) => managedPolicyArn(partition, p));
  return {
    [L.clusterRole]: roleOf(
      config,
      names.clusterRole,
      serviceTrust('eks.amazonaws.com'),
      managed(CLUSTER_MANAGED_POLICIES),
      { Description: 'Assumed by the EKS control plane of DataChain clusters' },
    ),
    [L.nodeRole]: roleOf(config, names.nodeRole, serviceTrust('ec2.amazonaws.com'), managed(NODE_MANAGED_POLICIES), {
      Description: 'Assumed by the EC2 nodes of DataChain clusters',
    }),
    [L.podRole]: roleOf(config, names.podRole, serviceTrust('pods.eks.amazonaws.com'), [], {
      Description: 'Assumed by DataChain pods through EKS Pod Identity',
    }),
  };
}

/** The OIDC provider (unless one is reused) and the two roles Studio assumes with its tokens. */
function studioResources(parts: Parts): Resources {
  const { config, names, partition, policyContext, createsOidcProvider } = parts;
  const issuer = config.studio.issuer;
  const resources: Resources = {};
  if (createsOidcProvider) {
    if (config.oidcThumbprints.length === 0) {
      throw new ProvisionError(
        'INVALID_CONFIG',
        `The OIDC provider for https://${issuer} needs the thumbprints of its TLS certificates, and none were given.`,
        {
          hint: 'Check that the issuer is reachable so the app can read its certificate chain.',
          fields: [{ path: 'oidcThumbprints', message: 'needed to create the OIDC provider' }],
        },
      );
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
  const dependsOnProvider = createsOidcProvider ? { DependsOn: L.oidcProvider } : {};
  const studioRole = (name: string, subject: string, description: string) => ({
    ...roleOf(config, name, studioTrust(policyContext, subject), [], {
      MaxSessionDuration: 43_200,
      Description: description,
    }),
    ...dependsOnProvider,
  });
  // Each Studio role's inline policy (named like the role, as in the Terraform) is a resource of
  // its own, so a grant changes that policy and nothing else.
  resources[L.computeRole] = studioRole(
    names.computeRole,
    computeSubject,
    `Assumed by DataChain Studio (${computeSubject}) to manage compute clusters`,
  );
  resources[L.computePolicy] = {
    Type: 'AWS::IAM::Policy',
    Properties: {
      PolicyName: names.computeRole,
      Roles: [ref(L.computeRole)],
      PolicyDocument: computePolicy(policyContext),
    },
  };
  resources[L.storageRole] = {
    ...studioRole(
      names.storageRole,
      storageSubject,
      `Assumed by DataChain Studio (${storageSubject}) to read and write granted storage`,
    ),
    // The setup's record (Studio names, job variables, keys per grant, node pools) lives here, in
    // the cloud with the setup: resource metadata changes are updates CloudFormation applies on
    // their own (template-level Metadata is not: it changes only along with a resource).
    Metadata: { [TEMPLATE_METADATA_KEY]: setupRecord(config) },
  };
  const storage = storagePolicy(partition, {
    buckets: config.buckets.map((b) => b.name),
    secrets: config.secrets.map((s) => s.arn),
    kmsKeys: kmsKeysOf(config),
  });
  if (storage)
    resources[L.storagePolicy] = {
      Type: 'AWS::IAM::Policy',
      Properties: { PolicyName: names.storageRole, Roles: [ref(L.storageRole)], PolicyDocument: storage },
    };
  return resources;
}

function templateOutputs(config: AwsSetupConfig, providerArn: string): CfnTemplate['Outputs'] {
  const subnetIds = [...config.zones].sort().map((zone) => ref(subnetLogicalId(zone)));
  return {
    Region: { Description: 'AWS region where the resources are deployed', Value: config.region },
    ComputeRoleArn: { Description: 'Role Studio assumes to manage compute clusters', Value: arnOf(L.computeRole) },
    StorageRoleArn: {
      Description: 'Role Studio assumes to access the granted buckets and secrets',
      Value: arnOf(L.storageRole),
    },
    ClusterRoleArn: { Description: 'Role assumed by the EKS cluster', Value: arnOf(L.clusterRole) },
    NodeRoleArn: { Description: 'Role assumed by the EKS nodes', Value: arnOf(L.nodeRole) },
    PodRoleArn: { Description: 'Role assumed by DataChain pods (EKS Pod Identity)', Value: arnOf(L.podRole) },
    VpcId: { Description: 'VPC hosting the compute clusters', Value: ref(L.vpc) },
    SubnetIds: {
      Description: 'Subnets of the compute clusters (comma-separated)',
      Value: { 'Fn::Join': [',', subnetIds] },
    },
    SecurityGroupIds: {
      Description: 'Security groups of the compute clusters (comma-separated)',
      Value: { 'Fn::Join': [',', [ref(L.securityGroup)]] },
    },
    OidcProviderArn: { Description: 'IAM OIDC provider trusted for DataChain Studio tokens', Value: providerArn },
  };
}

export function renderTemplate(config: AwsSetupConfig, context: RenderContext): RenderedTemplate {
  const partition = partitionOf(config.region);
  const names = resourceNames(config.namePrefix);
  const createsOidcProvider = !config.existingOidcProviderArn;
  const providerArn =
    config.existingOidcProviderArn ?? oidcProviderArn(partition, context.accountId, config.studio.issuer);
  const policyContext: PolicyContext = {
    partition,
    region: config.region,
    accountId: context.accountId,
    names,
    issuer: config.studio.issuer,
    providerArn,
  };
  const parts: Parts = { config, names, partition, policyContext, createsOidcProvider };
  const template: CfnTemplate = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `${TEMPLATE_DESCRIPTION_START} network, cluster roles and Studio OIDC trust (${names.stack})`,
    Metadata: { [TEMPLATE_METADATA_KEY]: setupMarker() },
    Resources: { ...networkResources(parts), ...clusterRoleResources(parts), ...studioResources(parts) },
    Outputs: templateOutputs(config, providerArn),
  };
  const body = JSON.stringify(template);
  const bytes = new TextEncoder().encode(body).length;
  if (bytes > TEMPLATE_BODY_LIMIT) {
    throw new ProvisionError(
      'INVALID_CONFIG',
      `This setup needs a ${bytes.toLocaleString('en')}-byte template; CloudFormation accepts at most ${TEMPLATE_BODY_LIMIT.toLocaleString('en')} bytes.`,
      {
        hint: 'Grant fewer buckets or secrets in one setup (for example, move some to a second setup with its own name prefix).',
        fields: [{ path: 'buckets', message: 'too many grants for one template' }],
      },
    );
  }
  return { template, body, names, partition, providerArn, createsOidcProvider };
}

export { LOGICAL_IDS } from './naming';
export { readDeployedConfig, TEMPLATE_METADATA_KEY } from './record';
