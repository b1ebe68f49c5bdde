/** Setups this app created, found by their tag in every region the account has enabled. */
import { DescribeStacksCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { MANAGED_BY_TAG, MANAGED_BY_VALUE } from './naming';

export interface SetupSummary {
  region: string;
  stackName: string;
  stackId: string;
  status: string;
  updatedAt?: string;
  description?: string;
}

async function setupsIn(cfn: Pick<CloudFormationClient, 'send'>, region: string, signal?: AbortSignal): Promise<SetupSummary[]> {
  const found: SetupSummary[] = [];
  let token: string | undefined;
  do {
    const page = await cfn.send(new DescribeStacksCommand({ NextToken: token }), { abortSignal: signal });
    for (const stack of page.Stacks ?? []) {
      if (!stack.Tags?.some((t) => t.Key === MANAGED_BY_TAG && t.Value === MANAGED_BY_VALUE)) continue;
      const updated = stack.LastUpdatedTime ?? stack.CreationTime;
      found.push({
        region,
        stackName: stack.StackName ?? '',
        stackId: stack.StackId ?? '',
        status: stack.StackStatus ?? 'UNKNOWN',
        ...(updated ? { updatedAt: updated.toISOString() } : {}),
        ...(stack.Description ? { description: stack.Description } : {}),
      });
    }
    token = page.NextToken;
  } while (token);
  return found;
}

/**
 * Look in every region, a few at a time. A region that cannot be read (an SCP, a disabled
 * region) is reported, not fatal.
 */
export async function findSetups(
  cfnFor: (region: string) => Pick<CloudFormationClient, 'send'>,
  regions: string[],
  signal?: AbortSignal,
): Promise<{ setups: SetupSummary[]; unreadable: { region: string; reason: string }[] }> {
  const setups: SetupSummary[] = [];
  const unreadable: { region: string; reason: string }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(6, regions.length) }, async () => {
      while (next < regions.length) {
        const region = regions[next++]!;
        try {
          setups.push(...(await setupsIn(cfnFor(region), region, signal)));
        } catch (error) {
          unreadable.push({ region, reason: (error as Error).name || (error as Error).message });
        }
      }
    }),
  );
  setups.sort((a, b) => a.region.localeCompare(b.region) || a.stackName.localeCompare(b.stackName));
  return { setups, unreadable: unreadable.sort((a, b) => a.region.localeCompare(b.region)) };
}
