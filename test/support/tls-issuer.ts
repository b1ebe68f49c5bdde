/**
 * A local OpenID Connect issuer over real TLS with a three-level chain (root → intermediate →
 * leaf), made with openssl, for thumbprint and issuer-check tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ConnectionOptions } from 'node:tls';

export interface TestIssuer {
  host: string;
  port: number;
  rootPem: string;
  /** SHA-1 of each certificate's DER, computed by openssl (not by the code under test). */
  sha1: { root: string; intermediate: string; leaf: string };
  connectOptions(host: string): ConnectionOptions;
  close(): Promise<void>;
}

function openssl(dir: string, args: string[]): string {
  return execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function fingerprint(dir: string, pem: string): string {
  const out = openssl(dir, ['x509', '-in', pem, '-noout', '-fingerprint', '-sha1']);
  return out.split('=')[1]!.trim().replaceAll(':', '').toLowerCase();
}

export function makeChain(host: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dcs-tls-'));
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  writeFileSync(path.join(dir, 'ca.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n');
  writeFileSync(
    path.join(dir, 'leaf.ext'),
    `subjectAltName=DNS:${host},DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`,
  );
  openssl(dir, [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'root.key',
    '-out',
    'root.pem',
    '-days',
    '3',
    '-subj',
    '/O=DCS Test Root/CN=DCS Test Root',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl(dir, [
    'req',
    ...ec,
    '-keyout',
    'int.key',
    '-out',
    'int.csr',
    '-subj',
    '/O=DCS Test Intermediate/CN=DCS Test Intermediate',
  ]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'int.csr',
    '-CA',
    'root.pem',
    '-CAkey',
    'root.key',
    '-CAcreateserial',
    '-out',
    'int.pem',
    '-days',
    '3',
    '-extfile',
    'ca.ext',
  ]);
  openssl(dir, ['req', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', `/CN=${host}`]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'leaf.csr',
    '-CA',
    'int.pem',
    '-CAkey',
    'int.key',
    '-CAcreateserial',
    '-out',
    'leaf.pem',
    '-days',
    '3',
    '-extfile',
    'leaf.ext',
  ]);
  const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
  return {
    dir,
    rootPem: read('root.pem'),
    key: read('leaf.key'),
    certChain: read('leaf.pem') + read('int.pem'),
    sha1: {
      root: fingerprint(dir, 'root.pem'),
      intermediate: fingerprint(dir, 'int.pem'),
      leaf: fingerprint(dir, 'leaf.pem'),
    },
  };
}

/** Serve `/<path>/.well-known/openid-configuration` for `https://<host>/<path>` on 127.0.0.1. */
export async function startTestIssuer(
  options: {
    host?: string;
    path?: string;
    claimedIssuer?: string;
    /** The discovery document's jwks_uri (defaults to the issuer's own https URL). */
    jwksUri?: string;
    /** Answer one byte every this many milliseconds (a trickling server). */
    trickleMs?: number;
  } = {},
): Promise<TestIssuer> {
  const host = options.host ?? 'issuer.test';
  const base = options.path ?? '/api';
  const chain = makeChain(host);
  const server: Server = createServer({ key: chain.key, cert: chain.certChain }, (req, res) => {
    if (req.url === `${base}/.well-known/openid-configuration`) {
      res.writeHead(200, { 'content-type': 'application/json' });
      const body = JSON.stringify({
        issuer: options.claimedIssuer ?? `https://${host}${base}`,
        jwks_uri: options.jwksUri ?? `https://${host}${base}/.well-known/jwks.json`,
        response_types_supported: ['id_token'],
      });
      if (!options.trickleMs) return void res.end(body);
      let sent = 0;
      const drip = setInterval(() => {
        if (res.destroyed || sent >= body.length) {
          clearInterval(drip);
          return void res.end();
        }
        res.write(body[sent++]);
      }, options.trickleMs);
      res.on('close', () => clearInterval(drip));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    host,
    port,
    rootPem: chain.rootPem,
    sha1: chain.sha1,
    connectOptions: (h) => ({ host: '127.0.0.1', port, servername: h, ca: [chain.rootPem] }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
