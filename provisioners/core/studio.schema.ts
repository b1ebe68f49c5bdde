/**
 * The Studio connection, in every cloud: which Studio team owns the credentials, the names of the
 * two credentials entries, and the OIDC issuer whose tokens the cloud trusts. Pure zod: the
 * contract and the renderer use the same rules.
 */
import { z } from 'zod';

import { DEFAULT_COMPUTE_CREDENTIALS, DEFAULT_ISSUER, DEFAULT_STORAGE_CREDENTIALS } from './studio-defaults.schema';

export {
  DEFAULT_COMPUTE_CREDENTIALS,
  DEFAULT_ISSUER,
  DEFAULT_STORAGE_CREDENTIALS,
  DEFAULT_TEAM,
} from './studio-defaults.schema';

/** Studio names (team/user and credentials): no wildcards, slashes, colons, quotes or spaces. */
export const StudioName = z
  .string()
  .min(1, 'is empty')
  .max(100, 'is longer than 100 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'may contain only letters, digits, dots, hyphens and underscores, and must start with a letter or digit',
  );

/** The OIDC issuer as Studio publishes it: host and optional path, no scheme. */
export const IssuerHost = z
  .string()
  .max(300, 'is too long')
  .transform((value) =>
    value
      .trim()
      .replace(/^https:\/\//, '')
      .replace(/\/+$/, ''),
  )
  .pipe(
    z
      .string()
      .max(255, 'is too long')
      .regex(
        /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(\/[A-Za-z0-9._~-]+)*$/,
        'must be an https issuer host with an optional path, like studio.datachain.ai/api',
      ),
  );

export const StudioConnection = z.object({
  issuer: IssuerHost.default(DEFAULT_ISSUER),
  /** The Studio user or team that owns the credentials. */
  team: StudioName,
  computeCredentials: StudioName.default(DEFAULT_COMPUTE_CREDENTIALS),
  storageCredentials: StudioName.default(DEFAULT_STORAGE_CREDENTIALS),
});
export type StudioConnection = z.infer<typeof StudioConnection>;

/** The token subject Studio presents for a credentials entry of a team. */
export function subjectFor(team: string, credentials: string): string {
  return `credentials:${team}/${credentials}`;
}

/** The two subjects a setup trusts. */
export function subjectsOf(studio: Pick<StudioConnection, 'team' | 'computeCredentials' | 'storageCredentials'>): {
  compute: string;
  storage: string;
} {
  return {
    compute: subjectFor(studio.team, studio.computeCredentials),
    storage: subjectFor(studio.team, studio.storageCredentials),
  };
}

/** Optional prefix for every resource name; empty keeps the Terraform's names. */
export const NamePrefix = z
  .string()
  .max(20, 'is longer than 20 characters')
  .regex(
    /^([a-z]([a-z0-9-]{0,18}[a-z0-9])?)?$/,
    'must be empty, or 1 to 20 lowercase letters, digits and hyphens starting with a letter',
  );

/** A name prefix derived from a Studio team, for a second setup beside another team's. */
export function prefixFromTeam(team: string): string {
  return team
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 20)
    .replace(/-+$/, '');
}
