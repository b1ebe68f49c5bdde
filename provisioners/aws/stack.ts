/** Reading a stack and classifying its status into what the user can do next. */
import {
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
  type Stack,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { awsErrorName, type AwsClients } from './clients';

export async function describeStack(
  cfn: AwsClients['cloudformation'],
  stackName: string,
  signal?: AbortSignal,
): Promise<Stack | undefined> {
  try {
    const out = await cfn.send(new DescribeStacksCommand({ StackName: stackName }), { abortSignal: signal });
    return out.Stacks?.[0];
  } catch (error) {
    if (awsErrorName(error) === 'ValidationError' && /does not exist/i.test((error as Error).message)) return undefined;
    throw error;
  }
}

/** The stack unless it is deleted (read by id, a deleted stack still answers, as DELETE_COMPLETE). */
export function liveStack(stack: Stack | undefined): Stack | undefined {
  return stack && stack.StackStatus !== 'DELETE_COMPLETE' ? stack : undefined;
}

export async function stackResources(
  cfn: AwsClients['cloudformation'],
  stackName: string,
  signal?: AbortSignal,
): Promise<StackResourceSummary[]> {
  // Not the SDK's paginator: it accepts only a real client instance, and clients here are injected.
  const resources: StackResourceSummary[] = [];
  let token: string | undefined;
  do {
    const page = await cfn.send(new ListStackResourcesCommand({ StackName: stackName, NextToken: token }), {
      abortSignal: signal,
    });
    resources.push(...(page.StackResourceSummaries ?? []));
    token = page.NextToken;
  } while (token);
  return resources;
}

export async function deployedTemplate(
  cfn: AwsClients['cloudformation'],
  stackName: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const out = await cfn.send(new GetTemplateCommand({ StackName: stackName, TemplateStage: 'Original' }), {
    abortSignal: signal,
  });
  const body = out.TemplateBody as unknown;
  return body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
}

/** What a stack's status means for the next action. */
export type StackCondition =
  | { kind: 'absent' }
  | { kind: 'review'; status: string; stackId: string }
  | { kind: 'ready'; status: string; stackId: string }
  | { kind: 'busy'; status: string; stackId: string }
  | { kind: 'failed-create'; status: string; stackId: string }
  | { kind: 'update-rollback-failed'; status: string; stackId: string }
  | { kind: 'update-failed'; status: string; stackId: string }
  | { kind: 'delete-failed'; status: string; stackId: string };

const READY = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE',
]);

export function classifyStack(stack: Stack | undefined): StackCondition {
  if (!stack?.StackStatus || stack.StackStatus === 'DELETE_COMPLETE') return { kind: 'absent' };
  const status = stack.StackStatus;
  const stackId = stack.StackId ?? '';
  if (READY.has(status)) return { kind: 'ready', status, stackId };
  if (status === 'REVIEW_IN_PROGRESS') return { kind: 'review', status, stackId };
  if (status.endsWith('_IN_PROGRESS')) return { kind: 'busy', status, stackId };
  if (status === 'ROLLBACK_COMPLETE' || status === 'CREATE_FAILED') return { kind: 'failed-create', status, stackId };
  if (status === 'UPDATE_ROLLBACK_FAILED') return { kind: 'update-rollback-failed', status, stackId };
  if (status === 'UPDATE_FAILED') return { kind: 'update-failed', status, stackId };
  return { kind: 'delete-failed', status, stackId };
}

/** The one next step for a stack that cannot take a change set, in words and as an action id. */
export function nextStepFor(
  condition: StackCondition,
  stackName: string,
): { action: string; message: string; hint: string } | undefined {
  switch (condition.kind) {
    case 'busy':
      return {
        action: 'wait',
        message: `The stack ${stackName} is busy (${condition.status}).`,
        hint: 'Wait until its current operation finishes (the dashboard can follow it), then plan again.',
      };
    case 'failed-create':
      return {
        action: 'remove-failed-stack',
        message: `An earlier attempt to create ${stackName} failed and left an empty stack (${condition.status}) that CloudFormation cannot update.`,
        hint: 'Remove the failed stack (nothing in it is in use), then plan again.',
      };
    case 'update-rollback-failed':
      return {
        action: 'continue-rollback',
        message: `The stack ${stackName} could not roll back a failed update (UPDATE_ROLLBACK_FAILED).`,
        hint: 'Continue the rollback (the app can do it) once the resource that blocked it is fixed, then plan again.',
      };
    case 'update-failed':
      return {
        action: 'rollback',
        message: `The last update of ${stackName} failed and was not rolled back (UPDATE_FAILED).`,
        hint: 'Roll the stack back to its last working state, then plan again.',
      };
    case 'delete-failed':
      return {
        action: 'delete-stack',
        message: `The stack ${stackName} is in ${condition.status}.`,
        hint: 'Tear the setup down again; resources that still cannot be deleted will be named.',
      };
    default:
      return undefined;
  }
}
