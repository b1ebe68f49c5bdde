/**
 * The rights a plan needs, per resource: CloudFormation's change sets, and what CloudFormation
 * does with the caller's credentials for each resource type of the template (no service role is
 * used, so the user needs them). An update may add, change or remove any resource of a setup.
 */
import type { ResourceNames } from '../naming';
import { roleNames } from '../naming';

export interface RequiredRight {
  action: string;
  resource: string;
}

const CFN_ACTIONS = [
  'cloudformation:CreateChangeSet',
  'cloudformation:DescribeChangeSet',
  'cloudformation:ExecuteChangeSet',
  'cloudformation:DeleteChangeSet',
  'cloudformation:ListChangeSets',
  'cloudformation:DescribeStacks',
  'cloudformation:DescribeStackEvents',
  'cloudformation:GetTemplate',
];

const EC2_CREATE = [
  'ec2:CreateVpc',
  'ec2:ModifyVpcAttribute',
  'ec2:CreateInternetGateway',
  'ec2:AttachInternetGateway',
  'ec2:CreateRouteTable',
  'ec2:CreateRoute',
  'ec2:CreateSubnet',
  'ec2:ModifySubnetAttribute',
  'ec2:AssociateRouteTable',
  'ec2:CreateSecurityGroup',
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:AuthorizeSecurityGroupEgress',
  'ec2:RevokeSecurityGroupEgress',
  'ec2:CreateTags',
  'ec2:DescribeVpcs',
  'ec2:DescribeSubnets',
  'ec2:DescribeRouteTables',
  'ec2:DescribeInternetGateways',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeAvailabilityZones',
];
const EC2_UPDATE = [
  'ec2:DeleteSubnet',
  'ec2:DisassociateRouteTable',
  'ec2:DeleteTags',
  'ec2:RevokeSecurityGroupIngress',
];

const ROLE_CREATE = [
  'iam:CreateRole',
  'iam:GetRole',
  'iam:TagRole',
  'iam:PutRolePolicy',
  'iam:GetRolePolicy',
  'iam:AttachRolePolicy',
];
const ROLE_UPDATE = [
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:UntagRole',
  'iam:ListRolePolicies',
  'iam:ListAttachedRolePolicies',
];
const PROVIDER_CREATE = [
  'iam:CreateOpenIDConnectProvider',
  'iam:TagOpenIDConnectProvider',
  'iam:GetOpenIDConnectProvider',
];
const PROVIDER_UPDATE = ['iam:UpdateOpenIDConnectProviderThumbprint', 'iam:UntagOpenIDConnectProvider'];

export interface RequiredRightsInput {
  action: 'create' | 'update';
  partition: string;
  region: string;
  accountId: string;
  names: ResourceNames;
  oidc: { mode: 'create' | 'ours' | 'reuse'; arn: string; addAudience: boolean };
}

export function requiredRights(input: RequiredRightsInput): RequiredRight[] {
  const { partition: p, region, accountId, names } = input;
  const update = input.action === 'update';
  const stack = `arn:${p}:cloudformation:${region}:${accountId}:stack/${names.stack}/*`;
  const rights: RequiredRight[] = CFN_ACTIONS.map((action) => ({ action, resource: stack }));
  for (const action of [...EC2_CREATE, ...(update ? EC2_UPDATE : [])]) rights.push({ action, resource: '*' });
  for (const role of roleNames(names)) {
    const resource = `arn:${p}:iam::${accountId}:role/${role}`;
    for (const action of [...ROLE_CREATE, ...(update ? ROLE_UPDATE : [])]) rights.push({ action, resource });
  }
  if (input.oidc.mode !== 'reuse')
    for (const action of [...PROVIDER_CREATE, ...(update || input.oidc.mode === 'ours' ? PROVIDER_UPDATE : [])])
      rights.push({ action, resource: input.oidc.arn });
  if (input.oidc.mode === 'reuse' && input.oidc.addAudience)
    rights.push({ action: 'iam:AddClientIDToOpenIDConnectProvider', resource: input.oidc.arn });
  return rights;
}

/** The rights as an IAM policy an admin can attach: one statement per resource. */
export function policyFor(rights: RequiredRight[]): string {
  const byResource = new Map<string, string[]>();
  for (const r of rights) byResource.set(r.resource, [...(byResource.get(r.resource) ?? []), r.action]);
  const Statement = [...byResource].map(([resource, actions]) => ({
    Effect: 'Allow',
    Action: [...new Set(actions)].sort(),
    Resource: resource,
  }));
  return `${JSON.stringify({ Version: '2012-10-17', Statement }, null, 2)}\n`;
}
