/**
 * What a deployed AWS setup must be in the account, read back from the cloud (never from the
 * template): the EKS roles carry their AWS managed policies, the OIDC provider exists and accepts
 * Studio's audience, both Studio roles check that audience, every subnet routes to the internet
 * through the setup's route table, the VPC gives DNS host names and the subnets public addresses.
 * Returns the problems found, in words; an empty list means the setup is whole.
 */
import { ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { DescribeRouteTablesCommand, DescribeSubnetsCommand, DescribeVpcAttributeCommand } from '@aws-sdk/client-ec2';
import { GetOpenIDConnectProviderCommand, GetRoleCommand, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import type { AwsClients } from '../../provisioners/aws/clients';
import { CLUSTER_MANAGED_POLICIES, NODE_MANAGED_POLICIES, OIDC_AUDIENCE } from '../../provisioners/aws/iam-policies';
import { LOGICAL_IDS } from '../../provisioners/aws/naming';

async function resourcesOf(clients: AwsClients, stackId: string) {
  const out = await clients.cloudformation.send(new ListStackResourcesCommand({ StackName: stackId }));
  return out.StackResourceSummaries ?? [];
}

async function managedPolicyProblems(clients: AwsClients, role: string, wanted: readonly string[]) {
  const attached = (await clients.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role }))).AttachedPolicies;
  const names = new Set((attached ?? []).map((p) => p.PolicyName));
  return wanted.filter((name) => !names.has(name)).map((name) => `role ${role} lacks the managed policy ${name}`);
}

async function audienceProblems(clients: AwsClients, issuer: string, providerArn: string, studioRoles: string[]) {
  const problems: string[] = [];
  try {
    const provider = await clients.iam.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn }),
    );
    if (!(provider.ClientIDList ?? []).includes(OIDC_AUDIENCE))
      problems.push(`the OIDC provider ${providerArn} does not accept the audience ${OIDC_AUDIENCE}`);
  } catch {
    problems.push(`there is no OIDC provider ${providerArn}`);
  }
  for (const role of studioRoles) {
    const trust = decodeURIComponent(
      (await clients.iam.send(new GetRoleCommand({ RoleName: role }))).Role?.AssumeRolePolicyDocument ?? '',
    );
    if (!trust.includes(`${issuer}:aud`) || !trust.includes(OIDC_AUDIENCE))
      problems.push(`role ${role} does not check the token's audience`);
  }
  return problems;
}

async function networkProblems(clients: AwsClients, vpcId: string, routeTableId: string, subnetIds: string[]) {
  const problems: string[] = [];
  const hostnames = await clients.ec2.send(
    new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' }),
  );
  if (!hostnames.EnableDnsHostnames?.Value) problems.push(`the VPC ${vpcId} gives no DNS host names`);
  const subnets = (await clients.ec2.send(new DescribeSubnetsCommand({ SubnetIds: subnetIds }))).Subnets ?? [];
  for (const subnet of subnets)
    if (!subnet.MapPublicIpOnLaunch) problems.push(`the subnet ${subnet.SubnetId} gives no public addresses`);
  const table = (await clients.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [routeTableId] })))
    .RouteTables?.[0];
  const associated = new Set((table?.Associations ?? []).map((a) => a.SubnetId));
  for (const id of subnetIds)
    if (!associated.has(id)) problems.push(`the subnet ${id} is not associated with the route table ${routeTableId}`);
  if (!(table?.Routes ?? []).some((r) => r.DestinationCidrBlock === '0.0.0.0/0' && r.GatewayId?.startsWith('igw-')))
    problems.push(`the route table ${routeTableId} has no route to the internet`);
  return problems;
}

export async function problemsOfDeployedSetup(
  clients: AwsClients,
  stackId: string,
  expected: { issuer: string; providerArn: string },
): Promise<string[]> {
  const resources = await resourcesOf(clients, stackId);
  const physical = (id: string) => resources.find((r) => r.LogicalResourceId === id)?.PhysicalResourceId ?? '';
  const subnetIds = resources
    .filter((r) => r.ResourceType === 'AWS::EC2::Subnet')
    .map((r) => r.PhysicalResourceId ?? '');
  const L = LOGICAL_IDS;
  return [
    ...(await managedPolicyProblems(clients, physical(L.clusterRole), CLUSTER_MANAGED_POLICIES)),
    ...(await managedPolicyProblems(clients, physical(L.nodeRole), NODE_MANAGED_POLICIES)),
    ...(await audienceProblems(clients, expected.issuer, expected.providerArn, [
      physical(L.computeRole),
      physical(L.storageRole),
    ])),
    ...(await networkProblems(clients, physical(L.vpc), physical(L.routeTable), subnetIds)),
  ];
}
