import type { Draft } from '@contract/schemas/draft';
import type { AwsSetupConfigInput } from '../../../provisioners/aws/schema';

/** The setup config a draft describes (what aws.setup.plan validates again in main). */
export function configFromDraft(draft: Draft): AwsSetupConfigInput {
  const aws = draft.aws ?? {};
  const kmsKeys = [
    ...(aws.buckets ?? []).filter((b) => b.grantKms && b.kmsKeyArn).map((b) => b.kmsKeyArn!),
    ...(aws.secrets ?? []).filter((s) => s.grantKms && s.kmsKeyArn).map((s) => s.kmsKeyArn!),
  ];
  return {
    region: aws.region ?? '',
    zones: aws.zones ?? [],
    studio: {
      issuer: aws.studio?.issuer ?? 'studio.datachain.ai/api',
      team: aws.studio?.team ?? '',
      computeCredentials: aws.studio?.computeCredentials ?? 'datachain-compute',
      storageCredentials: aws.studio?.storageCredentials ?? 'datachain-storage',
    },
    namePrefix: aws.namePrefix ?? '',
    buckets: (aws.buckets ?? []).map((b) => b.name),
    secrets: (aws.secrets ?? []).map((s) => s.arn),
    kmsKeys: [...new Set(kmsKeys)],
    tags: aws.tags ?? {},
  };
}
