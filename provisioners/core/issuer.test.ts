import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIssuer, type TestIssuer } from '../../test/support/tls-issuer';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkIssuer, describeIssuerFailure, peerChain, sha1 } from './issuer';

describe('OIDC issuer thumbprints', () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(async () => issuer.close());

  it('reads the chain the server presents, up to the trusted root', async () => {
    const chain = await peerChain(issuer.host, { connectOptions: issuer.connectOptions });
    expect(chain.map((c) => sha1(c.raw))).toEqual([issuer.sha1.leaf, issuer.sha1.intermediate, issuer.sha1.root]);
  });

  it('takes the top intermediate and the root (as openssl computes them), never the leaf', async () => {
    const check = await checkIssuer(`${issuer.host}/api`, { connectOptions: issuer.connectOptions });
    expect(check.thumbprints).toEqual([issuer.sha1.intermediate, issuer.sha1.root]);
    expect(check.thumbprints).not.toContain(issuer.sha1.leaf);
    expect(check.jwksUri).toBe(`https://${issuer.host}/api/.well-known/jwks.json`);
    expect(check.hosts).toEqual([issuer.host]);
    expect(check.authorities).toEqual([{ host: issuer.host, subject: 'DCS Test Root', selfSigned: true }]);
  });

  it('refuses an issuer whose discovery document names another issuer', async () => {
    const liar = await startTestIssuer({ claimedIssuer: 'https://somewhere.else/api' });
    try {
      await expect(checkIssuer(`${liar.host}/api`, { connectOptions: liar.connectOptions })).rejects.toThrow(
        /is not an OpenID Connect issuer/,
      );
    } finally {
      await liar.close();
    }
  });

  it('says when the discovery document cannot be read', async () => {
    await expect(checkIssuer(`${issuer.host}/nope`, { connectOptions: issuer.connectOptions })).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      fields: [{ path: 'studio.issuer', message: 'discovery document not reachable' }],
    });
  });

  it('does not trust a chain it cannot verify', async () => {
    await expect(
      peerChain(issuer.host, { connectOptions: (h) => ({ ...issuer.connectOptions(h), ca: undefined }) }),
    ).rejects.toThrow(/certificate/);
  });

  it(
    'refuses a jwks_uri that is not a URL, or not https, with a message and no INTERNAL',
    { timeout: 30_000 },
    async () => {
      for (const [jwksUri, field, text] of [
        ['keys please', 'jwks_uri is not a URL', /jwks_uri that is not a URL/],
        ['http://issuer.test/keys', 'jwks_uri is not https', /not served over HTTPS/],
      ] as const) {
        const odd = await startTestIssuer({ jwksUri });
        try {
          const check = checkIssuer(`${odd.host}/api`, { connectOptions: odd.connectOptions });
          await expect(check).rejects.toMatchObject({ code: 'INVALID_CONFIG', fields: [{ message: field }] });
          await expect(check).rejects.toThrow(text);
        } finally {
          await odd.close();
        }
      }
    },
  );

  it('gives up on a server that trickles its answer, at the overall deadline', { timeout: 30_000 }, async () => {
    const slow = await startTestIssuer({ trickleMs: 150 });
    try {
      const started = Date.now();
      // Each byte comes well within the idle timeout: only the overall deadline can end this.
      const check = checkIssuer(`${slow.host}/api`, {
        connectOptions: slow.connectOptions,
        timeoutMs: 1_000,
        deadlineMs: 1_500,
      });
      await expect(check).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
      await expect(check).rejects.toThrow(/did not answer in time/);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await slow.close();
    }
  });

  it('says what failed in words for people, never Node or OpenSSL texts', { timeout: 30_000 }, async () => {
    // A plain HTTP server where HTTPS was expected: OpenSSL says "wrong version number".
    const plain = createServer((_req, res) => res.end('hello'));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const port = (plain.address() as AddressInfo).port;
    try {
      const check = checkIssuer('plain.test/api', {
        connectOptions: (h) => ({ host: '127.0.0.1', port, servername: h }),
      });
      await expect(check).rejects.toThrow(/does not speak HTTPS on port 443/);
      await expect(check).rejects.not.toThrow(/wrong version number|ssl3_get_record|ERR_SSL/i);
    } finally {
      await new Promise<void>((resolve) => plain.close(() => resolve()));
    }
    const refused = checkIssuer('closed.test/api', {
      connectOptions: (h) => ({ host: '127.0.0.1', port, servername: h }),
    });
    await expect(refused).rejects.toThrow(/nothing accepts connections on port 443/);
    expect(describeIssuerFailure(Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }))).toBe(
      'the host name does not resolve',
    );
    expect(describeIssuerFailure(new TypeError('fetch failed'))).toBe('the connection failed');
  });
});
