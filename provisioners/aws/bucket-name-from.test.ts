import { describe, expect, it } from 'vitest';
import { BucketName, bucketNameFrom } from './schema';

describe('a bucket as people paste it', () => {
  it.each([
    ['my-data', 'my-data'],
    ['  my-data  ', 'my-data'],
    ['s3://my-data', 'my-data'],
    ['s3://my-data/some/prefix/file.parquet', 'my-data'],
    ['S3://my-data/', 'my-data'],
    ['arn:aws:s3:::my-data', 'my-data'],
    ['arn:aws:s3:::my-data/key/*', 'my-data'],
    ['arn:aws-cn:s3:::my-data', 'my-data'],
    ['https://my-data.s3.eu-north-1.amazonaws.com/key', 'my-data'],
    ['https://my-data.s3.amazonaws.com/', 'my-data'],
    ['https://my.dotted.bucket.s3-eu-west-1.amazonaws.com/', 'my.dotted.bucket'],
    ['https://s3.eu-north-1.amazonaws.com/my-data/key', 'my-data'],
    ['https://s3.amazonaws.com/my-data', 'my-data'],
  ])('%s names the bucket %s', (typed, bucket) => {
    expect(bucketNameFrom(typed)).toBe(bucket);
    expect(BucketName.safeParse(bucketNameFrom(typed)).success).toBe(true);
  });

  it('leaves anything else as typed, for the name check to explain', () => {
    expect(bucketNameFrom('https://example.com/my-data')).toBe('https://example.com/my-data');
    expect(BucketName.safeParse(bucketNameFrom('s3://')).success).toBe(false);
  });

  it('stays linear on a long pasted host', () => {
    const started = process.cpuUsage();
    bucketNameFrom(`https://${'a.'.repeat(1_000)}s3x.amazonaws.com/`);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(50);
  });
});
