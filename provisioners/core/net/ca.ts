/**
 * The certificate authorities AWS calls trust. Node already adds NODE_EXTRA_CA_CERTS to its own
 * store at start-up; AWS_CA_BUNDLE (the AWS CLI's variable, which the JavaScript SDK v3 does not
 * read by itself) is added here. Passing `ca` replaces Node's store, so the bundle comes with the
 * public roots and the extra certificates, never instead of them.
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { ProvisionError } from '../errors';

type Env = Readonly<Record<string, string | undefined>>;

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function certificatesIn(file: string, variable: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ProvisionError('INVALID_CONFIG', `${variable} names ${file}, which cannot be read.`, {
      hint: `Point ${variable} at a PEM file of your company's certificate authority, or unset it.`,
    });
  }
  const found = text.match(PEM) ?? [];
  if (!found.length)
    throw new ProvisionError('INVALID_CONFIG', `${variable} names ${file}, which holds no PEM certificate.`, {
      hint: `Point ${variable} at a PEM file (-----BEGIN CERTIFICATE-----), or unset it.`,
    });
  return found;
}

/** The `ca` list for AWS connections, or undefined when Node's own store is what to use. */
export function awsTrustedCas(env: Env): string[] | undefined {
  const bundle = env.AWS_CA_BUNDLE?.trim();
  if (!bundle) return undefined;
  const extra = env.NODE_EXTRA_CA_CERTS?.trim();
  return [
    ...rootCertificates,
    ...(extra ? certificatesIn(extra, 'NODE_EXTRA_CA_CERTS') : []),
    ...certificatesIn(bundle, 'AWS_CA_BUNDLE'),
  ];
}
