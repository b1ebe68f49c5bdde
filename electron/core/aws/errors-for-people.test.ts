/**
 * What the real SDK throws when something other than a healthy AWS answers, and what people are
 * shown for it: never the SDK's, OpenSSL's or Node's own text.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toApiError } from '../errors';
import { awsErrorToApiError } from '../../../provisioners/aws/errors';

const RAW =
  /UnknownError|Deserialization|is not expected|wrong version number|ssl3_get_record|ENOTFOUND|fetch failed|\$response/;

describe('AWS errors people can read', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url?.startsWith('/html')) {
        res.writeHead(req.url === '/html/502' ? 502 : 200, { 'content-type': 'text/html' });
        return void res.end(
          '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Guest Wi-Fi</title></head>' +
            '<body><form>Sign in<br><input name=x></form></body></html>',
        );
      }
      res.writeHead(503);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function failureOf(endpoint: string): Promise<unknown> {
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint,
      maxAttempts: 1,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    try {
      await sts.send(new GetCallerIdentityCommand({}));
    } catch (error) {
      return error;
    } finally {
      sts.destroy();
    }
    throw new Error('the call succeeded');
  }

  const shown = (error: unknown) => toApiError(error, [awsErrorToApiError]);

  it('a 503 without a body', async () => {
    const error = await failureOf(`http://127.0.0.1:${port}/`);
    const shape = shown(error);
    expect(shape.code).toBe('CLOUD_ERROR');
    expect(shape.message).toBe('AWS could not answer the request right now (HTTP 503, without an explanation).');
    expect(JSON.stringify(shape)).not.toMatch(RAW);
  });

  it('a proxy or captive portal answering HTML', async () => {
    for (const page of ['/html/200', '/html/502']) {
      const error = await failureOf(`http://127.0.0.1:${port}${page}`);
      const shape = shown(error);
      expect(shape.code, `${page}: ${(error as Error).message}`).toBe('CLOUD_UNREACHABLE');
      expect(shape.message).toBe('An answer came back that is not from AWS.');
      expect(JSON.stringify(shape)).not.toMatch(RAW);
    }
  });

  it('TLS spoken to a plain HTTP server (OpenSSL: wrong version number)', async () => {
    const shape = shown(await failureOf(`https://127.0.0.1:${port}/`));
    expect(shape.code).toBe('CLOUD_UNREACHABLE');
    expect(shape.message).toBe('A secure connection to AWS could not be made.');
    expect(JSON.stringify(shape)).not.toMatch(RAW);
  });

  it('a host name that does not resolve, and fetch failing', async () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND sts.example.invalid'), { code: 'ENOTFOUND' });
    expect(shown(dns)).toMatchObject({
      code: 'CLOUD_UNREACHABLE',
      message: 'The cloud could not be reached: its host name does not resolve.',
    });
    const fetchFailed = new TypeError('fetch failed', { cause: new Error('other socket error') });
    expect(shown(fetchFailed)).toMatchObject({ code: 'CLOUD_UNREACHABLE', message: 'The cloud could not be reached.' });
    expect(JSON.stringify([shown(dns), shown(fetchFailed)])).not.toMatch(RAW);
  });

  it('the no-credentials hint has no markdown backticks to show literally', () => {
    const error = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    const shape = shown(error);
    expect(shape.code).toBe('NO_CREDENTIALS');
    expect(shape.details?.hint).toContain('aws configure');
    expect(shape.details?.hint).not.toContain('`');
  });
});
