/** CloudFormation change sets: the plan the user reviews, and nothing changes until it is executed. */
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  waitForChangeSetCreateComplete,
  type Change,
  type CloudFormationClient,
  type DescribeChangeSetCommandOutput,
} from '@aws-sdk/client-cloudformation';
import { ProvisionError } from '../core/errors';
import type { Sleep } from '../core/poll';
import { awsErrorName, type AwsClients } from './clients';
import type { PlanRow } from './setup.schema';
import { reviewStackNow } from './unfinished-review';

export interface ChangeSetRef {
  id: string;
  name: string;
  stackName: string;
  stackId: string;
  type: 'CREATE' | 'UPDATE';
}

export interface CreateChangeSetInput {
  stackName: string;
  type: 'CREATE' | 'UPDATE';
  templateBody: string;
  tags: { Key: string; Value: string }[];
  description: string;
}

export type ChangeSetOutcome =
  { kind: 'changes'; ref: ChangeSetRef; rows: PlanRow[] } | { kind: 'no-changes'; stackId: string };

const NO_CHANGES = /didn't contain changes|No updates are to be performed/i;

export function rowsOf(changes: Change[]): PlanRow[] {
  return changes
    .map((c) => c.ResourceChange)
    .filter((rc): rc is NonNullable<Change['ResourceChange']> => !!rc)
    .map((rc) => ({
      action: (rc.Action ?? 'Modify') as PlanRow['action'],
      logicalId: rc.LogicalResourceId ?? '',
      resourceType: rc.ResourceType ?? '',
      ...(rc.PhysicalResourceId ? { physicalId: rc.PhysicalResourceId } : {}),
      ...(rc.Replacement ? { replacement: rc.Replacement as PlanRow['replacement'] } : {}),
      details: [
        ...new Set(
          (rc.Details ?? [])
            .map((d) => [d.Target?.Attribute, d.Target?.Name].filter(Boolean).join('.'))
            .filter(Boolean),
        ),
      ],
    }));
}

/**
 * CreateChangeSet, once. When the first answer is lost (a reset, a timeout), the SDK sends the
 * request again and CloudFormation answers that a change set of this name already exists: it is
 * the one the first request made (the name is ours, with a random part), so it is read by name.
 */
async function sendCreate(
  cfn: AwsClients['cloudformation'],
  name: string,
  input: CreateChangeSetInput,
  signal: AbortSignal | undefined,
): Promise<{ Id?: string | undefined; StackId?: string | undefined }> {
  try {
    return await cfn.send(
      new CreateChangeSetCommand({
        StackName: input.stackName,
        ChangeSetName: name,
        ChangeSetType: input.type,
        TemplateBody: input.templateBody,
        Capabilities: ['CAPABILITY_NAMED_IAM'],
        Tags: input.tags,
        Description: input.description,
        // A failed first deploy removes the new stack instead of leaving it in ROLLBACK_COMPLETE.
        ...(input.type === 'CREATE' ? { OnStackFailure: 'DELETE' as const } : {}),
      }),
      { abortSignal: signal },
    );
  } catch (error) {
    if (awsErrorName(error) !== 'AlreadyExistsException') throw error;
    const made = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: name, StackName: input.stackName }), {
      abortSignal: signal,
    });
    return { Id: made.ChangeSetId, StackId: made.StackId };
  }
}

/** Create a change set, wait until CloudFormation has computed it, and read it as rows. */
export async function createChangeSet(
  cfn: AwsClients['cloudformation'],
  input: CreateChangeSetInput,
  /** `sleep` is accepted for callers that pass one; the SDK's waiter does its own waiting. */
  options: { signal?: AbortSignal; sleep?: Sleep; name?: string } = {},
): Promise<ChangeSetOutcome> {
  const name =
    options.name ??
    `dcs-${new Date()
      .toISOString()
      .replace(/[-:.TZ]/g, '')
      .slice(0, 14)}-${Math.random().toString(36).slice(2, 8)}`;
  const created = await sendCreate(cfn, name, input, options.signal);
  const id = created.Id ?? name;
  const stackId = created.StackId ?? input.stackName;
  const target = { ChangeSetName: id, StackName: stackId };
  // The SDK's waiter: asks at once, then backs off between 1 and 5 s (a change set takes seconds).
  const waited = await waitForChangeSetCreateComplete(
    {
      client: cfn as CloudFormationClient,
      minDelay: 1,
      maxDelay: 5,
      maxWaitTime: CHANGE_SET_WAIT_S,
      ...(options.signal ? { abortSignal: options.signal } : {}),
    },
    target,
  );
  const described = waited.reason as DescribeChangeSetCommandOutput | Error | undefined;
  if (described instanceof Error) throw described;
  if (waited.state === 'SUCCESS' && described) {
    const changes = [...(described.Changes ?? [])];
    let token = described.NextToken;
    while (token) {
      const page = await cfn.send(new DescribeChangeSetCommand({ ...target, NextToken: token }), {
        abortSignal: options.signal,
      });
      changes.push(...(page.Changes ?? []));
      token = page.NextToken;
    }
    return {
      kind: 'changes',
      ref: { id, name, stackName: input.stackName, stackId, type: input.type },
      rows: rowsOf(changes),
    };
  }
  if (waited.state === 'ABORTED') throw Object.assign(new Error('The plan was cancelled.'), { name: 'AbortError' });
  await cfn.send(new DeleteChangeSetCommand(target), { abortSignal: options.signal }).catch(() => undefined);
  if (waited.state === 'FAILURE' && NO_CHANGES.test(described?.StatusReason ?? ''))
    return { kind: 'no-changes', stackId };
  const reason =
    waited.state === 'FAILURE'
      ? (described?.StatusReason ?? 'no reason given')
      : `it was not ready after ${CHANGE_SET_WAIT_S / 60} minutes`;
  throw new ProvisionError('DEPLOY_FAILED', `CloudFormation could not plan the change: ${reason}.`, {
    hint: 'Read the reason above; nothing was changed in your account.',
  });
}

/**
 * Whether CloudFormation has started executing a change set (or finished): an ExecuteChangeSet
 * whose answer was lost (a timeout, a dropped connection) may well have taken effect, and the SDK's
 * retry of it is then refused with InvalidChangeSetStatus. Undefined when it cannot be read.
 */
export async function executionStarted(
  cfn: AwsClients['cloudformation'],
  ref: ChangeSetRef,
  signal?: AbortSignal,
): Promise<boolean | undefined> {
  const described = await cfn
    .send(new DescribeChangeSetCommand({ ChangeSetName: ref.id, StackName: ref.stackId }), { abortSignal: signal })
    .catch(() => undefined);
  const status = described?.ExecutionStatus;
  if (!status) return undefined;
  return status === 'EXECUTE_IN_PROGRESS' || status === 'EXECUTE_COMPLETE' || status === 'EXECUTE_FAILED';
}

/** How long a change set may take to compute before the plan gives up on it. */
const CHANGE_SET_WAIT_S = 600;

/**
 * Throw a plan away: delete its change set, and the empty REVIEW_IN_PROGRESS stack a CREATE
 * change set made when no other change set is waiting on it. The stack is read again right
 * before it is deleted, and kept when it is no longer an empty review (a newer plan of it was
 * deployed meanwhile) or when an operation of this app holds it (`inUse`).
 */
export async function discardChangeSet(
  cfn: AwsClients['cloudformation'],
  ref: ChangeSetRef,
  options: { signal?: AbortSignal; inUse?: (stackId: string) => boolean } = {},
): Promise<void> {
  const { signal } = options;
  await cfn
    .send(new DeleteChangeSetCommand({ ChangeSetName: ref.id, StackName: ref.stackId }), { abortSignal: signal })
    .catch(() => undefined);
  if (ref.type !== 'CREATE' || options.inUse?.(ref.stackId)) return;
  const now = await reviewStackNow(cfn, ref.stackId, {
    ...(signal ? { signal } : {}),
    except: ref.id,
    keepIfPending: true,
  }).catch(() => 'kept' as const);
  if (now !== 'empty' || options.inUse?.(ref.stackId)) return;
  await cfn.send(new DeleteStackCommand({ StackName: ref.stackId }), { abortSignal: signal }).catch(() => undefined);
}
