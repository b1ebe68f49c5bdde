/** Customer-managed KMS keys behind SSE-KMS buckets and secrets: the storage role needs them too. */
import { DescribeKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { KeyInfo } from './discovery.schema';

const AWS_MANAGED_ALIAS = /^(alias\/)?aws\//;

export async function describeKey(kms: Pick<KMSClient, 'send'>, keyId: string, signal?: AbortSignal): Promise<KeyInfo> {
  if (AWS_MANAGED_ALIAS.test(keyId) || /:alias\/aws\//.test(keyId)) return { managedBy: 'aws' };
  try {
    const out = await kms.send(new DescribeKeyCommand({ KeyId: keyId }), { abortSignal: signal });
    const metadata = out.KeyMetadata;
    return {
      ...(metadata?.Arn ? { arn: metadata.Arn } : {}),
      managedBy: metadata?.KeyManager === 'AWS' ? 'aws' : 'customer',
    };
  } catch (error) {
    const arn = keyId.startsWith('arn:') && keyId.includes(':key/') ? keyId : undefined;
    return {
      ...(arn ? { arn } : {}),
      managedBy: arn ? 'customer' : 'unknown',
      problem: `could not read the key (${(error as Error).name})`,
    };
  }
}
