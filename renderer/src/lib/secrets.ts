/** Naming helpers for Secrets Manager secrets (never their values). */

/** A secret's name from its ARN, without the six-character suffix Secrets Manager appends. */
export function secretNameOf(arn: string): string {
  return arn.split(':secret:')[1]?.replace(/-[A-Za-z0-9]{6}$/, '') ?? arn;
}

/** A job variable name for a secret: `prod/db-url` → `DB_URL`. */
export function suggestEnvName(name: string): string {
  const last = name.split('/').pop() ?? name;
  const env = last.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase();
  return /^[A-Z_]/.test(env) ? env : `SECRET_${env}`;
}
