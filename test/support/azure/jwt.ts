/** RS256 JWTs signed with a per-peer key: access tokens the ARM/Graph routes verify, and id tokens. */
import { createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

export interface Signer {
  kid: string;
  sign(claims: Record<string, unknown>): string;
  /** The claims of a token this signer issued, or undefined when the signature or expiry is wrong. */
  verify(token: string): Record<string, unknown> | undefined;
  jwk(): Record<string, unknown>;
}

const b64 = (value: Buffer | string) => Buffer.from(value).toString('base64url');

export function makeSigner(): Signer {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `peer-${Date.now().toString(36)}`;
  return {
    kid,
    sign(claims) {
      const header = b64(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid }));
      const payload = b64(JSON.stringify(claims));
      const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKey);
      return `${header}.${payload}.${b64(signature)}`;
    },
    verify(token) {
      const [header, payload, signature] = token.split('.');
      if (!header || !payload || !signature) return undefined;
      const ok = verify(
        'RSA-SHA256',
        Buffer.from(`${header}.${payload}`),
        publicKey,
        Buffer.from(signature, 'base64url'),
      );
      if (!ok) return undefined;
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) return undefined;
      return claims;
    },
    jwk: () => ({
      ...(createPublicKey(publicKey as KeyObject).export({ format: 'jwk' }) as object),
      kid,
      use: 'sig',
      alg: 'RS256',
    }),
  };
}
