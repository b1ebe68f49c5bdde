/**
 * Delete a setup's stack with live progress. Anything the stack did not create (a reused OIDC
 * provider) is left alone and named; a provider the stack created is kept by CloudFormation
 * (RetainExceptOnCreate) and removed here only when no other role still trusts it.
 */
import { DeleteStackCommand, type Stack, type StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { DescribeClusterCommand, ListClustersCommand } from '@aws-sdk/client-eks';
import { randomUUID } from 'node:crypto';
import { ProvisionError } from '../core/errors';
import { log, type ProvisionEvent } from '../core/events';
import type { AwsClients } from './clients';
import { explainFailure, firstFailure } from './failure';
import { followOf, followStack, type FollowOptions } from './follow';
import { deleteOidcProvider, rolesTrustingProvider } from './oidc';
import { classifyStack, deployedTemplate, describeStack, stackResources } from './stack';
import { LOGICAL_IDS, MANAGED_BY_TAG, MANAGED_BY_VALUE } from './naming';
import { readSetupRecord } from './record';
import type { AwsSetupConfig } from './schema';
import type { AwsTeardownResult, LeftAlone } from './setup.schema';

export type TeardownResult = AwsTeardownResult;

export type TeardownOptions = FollowOptions;

export const TEARDOWN_CANCEL_MEANING =
  'A stack deletion cannot be stopped once CloudFormation has started it; the app follows it to the end.';

/**
 * EKS clusters still running in the setup's network (its VPC, or any of its subnets): they must
 * go first, because their network interfaces keep the VPC in use.
 */
async function clusterNames(clients: AwsClients): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await clients.eks.send(new ListClustersCommand({ nextToken: token }));
    names.push(...(page.clusters ?? []));
    token = page.nextToken;
  } while (token);
  return names;
}

async function clustersInNetwork(
  clients: AwsClients,
  listed: Promise<string[]>,
  vpcId: string,
  subnetIds: string[],
): Promise<string[]> {
  const names: string[] = [];
  for (const name of await listed) {
    const config = (await clients.eks.send(new DescribeClusterCommand({ name }))).cluster?.resourcesVpcConfig;
    if (config?.vpcId === vpcId || (config?.subnetIds ?? []).some((id) => subnetIds.includes(id))) names.push(name);
  }
  return names;
}

/** Which stack to tear down: by id once it is known (a later stack of the same name is another setup). */
export type TeardownTarget = string | { stackName: string; stackId?: string | undefined };

export interface TeardownRunOptions extends TeardownOptions {
  /**
   * Finish a teardown that was running when the app quit: follow the deletion (never start one),
   * then do what comes after it (the OIDC-provider clean-up), even when the stack is already gone.
   */
  resume?: boolean;
}

/** Refuse a stack this app did not make, or one whose network still runs EKS clusters. */
async function assertRemovable(
  clients: AwsClients,
  stack: Stack,
  stackName: string,
  resources: StackResourceSummary[],
  body: string | undefined,
  /** The account's EKS clusters, listed alongside the stack's own reads. */
  clusters: Promise<string[]>,
) {
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
  const vpcId = resources.find((r) => r.LogicalResourceId === LOGICAL_IDS.vpc)?.PhysicalResourceId;
  if (!vpcId) return;
  const subnetIds = resources
    .filter((r) => r.ResourceType === 'AWS::EC2::Subnet')
    .map((r) => r.PhysicalResourceId ?? '');
  const inNetwork = await clustersInNetwork(clients, clusters, vpcId, subnetIds);
  if (inNetwork.length) {
    throw new ProvisionError(
      'CONFLICT',
      `EKS ${inNetwork.length === 1 ? 'cluster' : 'clusters'} ${inNetwork.join(', ')} still ${inNetwork.length === 1 ? 'runs' : 'run'} in this setup's network (${vpcId}).`,
      {
        hint: 'Delete the DataChain clusters in Studio first (their network interfaces keep the VPC in use), then tear the setup down. Nothing was changed.',
      },
    );
  }
}

/** After the stack: the OIDC provider it made (kept by CloudFormation) goes unless another role trusts it. */
async function* cleanUpAfterStack(
  clients: AwsClients,
  physical: Map<string, string>,
  config: AwsSetupConfig | undefined,
  leftAlone: LeftAlone[],
  deleted: string[],
  /** The roles trusting the provider, read once the stack was gone (alongside its last events). */
  trustingRead: Promise<string[]> | undefined,
): AsyncGenerator<ProvisionEvent, void> {
  const createdProvider = physical.get(LOGICAL_IDS.oidcProvider);
  if (createdProvider) {
    const trusting = await (trustingRead ?? rolesTrustingProvider(clients.iam, createdProvider));
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
}

export async function* teardownSetup(
  clients: AwsClients,
  target: TeardownTarget,
  options: TeardownRunOptions = {},
): AsyncGenerator<ProvisionEvent, TeardownResult> {
  const cfn = clients.cloudformation;
  const ref = typeof target === 'string' ? { stackName: target } : target;
  // Everything the deletion needs to know, read together with the stack itself: the template
  // (the setup's record), the resources (the network to check, the OIDC provider it made) and
  // the account's EKS clusters (looked at only when the stack has a network). One round trip,
  // not two; each read is used only once the stack is known to be one to delete.
  const id = ref.stackId ?? ref.stackName;
  const quiet = <T>(read: Promise<T>) => {
    read.catch(() => undefined); // awaited (and thrown) only where it is used
    return read;
  };
  const reads = {
    body: quiet(deployedTemplate(cfn, id)),
    resources: quiet(stackResources(cfn, id)),
    clusters: quiet(clusterNames(clients)),
  };
  const stack = await describeStack(cfn, id);
  const stackName = stack?.StackName ?? ref.stackName;
  const condition = classifyStack(stack);
  const status = stack?.StackStatus ?? '';
  const alreadyDeleted = !!options.resume && status === 'DELETE_COMPLETE';
  if (!stack || (condition.kind === 'absent' && !alreadyDeleted)) {
    throw new ProvisionError('NOT_FOUND', `There is no stack called ${stackName} in this region.`, {
      hint: 'It may already be deleted; check the region.',
    });
  }
  const deleting = status === 'DELETE_IN_PROGRESS' || alreadyDeleted;
  if (options.resume && status === 'DELETE_FAILED') {
    throw new ProvisionError(
      'STACK_NEEDS_ATTENTION',
      `The teardown of ${stackName} failed while the app was closed (DELETE_FAILED).`,
      {
        hint: 'Tear the setup down again from the dashboard; resources that still cannot be deleted will be named.',
      },
    );
  }
  if (options.resume && !deleting) {
    throw new ProvisionError(
      'NOT_FOUND',
      `The teardown of ${stackName} had not started when the app closed; nothing was deleted.`,
      { hint: 'Tear the setup down again from the dashboard if you still want it gone.' },
    );
  }
  if (condition.kind === 'busy' && !status.startsWith('DELETE')) {
    throw new ProvisionError('STACK_BUSY', `The stack ${stackName} is busy (${status}).`, {
      hint: 'Wait for its current operation to finish, then tear it down.',
    });
  }
  const stackId = stack.StackId ?? ref.stackId ?? ref.stackName;
  const f = followOf(
    clients,
    stackId,
    1,
    'Deleting resources',
    options,
    (state) => state === 'deleted' || state === 'skipped',
  );
  const { follower } = f;
  const [body, resources] = await Promise.all([
    condition.kind === 'review' ? undefined : reads.body.catch(() => undefined),
    reads.resources.catch(() => []),
  ]);
  const reading = body ? readSetupRecord(body) : undefined;
  const config = reading && 'config' in reading ? reading.config : undefined;
  const physical = new Map(resources.map((r) => [r.LogicalResourceId ?? '', r.PhysicalResourceId ?? '']));
  if (!deleting) await assertRemovable(clients, stack, stackName, resources, body, reads.clusters);
  f.total = Math.max(1, resources.length);
  const { total } = f;
  // The provider's clean-up reads which roles still trust it. The stack's own roles trust it
  // until they are deleted, so that read waits for a status read saying the stack is gone; it then
  // runs alongside that poll's events read rather than after it.
  const createdProvider = physical.get(LOGICAL_IDS.oidcProvider);
  let trustingRead: Promise<string[]> | undefined;
  if (createdProvider)
    f.onStatus = (state) => {
      if (state !== 'DELETE_COMPLETE' || trustingRead) return;
      trustingRead = rolesTrustingProvider(clients.iam, createdProvider);
      trustingRead.catch(() => undefined); // awaited (and thrown) by the clean-up
    };
  let final = status;
  if (!alreadyDeleted) {
    yield { type: 'progress', step: 'Deleting resources', current: 0, total };
    // The deletion's events are reported (they carry its token), what came before it is not.
    if (deleting) {
      follower.follow();
      yield log(`Following the deletion of ${stackName}, which was running when the app closed.`);
    } else {
      const token = `dcs-${randomUUID()}`;
      follower.follow(token);
      await cfn.send(new DeleteStackCommand({ StackName: stackId, ClientRequestToken: token }));
      yield log(`Deleting the stack ${stackName}.`);
    }
    final = yield* followStack(f);
    if (final !== 'DELETE_COMPLETE' && final !== 'DELETE_FAILED') {
      // Asked to stop: a deletion cannot be stopped, so say so and follow it to the end.
      yield log(TEARDOWN_CANCEL_MEANING, 'warn');
      final = yield* followStack({ ...f, signal: undefined });
    }
  } else yield log(`The stack ${stackName} was deleted while the app was closed; finishing the teardown.`);
  if (final === 'DELETE_FAILED') {
    const failure = explainFailure(firstFailure(follower.failures));
    throw new ProvisionError('STACK_NEEDS_ATTENTION', `The stack could not be deleted completely. ${failure.message}`, {
      hint: `${failure.hint} Then tear the setup down again; what was already deleted stays deleted.`,
    });
  }
  yield { type: 'progress', step: 'Deleted', current: total, total };

  const leftAlone: LeftAlone[] = [];
  const deleted = [stackName];
  yield* cleanUpAfterStack(clients, physical, config, leftAlone, deleted, trustingRead);
  return { stackId, stackName, deleted, leftAlone };
}
