import { schemas } from '../api/validation';
import { problemWith } from '../lib/validation';

/**
 * Per granted secret, on every cloud: what is wrong with its job variable name (its shape, or
 * used twice) and its JSON key, as the secrets screens show them beside the fields.
 */
export function secretProblems(
  secrets: readonly { envName: string; key: string }[],
): { envName?: string; key?: string }[] {
  return secrets.map((s, i) => ({
    envName:
      problemWith(schemas().EnvVarName, s.envName) ??
      (secrets.findIndex((o) => o.envName === s.envName) !== i ? 'this variable name is used twice' : undefined),
    key: problemWith(schemas().SecretKey, s.key),
  }));
}
