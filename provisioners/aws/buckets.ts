/**
 * Buckets: listed a page at a time (accounts may hold thousands), or checked one by one for names
 * typed in by hand. HeadBucket's "access denied" means the bucket exists and belongs to someone
 * else — a fact, not an error.
 */
import { GetBucketEncryptionCommand, HeadBucketCommand, ListBucketsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { KMSClient } from '@aws-sdk/client-kms';
import { describeKey } from './kms';
import type { BucketCheck, BucketPage } from './discovery.schema';

export async function listBucketsPage(
  s3: Pick<S3Client, 'send'>,
  options: { cursor?: string; prefix?: string; pageSize?: number; signal?: AbortSignal } = {},
): Promise<BucketPage> {
  const out = await s3.send(
    new ListBucketsCommand({
      MaxBuckets: options.pageSize ?? 1000,
      ...(options.cursor ? { ContinuationToken: options.cursor } : {}),
      ...(options.prefix ? { Prefix: options.prefix } : {}),
    }),
    { abortSignal: options.signal },
  );
  return {
    buckets: (out.Buckets ?? []).map((b) => ({
      name: b.Name ?? '',
      ...(b.BucketRegion ? { region: b.BucketRegion } : {}),
      ...(b.CreationDate ? { createdAt: b.CreationDate.toISOString() } : {}),
    })),
    ...(out.ContinuationToken ? { nextCursor: out.ContinuationToken } : {}),
  };
}

function regionOf(error: unknown): string | undefined {
  const headers = (error as { $response?: { headers?: Record<string, string> } }).$response?.headers ?? {};
  return headers['x-amz-bucket-region'];
}

export type S3ForRegion = (region: string) => Pick<S3Client, 'send'>;
export type KmsForRegion = (region: string) => Pick<KMSClient, 'send'>;

/** Does this bucket exist, where, is it ours, and is it encrypted with a customer key? */
export async function checkBucket(
  s3For: S3ForRegion,
  kmsFor: KmsForRegion,
  name: string,
  homeRegion: string,
  signal?: AbortSignal,
): Promise<BucketCheck> {
  let region: string | undefined;
  try {
    const head = await s3For(homeRegion).send(new HeadBucketCommand({ Bucket: name }), { abortSignal: signal });
    region =
      head.BucketRegion ??
      (head.$metadata as { httpHeaders?: Record<string, string> }).httpHeaders?.['x-amz-bucket-region'] ??
      homeRegion;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const name_ = (error as Error).name;
    if (status === 404 || name_ === 'NotFound' || name_ === 'NoSuchBucket')
      return { name, exists: false, access: 'none' };
    if (status === 403 || name_ === 'Forbidden' || name_ === 'AccessDenied') {
      const found = regionOf(error);
      return { name, exists: true, ...(found ? { region: found } : {}), access: 'elsewhere' };
    }
    if (status === 301 && regionOf(error)) {
      region = regionOf(error)!;
      await s3For(region).send(new HeadBucketCommand({ Bucket: name }), { abortSignal: signal });
    } else {
      throw error;
    }
  }
  const result: BucketCheck = { name, exists: true, region, access: 'yours' };
  try {
    const encryption = await s3For(region).send(new GetBucketEncryptionCommand({ Bucket: name }), {
      abortSignal: signal,
    });
    const rule = encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
    if (rule?.SSEAlgorithm?.startsWith('aws:kms')) {
      result.kms = rule.KMSMasterKeyID
        ? await describeKey(kmsFor(region), rule.KMSMasterKeyID, signal)
        : { managedBy: 'aws' };
    }
  } catch {
    // No default encryption configuration, or no permission to read it: nothing to flag.
  }
  return result;
}
