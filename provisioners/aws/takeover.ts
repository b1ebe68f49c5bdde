/**
 * Ownership safety on AWS (core/takeover.ts): the grants a plan drops that nobody asked to
 * revoke are buckets and secrets. Pure: compares the deployed record with the plan.
 */
import type { Revoking, Takeover } from '../core/setup.schema';
import { takeoverOfStudio } from '../core/takeover';
import { secretNameOf, type AwsSetupConfig } from './schema';

export function takeoverOf(
  deployed: AwsSetupConfig,
  next: AwsSetupConfig,
  revoking: Revoking = { buckets: [], secrets: [] },
): Takeover | undefined {
  const keptBuckets = new Set(next.buckets.map((b) => b.name));
  const keptSecrets = new Set(next.secrets.map((s) => s.arn));
  const removedGrants = [
    ...deployed.buckets
      .map((b) => b.name)
      .filter((name) => !keptBuckets.has(name) && !revoking.buckets.includes(name))
      .map((b) => `the bucket ${b}`),
    ...deployed.secrets
      .map((s) => s.arn)
      .filter((arn) => !keptSecrets.has(arn) && !revoking.secrets.includes(arn))
      .map((arn) => `the secret ${secretNameOf(arn)}`),
  ];
  return takeoverOfStudio(deployed.studio, next.studio, removedGrants);
}
