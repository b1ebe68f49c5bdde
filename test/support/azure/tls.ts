/**
 * A throwaway test root CA and one server certificate for the three Azure hosts (plus localhost),
 * made with openssl in a temp dir. Clients trust `rootPem` (NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE,
 * or `tlsOptions.ca`); nothing is installed system-wide.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const AZURE_HOSTS = ['login.microsoftonline.com', 'management.azure.com', 'graph.microsoft.com'] as const;
export type AzureHost = (typeof AZURE_HOSTS)[number];

export interface PeerCertificates {
  /** Temp dir holding root.pem (and the keys); removed by `dispose`. */
  dir: string;
  rootPem: string;
  rootPemPath: string;
  key: string;
  cert: string;
  dispose(): void;
}

export function makePeerCertificates(): PeerCertificates {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dcs-azure-peer-'));
  const openssl = (args: string[]) =>
    execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const sans = [...AZURE_HOSTS.map((h) => `DNS:${h}`), 'DNS:localhost', 'IP:127.0.0.1'].join(',');
  writeFileSync(
    path.join(dir, 'leaf.ext'),
    [
      `subjectAltName=${sans}`,
      'extendedKeyUsage=serverAuth',
      'keyUsage=critical,digitalSignature',
      'basicConstraints=critical,CA:FALSE',
      'subjectKeyIdentifier=hash',
      'authorityKeyIdentifier=keyid',
      '',
    ].join('\n'),
  );
  openssl([
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
    '/O=DCS Azure Test Root/CN=DCS Azure Test Root',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-addext',
    'subjectKeyIdentifier=hash',
  ]);
  openssl(['req', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=management.azure.com']);
  openssl([
    'x509',
    '-req',
    '-in',
    'leaf.csr',
    '-CA',
    'root.pem',
    '-CAkey',
    'root.key',
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
    rootPemPath: path.join(dir, 'root.pem'),
    key: read('leaf.key'),
    cert: read('leaf.pem'),
    // az (or a credential running it) may still be writing its config dir: retry ENOTEMPTY/EBUSY.
    dispose: () => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }),
  };
}
