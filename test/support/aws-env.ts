import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';

const AWS_VARS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ENDPOINT_URL',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
];

/**
 * Give a test its own AWS world: moto as the endpoint, private config/credentials files, and no
 * credentials from the machine running the tests. The SDK reads process.env, so we stub it.
 */
export async function isolatedAws(motoUrl: string, files: { config?: string; credentials?: string } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dcs-aws-'));
  const config = path.join(dir, 'config');
  const credentials = path.join(dir, 'credentials');
  await writeFile(config, files.config ?? '');
  await writeFile(credentials, files.credentials ?? '');
  for (const name of AWS_VARS) vi.stubEnv(name, undefined);
  vi.stubEnv('AWS_ENDPOINT_URL', motoUrl);
  vi.stubEnv('AWS_CONFIG_FILE', config);
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', credentials);
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  return { dir, config, credentials };
}

export const TEST_KEYS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
