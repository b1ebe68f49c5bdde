/**
 * Delete a setup's stack with live progress. Anything the stack did not create (a reused OIDC
 * provider) is left alone and named; a provider the stack created is kept by CloudFormation
 * (RetainExceptOnCreate) and removed here only when no other role still trusts it.
 */
import { DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { DescribeClusterCommand, ListClustersCommand } from '@aws-sdk/client-eks';
import { ProvisionError } from '../core/errors';
import { log, type ProvisionEvent } from '../core/events';
import type { AwsClients } from './clients';
import { explainFailure, firstFailure } from './failure';
import { followOf, followStack, type FollowOptions } from './follow';
import { deleteOidcProvider, rolesTrustingProvider } from './oidc';
import { classifyStack, deployedTemplate, describeStack, stackResources } from './stack';
import { LOGICAL_IDS, MANAGED_BY_TAG, MANAGED_BY_VALUE } from './naming';
import { readSetupRecord } from './record';
import type { AwsTeardownResult, LeftAlone } from './setup.schema';

export type TeardownResult = AwsTeardownResult;

export type TeardownOptions = FollowOptions;

export const TEARDOWN_CANCEL_MEANING =
  'A stack deletion cannot be stopped once CloudFormation has started it; the app follows it to the end.';

/**
 * EKS clusters still running in the setup's network (its VPC, or any of its subnets): they must
 * go first, because their network interfaces keep the VPC in use.
 */
async function clustersInNetwork(clients: AwsClients, vpcId: string, subnetIds: string[]): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await clients.eks.send(new ListClustersCommand({ nextToken: token }));
    for (const name of page.clusters ?? []) {
      const config = (await clients.eks.send(new DescribeClusterCommand({ name }))).cluster?.resourcesVpcConfig;
      if (config?.vpcId === vpcId || (config?.subnetIds ?? []).some((id) => subnetIds.includes(id))) names.push(name);
    }
    token = page.nextToken;
  } while (token);
  return names;
}

export async function* teardownSetup(
  clients: AwsClients,
  stackName: string,
  options: TeardownOptions = {},
): AsyncGenerator<ProvisionEvent, TeardownResult> {
  const cfn = clients.cloudformation;
  const stack = await describeStack(cfn, stackName);
  const condition = classifyStack(stack);
  if (!stack || condition.kind === 'absent') {
    throw new ProvisionError('NOT_FOUND', `There is no stack called ${stackName} in this region.`, {
      hint: 'It may already be deleted; check the region.',
    });
  }
  if (condition.kind === 'busy' && !stack.StackStatus?.startsWith('DELETE')) {
    throw new ProvisionError('STACK_BUSY', `The stack ${stackName} is busy (${stack.StackStatus}).`, {
      hint: 'Wait for its current operation to finish, then tear it down.',
    });
  }
  const stackId = stack.StackId ?? stackName;
  const body = condition.kind === 'review' ? undefined : await deployedTemplate(cfn, stackId);
  const tagged = (stack.Tags ?? []).some((t) => t.Key === MANAGED_BY_TAG && t.Value === MANAGED_BY_VALUE);
  const reading = body ? readSetupRecord(body) : undefined;
  // Only a stack this app made: tagged by it, and (once it has a template) carrying its marker.
  if (!tagged || (reading && !reading.ours)) {
    throw new ProvisionError(
      'CONFLICT',
      `The stack ${stackName} was not created by DataChain Cluster Setup, so the app does not delete it.`,
      {
        hint: 'Delete it where it was made (the CloudFormation console, its Terraform or its owner). Nothing was changed.',
      },
    );
  }
  const config = reading && 'config' in reading ? reading.config : undefined;
  const resources = await stackResources(cfn, stackId).catch(() => []);
  const physical = new Map(resources.map((r) => [r.LogicalResourceId ?? '', r.PhysicalResourceId ?? '']));

  const vpcId = physical.get(LOGICAL_IDS.vpc);
  if (vpcId) {
    const subnetIds = resources
      .filter((r) => r.ResourceType === 'AWS::EC2::Subnet')
      .map((r) => r.PhysicalResourceId ?? '');
    const clusters = await clustersInNetwork(clients, vpcId, subnetIds);
    if (clusters.length) {
      throw new ProvisionError(
        'CONFLICT',
        `EKS ${clusters.length === 1 ? 'cluster' : 'clusters'} ${clusters.join(', ')} still ${clusters.length === 1 ? 'runs' : 'run'} in this setup's network (${vpcId}).`,
        {
          hint: 'Delete the DataChain clusters in Studio first (their network interfaces keep the VPC in use), then tear the setup down. Nothing was changed.',
        },
      );
    }
  }

  const f = followOf(
    clients,
    stackId,
    resources.length,
    'Deleting resources',
    options,
    (state) => state === 'deleted' || state === 'skipped',
  );
  const { follower, total } = f;
  await follower.markExisting();
  yield { type: 'progress', step: 'Deleting resources', current: 0, total };
  await cfn.send(new DeleteStackCommand({ StackName: stackId }));
  yield log(`Deleting the stack ${stackName}.`);

  let status = yield* followStack(f);
  if (status !== 'DELETE_COMPLETE' && status !== 'DELETE_FAILED') {
    // Asked to stop: a deletion cannot be stopped, so say so and follow it to the end.
    yield log(TEARDOWN_CANCEL_MEANING, 'warn');
    status = yield* followStack({ ...f, signal: undefined });
  }
  if (status === 'DELETE_FAILED') {
    const failure = explainFailure(firstFailure(follower.failures));
    throw new ProvisionError('STACK_NEEDS_ATTENTION', `The stack could not be deleted completely. ${failure.message}`, {
      hint: `${failure.hint} Then tear the setup down again; what was already deleted stays deleted.`,
    });
  }
  yield { type: 'progress', step: 'Deleted', current: total, total };

  const leftAlone: LeftAlone[] = [];
  const deleted = [stackName];
  const createdProvider = physical.get(LOGICAL_IDS.oidcProvider);
  if (createdProvider) {
    const trusting = await rolesTrustingProvider(clients.iam, createdProvider);
    if (trusting.length) {
      leftAlone.push({ kind: 'oidc-provider', id: createdProvider, reason: `still trusted by ${trusting.join(', ')}` });
      yield log(`Kept the OIDC provider ${createdProvider}: other roles still trust it (${trusting.join(', ')}).`);
    } else {
      try {
        await deleteOidcProvider(clients.iam, createdProvider);
        deleted.push(createdProvider);
        yield log(`Removed the OIDC provider ${createdProvider}, which this setup created and nothing else uses.`);
      } catch (error) {
        if ((error as Error).name !== 'NoSuchEntityException' && (error as Error).name !== 'NoSuchEntity') throw error;
      }
    }
  }
  if (config?.existingOidcProviderArn) {
    leftAlone.push({
      kind: 'oidc-provider',
      id: config.existingOidcProviderArn,
      reason: 'it existed before this setup, which only reused it',
    });
    yield log(`Left the OIDC provider ${config.existingOidcProviderArn} in place: it existed before this setup.`);
  }
  return { stackId, stackName, deleted, leftAlone };
}
