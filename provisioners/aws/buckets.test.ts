import { S3Client } from '@aws-sdk/client-s3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBucket } from './buckets';

/**
 * S3's answer for a bucket that exists in another account: HeadBucket 403, with the bucket's
 * region in x-amz-bucket-region "whether access to the bucket is authorized or not" (moto does not
 * enforce cross-account access, so this is a local endpoint that answers as S3 does).
 */
describe('a bucket owned elsewhere', () => {
  let server: Server;
  let endpoint: string;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.method === 'HEAD' && req.url?.startsWith('/someone-elses-bucket')) {
        res.writeHead(403, { 'x-amz-bucket-region': 'eu-west-3', 'x-amz-request-id': 'R1' });
        return res.end();
      }
      res.writeHead(404, { 'content-type': 'application/xml' });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  const s3 = () =>
    new S3Client({
      region: 'eu-north-1',
      endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
  const noKms = () => ({
    send: async () => {
      throw new Error('not asked');
    },
  });

  it('exists, in its region, but is not ours — a fact, not an error', async () => {
    expect(await checkBucket(s3, noKms, 'someone-elses-bucket', 'eu-north-1')).toEqual({
      name: 'someone-elses-bucket',
      exists: true,
      region: 'eu-west-3',
      access: 'elsewhere',
    });
    // Its encryption is not asked about: the bucket is not readable with these credentials.
    expect(seen.filter((r) => r.includes('encryption'))).toEqual([]);
  });

  it('a 404 means the name is free', async () => {
    expect(await checkBucket(s3, noKms, 'nobody-has-this', 'eu-north-1')).toEqual({
      name: 'nobody-has-this',
      exists: false,
      access: 'none',
    });
  });
});
