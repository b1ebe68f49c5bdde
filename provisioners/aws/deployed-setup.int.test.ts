/**
 * The template as the account holds it after a deploy, read back from moto with the fills of
 * scripts/lib/moto_fills_*.py (managed policies on roles, the OIDC provider, route table
 * associations, VPC and subnet attributes, internet gateway deletion, RetainExceptOnCreate,
 * change set names): the real template deploys whole, and copies that forgot a piece fail.
 * Teardown's OIDC-provider clean-up and a retried CreateChangeSet run here too.
 */
import { CreateStackCommand, DeleteStackCommand, ListChangeSetsCommand } from '@aws-sdk/client-cloudformation';
import { DescribeInternetGatewaysCommand } from '@aws-sdk/client-ec2';
import {
  CreateRoleCommand,
  DeleteOpenIDConnectProviderCommand,
  DeleteRoleCommand,
  GetOpenIDConnectProviderCommand,
} from '@aws-sdk/client-iam';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { drain, motoClients } from '../../test/support/aws-clients';
import { problemsOfDeployedSetup } from '../../test/support/deployed-setup';
import { startLossyProxy } from '../../test/support/lossy-proxy';
import type { AwsClients } from './clients';
import { deploySetup } from './deploy';
import { LOGICAL_IDS } from './naming';
import { planSetup, type Plan } from './plan';
import { AwsSetupConfig } from './schema';
import { describeStack } from './stack';
import { teardownSetup } from './teardown';
import { renderTemplate, stackTags, type CfnTemplate } from './template';

const motoUrl = inject('motoUrl');
const ACCOUNT = '123456789012';
const THUMBPRINT = '9e99a48a9960b14926bb7f3b02e22da2b0ab7280';
const context = { accountId: ACCOUNT, thumbprints: async () => [THUMBPRINT] };
const noSleep = async () => {};
const REGIONS = ['ap-southeast-3', 'ap-southeast-4', 'ap-southeast-2', 'eu-south-1', 'me-south-1', 'ap-east-1'];

let run = 0;
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

function setup(): { clients: AwsClients; config: AwsSetupConfig; providerArn: string } {
  const region = REGIONS[run % REGIONS.length]!;
  run += 1;
  const tag = `f${Date.now().toString(36).slice(-4)}${run}`;
  const issuer = `${tag}.studio.example/api`;
  const clients = motoClients(motoUrl, region);
  const config = AwsSetupConfig.parse({
    region,
    zones: [`${region}a`, `${region}b`],
    studio: { team: 'fills-team', issuer },
    namePrefix: tag,
    oidcThumbprints: [THUMBPRINT],
  });
  const providerArn = `arn:aws:iam::${ACCOUNT}:oidc-provider/${issuer}`;
  cleanups.push(() =>
    clients.iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn })),
  );
  return { clients, config, providerArn };
}

async function deploy(clients: AwsClients, plan: Plan) {
  if (plan.kind !== 'changes') throw new Error(`expected changes, got ${plan.kind}`);
  cleanups.push(async () => {
    if (await describeStack(clients.cloudformation, plan.changeSet.stackId))
      await drain(teardownSetup(clients, plan.changeSet.stackId, { sleep: noSleep }));
  });
  return (
    await drain(
      deploySetup(clients, { changeSet: plan.changeSet, plannedChanges: plan.rows.length }, { sleep: noSleep }),
    )
  ).result;
}

/** Create a stack from a (possibly broken) copy of the template, straight through CloudFormation. */
async function createRaw(clients: AwsClients, config: AwsSetupConfig, template: CfnTemplate) {
  const created = await clients.cloudformation.send(
    new CreateStackCommand({
      StackName: `${config.namePrefix}-datachain-cluster`,
      TemplateBody: JSON.stringify(template),
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      Tags: stackTags(config),
    }),
  );
  cleanups.push(() => clients.cloudformation.send(new DeleteStackCommand({ StackName: created.StackId })));
  return created.StackId!;
}

const L = LOGICAL_IDS;
type Breakage = [string, (t: CfnTemplate) => void, RegExp];
const BREAKAGES: Breakage[] = [
  [
    'the node policies',
    (t) => delete t.Resources[L.nodeRole]!.Properties!.ManagedPolicyArns,
    /role .*-datachain-cluster-node lacks the managed policy AmazonEKSWorkerNodeMinimalPolicy/,
  ],
  [
    'the OIDC provider',
    (t) => {
      delete t.Resources[L.oidcProvider];
      for (const id of [L.computeRole, L.storageRole]) delete t.Resources[id]!.DependsOn;
    },
    /there is no OIDC provider arn:aws:iam::123456789012:oidc-provider\//,
  ],
  [
    'a subnet association',
    (t) => {
      const association = Object.keys(t.Resources).find(
        (id) => t.Resources[id]!.Type === 'AWS::EC2::SubnetRouteTableAssociation',
      );
      delete t.Resources[association!];
    },
    /the subnet subnet-\w+ is not associated with the route table rtb-\w+/,
  ],
  [
    "the provider's audience",
    (t) => {
      t.Resources[L.oidcProvider]!.Properties!.ClientIdList = ['another-audience'];
    },
    /does not accept the audience sts\.amazonaws\.com/,
  ],
  [
    "the roles' audience check",
    (t) => {
      const text = JSON.stringify(t.Resources[L.computeRole]!.Properties!.AssumeRolePolicyDocument).replace(
        /"[^"]*:aud":"sts\.amazonaws\.com",?/,
        '',
      );
      t.Resources[L.computeRole]!.Properties!.AssumeRolePolicyDocument = JSON.parse(text.replace(',}', '}'));
    },
    /role .*-datachain-oidc-compute does not check the token's audience/,
  ],
  [
    'public addresses and DNS host names',
    (t) => {
      t.Resources[L.vpc]!.Properties!.EnableDnsHostnames = false;
      for (const r of Object.values(t.Resources))
        if (r.Type === 'AWS::EC2::Subnet') r.Properties!.MapPublicIpOnLaunch = false;
    },
    /the VPC vpc-\w+ gives no DNS host names[^]*gives no public addresses/,
  ],
];

describe('a deployed setup, read back from the account', () => {
  it('is whole: managed policies attached, the provider with its audience, every subnet routed, DNS and public addresses', async () => {
    const { clients, config, providerArn } = setup();
    const result = await deploy(clients, await planSetup(clients, config, context, { sleep: noSleep }));
    expect(
      await problemsOfDeployedSetup(clients, result.stackId, { issuer: config.studio.issuer, providerArn }),
    ).toEqual([]);
    const provider = await clients.iam.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn }),
    );
    expect(provider.ClientIDList).toEqual(['sts.amazonaws.com']);
    expect(provider.ThumbprintList).toEqual([THUMBPRINT]);
  });

  it.each(BREAKAGES)('fails the check when the template forgot %s', async (_what, breakIt, problem) => {
    const { clients, config, providerArn } = setup();
    const { template } = renderTemplate(config, { accountId: ACCOUNT });
    const whole = await createRaw(clients, config, structuredClone(template));
    expect(await problemsOfDeployedSetup(clients, whole, { issuer: config.studio.issuer, providerArn })).toEqual([]);
    await clients.cloudformation.send(new DeleteStackCommand({ StackName: whole }));
    await clients.iam
      .send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn }))
      .catch(() => undefined);

    const broken = structuredClone(template);
    breakIt(broken);
    const stackId = await createRaw(clients, config, broken);
    const problems = await problemsOfDeployedSetup(clients, stackId, { issuer: config.studio.issuer, providerArn });
    expect(problems.join('\n')).toMatch(problem);
  });

  it('a role whose managed policy does not exist fails to deploy, as in AWS', async () => {
    const { clients, config } = setup();
    const { template } = renderTemplate(config, { accountId: ACCOUNT });
    template.Resources[L.nodeRole]!.Properties!.ManagedPolicyArns = ['arn:aws:iam::aws:policy/NoSuchPolicyAnywhere'];
    await expect(createRaw(clients, config, template)).rejects.toThrow(/NoSuchPolicyAnywhere/);
  });
});

describe('teardown and what CloudFormation keeps', () => {
  it('the stack alone keeps the provider (RetainExceptOnCreate); teardown removes it when nothing else trusts it, and the internet gateway goes', async () => {
    const { clients, config, providerArn } = setup();
    const { template } = renderTemplate(config, { accountId: ACCOUNT });
    const raw = await createRaw(clients, config, template);
    await clients.cloudformation.send(new DeleteStackCommand({ StackName: raw }));
    await expect(
      clients.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn })),
    ).resolves.toBeDefined();
    await clients.iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn }));

    const result = await deploy(clients, await planSetup(clients, config, context, { sleep: noSleep }));
    const gateways = await clients.ec2.send(
      new DescribeInternetGatewaysCommand({
        Filters: [{ Name: 'attachment.vpc-id', Values: [result.outputs.datachain_cluster_vpc_id] }],
      }),
    );
    const gatewayId = gateways.InternetGateways?.[0]?.InternetGatewayId;
    expect(gatewayId).toMatch(/^igw-/);

    const { events, result: gone } = await drain(teardownSetup(clients, result.stackId, { sleep: noSleep }));
    expect(gone.deleted).toEqual([result.stackName, providerArn]);
    expect(gone.leftAlone).toEqual([]);
    expect(events.some((e) => e.type === 'log' && e.message.includes(`Removed the OIDC provider ${providerArn}`))).toBe(
      true,
    );
    await expect(
      clients.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn })),
    ).rejects.toThrow();
    const after = await clients.ec2
      .send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [gatewayId!] }))
      .then(
        (out) => out.InternetGateways ?? [],
        () => [],
      );
    expect(after).toEqual([]);
  });

  it('teardown keeps the provider this setup made while another role still trusts it, and says so', async () => {
    const { clients, config, providerArn } = setup();
    const result = await deploy(clients, await planSetup(clients, config, context, { sleep: noSleep }));
    const other = `${config.namePrefix}-someone-else`;
    await clients.iam.send(
      new CreateRoleCommand({
        RoleName: other,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Federated: providerArn }, Action: 'sts:AssumeRoleWithWebIdentity' },
          ],
        }),
      }),
    );
    cleanups.push(() => clients.iam.send(new DeleteRoleCommand({ RoleName: other })));
    const { result: gone } = await drain(teardownSetup(clients, result.stackId, { sleep: noSleep }));
    expect(gone.deleted).toEqual([result.stackName]);
    expect(gone.leftAlone).toEqual([{ kind: 'oidc-provider', id: providerArn, reason: `still trusted by ${other}` }]);
    await expect(
      clients.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn })),
    ).resolves.toBeDefined();
  });
});

describe('a CreateChangeSet whose answer was lost', () => {
  it('is retried by the SDK, refused as a duplicate name, and the plan goes on with the change set the first request made', async () => {
    const { config } = setup();
    const proxy = await startLossyProxy(motoUrl);
    cleanups.push(() => proxy.close());
    const clients = motoClients(proxy.url, config.region);
    proxy.loseAnswer('CreateChangeSet');
    const plan = await planSetup(clients, config, context, { sleep: noSleep });
    expect(proxy.actions.filter((a) => a === 'CreateChangeSet')).toHaveLength(2);
    if (plan.kind !== 'changes') throw new Error(plan.kind);
    const sets = await clients.cloudformation.send(new ListChangeSetsCommand({ StackName: plan.changeSet.stackId }));
    expect(sets.Summaries?.map((s) => s.ChangeSetName)).toEqual([plan.changeSet.name]);
    expect(plan.changeSet.id).toBe(sets.Summaries?.[0]?.ChangeSetId);
    const result = await deploy(clients, plan);
    expect(result.status).toBe('CREATE_COMPLETE');
  });
});
