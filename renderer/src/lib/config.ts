import type { Draft } from '@contract/schemas/draft';
import type { AwsSetupConfigInput } from '@contract/clouds/aws';
import { DEFAULT_COMPUTE_CREDENTIALS, DEFAULT_ISSUER, DEFAULT_STORAGE_CREDENTIALS } from '@contract/domain';

/**
 * The AWS setup config a draft describes (what setup.plan validates again in main). A KMS key
 * goes with the grant that needs it, and only when the user agreed to grant it.
 */
export function configFromDraft(draft: Draft): AwsSetupConfigInput {
  const aws = draft.aws ?? {};
  return {
    region: aws.region ?? '',
    zones: aws.zones ?? [],
    studio: {
      issuer: draft.studio.issuer ?? DEFAULT_ISSUER,
      team: draft.studio.team ?? '',
      computeCredentials: draft.studio.computeCredentials ?? DEFAULT_COMPUTE_CREDENTIALS,
      storageCredentials: draft.studio.storageCredentials ?? DEFAULT_STORAGE_CREDENTIALS,
    },
    namePrefix: draft.namePrefix,
    buckets: (aws.buckets ?? []).map((b) => ({
      name: b.name,
      ...(b.grantKms && b.kmsKeyArn ? { kmsKeyArn: b.kmsKeyArn } : {}),
    })),
    secrets: (aws.secrets ?? []).map((s) => ({
      arn: s.arn,
      envName: s.envName,
      key: s.key,
      ...(s.grantKms && s.kmsKeyArn ? { kmsKeyArn: s.kmsKeyArn } : {}),
    })),
    nodePools: draft.nodePools as AwsSetupConfigInput['nodePools'],
    tags: draft.tags,
  };
}
