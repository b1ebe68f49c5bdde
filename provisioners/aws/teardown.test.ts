import { describe, expect, it } from 'vitest';
import { drain, drainError } from '../../test/support/aws-clients';
import { SCRIPTED_STACK_ID, ScriptedCloudFormation, type Step } from '../../test/support/scripted-cloudformation';
import type { AwsClients } from './clients';
import { renderTemplate } from './template';
import { AwsSetupConfig } from './schema';
import { teardownSetup } from './teardown';

const PROVIDER = 'arn:aws:iam::111122223333:oidc-provider/studio.datachain.ai/api';

/** CloudFormation with a deployed stack of ours (created its own provider), then the delete script. */
function cloudformation(onDelete: Step[], options: { reusedProvider?: string } = {}) {
  const config = AwsSetupConfig.parse({
    region: 'eu-north-1',
    zones: ['eu-north-1a', 'eu-north-1b'],
    studio: { team: 'acme' },
    oidcThumbprints: ['a'.repeat(40)],
    ...(options.reusedProvider ? { existingOidcProviderArn: options.reusedProvider } : {}),
  });
  const body = renderTemplate(config, { accountId: '111122223333' }).body;
  const scripted = new ScriptedCloudFormation([{ status: 'CREATE_COMPLETE' }], { onDelete });
  const resources = [
    {
      LogicalResourceId: 'Vpc',
      PhysicalResourceId: 'vpc-1',
      ResourceType: 'AWS::EC2::VPC',
      ResourceStatus: 'CREATE_COMPLETE',
    },
    ...(options.reusedProvider
      ? []
      : [
          {
            LogicalResourceId: 'OidcProvider',
            PhysicalResourceId: PROVIDER,
            ResourceType: 'AWS::IAM::OIDCProvider',
            ResourceStatus: 'CREATE_COMPLETE',
          },
        ]),
  ];
  let deleting = false;
  return {
    scripted,
    async send(command: { constructor: { name: string }; input: unknown }) {
      const name = command.constructor.name;
      if (name === 'GetTemplateCommand') return { TemplateBody: body };
      if (name === 'ListStackResourcesCommand') return { StackResourceSummaries: deleting ? [] : resources };
      if (name === 'DeleteStackCommand') deleting = true;
      if (name === 'DescribeStacksCommand' && deleting) (scripted as unknown as { executed: boolean }).executed = true;
      const out = (await scripted.send(command)) as { Stacks?: { Tags?: unknown[] }[] };
      // Every stack of ours carries the app's tag (teardown refuses any other).
      if (name === 'DescribeStacksCommand')
        out.Stacks?.forEach(
          (stack) => (stack.Tags = [{ Key: 'datachain:managed-by', Value: 'datachain-cluster-setup' }]),
        );
      return out;
    },
  };
}

function iam(trustingRoles: string[]) {
  const calls: string[] = [];
  return {
    calls,
    async send(command: { constructor: { name: string }; input: unknown }) {
      const name = command.constructor.name;
      calls.push(name);
      if (name === 'ListRolesCommand') {
        return {
          Roles: trustingRoles.map((RoleName) => ({
            RoleName,
            AssumeRolePolicyDocument: encodeURIComponent(
              JSON.stringify({ Statement: [{ Principal: { Federated: PROVIDER } }] }),
            ),
          })),
        };
      }
      if (name === 'DeleteOpenIDConnectProviderCommand') return {};
      throw new Error(`unexpected ${name}`);
    },
  };
}

const eks = { send: async () => ({ clusters: [] }) };
const deleted: Step[] = [{ status: 'DELETE_IN_PROGRESS' }, { status: 'DELETE_COMPLETE' }];

describe('teardown', () => {
  it('removes the OIDC provider the stack created when nothing else trusts it', async () => {
    const i = iam([]);
    const clients = { cloudformation: cloudformation(deleted), iam: i, eks } as unknown as AwsClients;
    const { result } = await drain(teardownSetup(clients, 'datachain-cluster', { sleep: async () => {} }));
    expect(result.deleted).toEqual(['datachain-cluster', PROVIDER]);
    expect(result.leftAlone).toEqual([]);
    expect(i.calls).toContain('DeleteOpenIDConnectProviderCommand');
  });

  it("keeps a provider the stack created while another team's roles trust it, and names them", async () => {
    const i = iam(['team-b-datachain-oidc-compute']);
    const clients = { cloudformation: cloudformation(deleted), iam: i, eks } as unknown as AwsClients;
    const { result } = await drain(teardownSetup(clients, 'datachain-cluster', { sleep: async () => {} }));
    expect(result.leftAlone).toEqual([
      { kind: 'oidc-provider', id: PROVIDER, reason: 'still trusted by team-b-datachain-oidc-compute' },
    ]);
    expect(i.calls).not.toContain('DeleteOpenIDConnectProviderCommand');
  });

  it('never touches a provider the setup only reused', async () => {
    const i = iam([]);
    const clients = {
      cloudformation: cloudformation(deleted, { reusedProvider: PROVIDER }),
      iam: i,
      eks,
    } as unknown as AwsClients;
    const { result } = await drain(teardownSetup(clients, 'datachain-cluster', { sleep: async () => {} }));
    expect(result.leftAlone).toEqual([
      { kind: 'oidc-provider', id: PROVIDER, reason: 'it existed before this setup, which only reused it' },
    ]);
    expect(i.calls).toEqual([]);
  });

  it('explains a deletion that failed, so it can be retried', async () => {
    const failing: Step[] = [
      {
        status: 'DELETE_IN_PROGRESS',
        events: [
          {
            logicalId: 'Vpc',
            status: 'DELETE_FAILED',
            reason: 'The vpc vpc-1 has dependencies and cannot be deleted.',
          },
        ],
      },
      { status: 'DELETE_FAILED' },
    ];
    const clients = { cloudformation: cloudformation(failing), iam: iam([]), eks } as unknown as AwsClients;
    const { error } = await drainError(teardownSetup(clients, 'datachain-cluster', { sleep: async () => {} }));
    expect(error).toMatchObject({ code: 'STACK_NEEDS_ATTENTION' });
    expect((error as Error).message).toContain('has dependencies');
    expect((error as { hint: string }).hint).toContain('tear the setup down again');
  });
});

export { SCRIPTED_STACK_ID };
