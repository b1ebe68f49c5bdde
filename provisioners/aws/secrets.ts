/** Secrets Manager: list names, ARNs and keys — never values — a page at a time, in any region. */
import { ListSecretsCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretPage } from './discovery.schema';

export async function listSecretsPage(
  sm: Pick<SecretsManagerClient, 'send'>,
  options: { cursor?: string; namePrefix?: string; pageSize?: number; signal?: AbortSignal } = {},
): Promise<SecretPage> {
  const out = await sm.send(
    new ListSecretsCommand({
      MaxResults: Math.min(100, options.pageSize ?? 100),
      ...(options.cursor ? { NextToken: options.cursor } : {}),
      ...(options.namePrefix ? { Filters: [{ Key: 'name', Values: [options.namePrefix] }] } : {}),
    }),
    { abortSignal: options.signal },
  );
  return {
    secrets: (out.SecretList ?? [])
      .filter((s) => s.ARN && s.Name)
      .map((s) => ({
        name: s.Name!,
        arn: s.ARN!,
        ...(s.Description ? { description: s.Description } : {}),
        ...(s.KmsKeyId ? { kmsKeyId: s.KmsKeyId } : {}),
        customerKey: !!s.KmsKeyId && !/(^|:)alias\/aws\/secretsmanager$/.test(s.KmsKeyId),
        ...(s.LastChangedDate ? { lastChangedAt: s.LastChangedDate.toISOString() } : {}),
      })),
    ...(out.NextToken ? { nextCursor: out.NextToken } : {}),
  };
}
