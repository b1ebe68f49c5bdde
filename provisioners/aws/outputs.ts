/** Stack outputs under the Terraform's names, which users paste into Studio. */
import type { Stack } from '@aws-sdk/client-cloudformation';
import { ProvisionError } from '../core/errors';
import type { AwsClients } from './clients';
import { describeStack, liveStack } from './stack';
import { OUTPUT_NAMES } from './template';
import type { AwsSetupOutputs } from './setup.schema';

const LISTS = new Set(['SubnetIds', 'SecurityGroupIds']);

export function outputsOf(stack: Stack): AwsSetupOutputs {
  const values = new Map((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  const result: Record<string, string | string[]> = { datachain_stack_id: stack.StackId ?? '' };
  const missing: string[] = [];
  for (const [key, name] of Object.entries(OUTPUT_NAMES)) {
    const value = values.get(key);
    if (value === undefined || value === '') {
      missing.push(key);
      continue;
    }
    result[name] = LISTS.has(key) ? value.split(',').filter(Boolean) : value;
  }
  if (missing.length) {
    throw new ProvisionError(
      'NOT_FOUND',
      `The stack ${stack.StackName} has no output${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`,
      {
        hint: 'The stack may not have been made by this app, or its last update failed; plan and deploy again.',
      },
    );
  }
  return result as unknown as AwsSetupOutputs;
}

/**
 * Read by stack id once it is known: a stack deleted since (and perhaps made again under the
 * same name by someone else) must not answer for the setup.
 */
export async function readOutputs(
  cfn: AwsClients['cloudformation'],
  target: string | { stackName: string; stackId?: string | undefined },
  signal?: AbortSignal,
): Promise<AwsSetupOutputs> {
  const { stackName, stackId } = typeof target === 'string' ? { stackName: target, stackId: undefined } : target;
  const stack = liveStack(await describeStack(cfn, stackId ?? stackName, signal));
  if (!stack)
    throw new ProvisionError('NOT_FOUND', `There is no stack called ${stackName} in this region.`, {
      hint: 'Check the region, or deploy the setup first.',
    });
  return outputsOf(stack);
}
