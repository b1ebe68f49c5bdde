/** Setups this app created, found by their tag in every region the account has enabled. */
import { DescribeStacksCommand, type CloudFormationClient, type Stack } from '@aws-sdk/client-cloudformation';
import { MANAGED_BY_TAG, MANAGED_BY_VALUE } from './naming';
import type { AwsSetupSummary } from './setup.schema';
import { TEAM_TAG, TEMPLATE_DESCRIPTION_START } from './template';
import { isUnfinishedReview } from './unfinished-review';

/**
 * Ours: tagged by the app or by an admin's hand-off deploy, or made from our template some other
 * way (the console's quick-create cannot set tags): its description is the template's.
 */
function isOurs(stack: Stack): boolean {
  return (
    !!stack.Tags?.some((t) => t.Key === MANAGED_BY_TAG && t.Value === MANAGED_BY_VALUE) ||
    (stack.Description ?? '').startsWith(TEMPLATE_DESCRIPTION_START)
  );
}

async function setupsIn(
  cfn: Pick<CloudFormationClient, 'send'>,
  region: string,
  profile: string | undefined,
  signal?: AbortSignal,
): Promise<AwsSetupSummary[]> {
  const found: AwsSetupSummary[] = [];
  let token: string | undefined;
  do {
    const page = await cfn.send(new DescribeStacksCommand({ NextToken: token }), { abortSignal: signal });
    for (const stack of page.Stacks ?? []) {
      if (!isOurs(stack)) continue;
      const updated = stack.LastUpdatedTime ?? stack.CreationTime;
      const team = stack.Tags?.find((t) => t.Key === TEAM_TAG)?.Value;
      found.push({
        ref: {
          cloud: 'aws',
          ...(profile ? { profile } : {}),
          region,
          stackName: stack.StackName ?? '',
          ...(stack.StackId ? { stackId: stack.StackId } : {}),
        },
        ...(team ? { team } : {}),
        status: stack.StackStatus ?? 'UNKNOWN',
        ...(updated ? { updatedAt: updated.toISOString() } : {}),
        ...(stack.Description ? { description: stack.Description } : {}),
        ...(isUnfinishedReview(stack) ? { unfinishedReview: true as const } : {}),
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
  options: { profile?: string | undefined; signal?: AbortSignal | undefined } = {},
): Promise<{ setups: AwsSetupSummary[]; unreadable: { where: string; reason: string }[] }> {
  const setups: AwsSetupSummary[] = [];
  const unreadable: { where: string; reason: string }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(6, regions.length) }, async () => {
      while (next < regions.length) {
        const region = regions[next++]!;
        try {
          setups.push(...(await setupsIn(cfnFor(region), region, options.profile, options.signal)));
        } catch (error) {
          unreadable.push({ where: region, reason: (error as Error).name || (error as Error).message });
        }
      }
    }),
  );
  setups.sort((a, b) => a.ref.region.localeCompare(b.ref.region) || a.ref.stackName.localeCompare(b.ref.stackName));
  return { setups, unreadable: unreadable.sort((a, b) => a.where.localeCompare(b.where)) };
}
