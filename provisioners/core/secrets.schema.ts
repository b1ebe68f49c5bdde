/**
 * Secret references as Studio jobs take them: a job variable whose value names a secret in the
 * cloud's secret store and, for a JSON secret, the key inside it. The app never reads a value.
 */
import { z } from 'zod';

/** A job environment variable name, as Studio jobs accept it. */
export const EnvVarName = z
  .string()
  .max(128, 'is longer than 128 characters')
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'use letters, digits and underscores, not starting with a digit');

/** A key inside a JSON secret (empty when the secret is a plain string). */
export const SecretKey = z
  .string()
  .max(256, 'is longer than 256 characters')
  .regex(/^[^#\s]*$/, 'may not contain # or spaces');

/** The ready-to-paste job variable: NAME=<uri>#<KEY> (no #KEY for a plain-string secret). */
export function formatSecretReference(envName: string, uri: string, key: string): string {
  return `${envName}=${uri}${key ? `#${key}` : ''}`;
}

/** A job variable name for a secret: `prod/db-url` → `DB_URL`. */
export function suggestEnvName(name: string): string {
  const last = name.split('/').pop() ?? name;
  const env = last
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase()
    .slice(0, 100);
  return /^[A-Z_]/.test(env) ? env : `SECRET_${env}`;
}
