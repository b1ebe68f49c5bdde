import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIssuer, type TestIssuer } from '../../test/support/tls-issuer';
import { checkIssuer, peerChain, sha1 } from './issuer';

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
});
