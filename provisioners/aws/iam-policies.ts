/**
 * The IAM documents of a DataChain setup, exactly as they will apply (no intrinsics): the plan
 * shows these to the user, and the template embeds them verbatim.
 */
import type { ResourceNames } from './naming';

export const CLUSTER_MANAGED_POLICIES = [
  'AmazonEKSBlockStoragePolicy',
  'AmazonEKSClusterPolicy',
  'AmazonEKSComputePolicy',
  'AmazonEKSLoadBalancingPolicy',
  'AmazonEKSNetworkingPolicy',
] as const;

/** Attached to the node role (the Terraform attached them to the cluster role by mistake). */
export const NODE_MANAGED_POLICIES = [
  'AmazonEKSWorkerNodeMinimalPolicy',
  'AmazonEC2ContainerRegistryPullOnly',
] as const;

export const COMPUTE_EKS_ACTIONS = [
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
] as const;

export const COMPUTE_EKS_RESOURCE_KINDS = ['cluster', 'addon', 'access-entry', 'podidentityassociation'] as const;
export const COMPUTE_ROLE_READ_ACTIONS = ['iam:GetRole', 'iam:ListAttachedRolePolicies'] as const;
export const SERVICE_LINKED_ROLE_SERVICES = [
  'autoscaling',
  'ec2scheduled',
  'elasticloadbalancing',
  'eks',
  'eks-fargate-pods',
  'eks-nodegroup',
  'spot',
  'spotfleet',
  'transitgateway',
] as const;
export const STORAGE_SECRET_ACTIONS = ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'] as const;
export const STORAGE_KMS_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'] as const;
export const OIDC_AUDIENCE = 'sts.amazonaws.com';

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: string | string[];
  Principal?: Record<string, string | string[]>;
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface PolicyContext {
  partition: string;
  region: string;
  accountId: string;
  names: ResourceNames;
  issuer: string;
  providerArn: string;
}

export const managedPolicyArn = (partition: string, name: string) => `arn:${partition}:iam::aws:policy/${name}`;
export const roleArn = (ctx: Pick<PolicyContext, 'partition' | 'accountId'>, name: string) =>
  `arn:${ctx.partition}:iam::${ctx.accountId}:role/${name}`;
export const oidcProviderArn = (partition: string, accountId: string, issuer: string) =>
  `arn:${partition}:iam::${accountId}:oidc-provider/${issuer}`;

const doc = (Statement: PolicyStatement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });

/** Trust for an AWS service; every service trust allows AssumeRole and TagSession. */
export function serviceTrust(service: string): PolicyDocument {
  return doc([{ Effect: 'Allow', Principal: { Service: service }, Action: ['sts:AssumeRole', 'sts:TagSession'] }]);
}

/**
 * Trust for Studio's OIDC tokens: the provider, the audience and the exact subject. (The
 * Terraform used ForAnyValue:StringLike on :sub alone; set operators do not belong on
 * single-valued keys, and without :aud any audience would do.)
 */
export function studioTrust(ctx: PolicyContext, subject: string): PolicyDocument {
  return doc([
    {
      Effect: 'Allow',
      Principal: { Federated: ctx.providerArn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          [`${ctx.issuer}:aud`]: OIDC_AUDIENCE,
          [`${ctx.issuer}:sub`]: subject,
        },
      },
    },
  ]);
}

export function computePolicy(ctx: PolicyContext): PolicyDocument {
  const clusterRoles = [ctx.names.clusterRole, ctx.names.nodeRole, ctx.names.podRole].map((name) => roleArn(ctx, name));
  return doc([
    {
      Sid: 'ManageDataChainClusters',
      Effect: 'Allow',
      Action: [...COMPUTE_EKS_ACTIONS],
      Resource: COMPUTE_EKS_RESOURCE_KINDS.map(
        (kind) => `arn:${ctx.partition}:eks:${ctx.region}:${ctx.accountId}:${kind}/datachain-*`,
      ),
    },
    { Sid: 'ReadClusterRoles', Effect: 'Allow', Action: [...COMPUTE_ROLE_READ_ACTIONS], Resource: clusterRoles },
    { Sid: 'PassClusterRoles', Effect: 'Allow', Action: 'iam:PassRole', Resource: clusterRoles },
    {
      Sid: 'CreateServiceLinkedRoles',
      Effect: 'Allow',
      Action: 'iam:CreateServiceLinkedRole',
      Resource: '*',
      Condition: {
        StringEquals: { 'iam:AWSServiceName': SERVICE_LINKED_ROLE_SERVICES.map((s) => `${s}.amazonaws.com`) },
      },
    },
  ]);
}

export interface StorageGrants {
  buckets: readonly string[];
  secrets: readonly string[];
  kmsKeys: readonly string[];
}

/** The storage role's permissions, or undefined when nothing is granted (an empty policy is invalid). */
export function storagePolicy(partition: string, grants: StorageGrants): PolicyDocument | undefined {
  const statements: PolicyStatement[] = [];
  if (grants.buckets.length) {
    statements.push({
      Sid: 'GrantedBuckets',
      Effect: 'Allow',
      Action: 's3:*',
      Resource: grants.buckets.flatMap((bucket) => [
        `arn:${partition}:s3:::${bucket}`,
        `arn:${partition}:s3:::${bucket}/*`,
      ]),
    });
  }
  if (grants.secrets.length) {
    statements.push({
      Sid: 'GrantedSecrets',
      Effect: 'Allow',
      Action: [...STORAGE_SECRET_ACTIONS],
      Resource: [...grants.secrets],
    });
  }
  if (grants.kmsKeys.length) {
    statements.push({
      Sid: 'GrantedKmsKeys',
      Effect: 'Allow',
      Action: [...STORAGE_KMS_ACTIONS],
      Resource: [...grants.kmsKeys],
    });
  }
  return statements.length ? doc(statements) : undefined;
}
