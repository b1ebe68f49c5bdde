import { schemas } from '../../api/validation';
import { problemWith } from '../../lib/validation';
import type { AppState } from '../../store';
import { secretProblems } from '../secret-problems';

/*
 * What the AWS steps read from the store, and the predicates built on it. Pure functions of the
 * state (no React, no screens), so they are unit-tested directly. The predicates read the draft
 * through the selectors just below only: when a field moves in the draft, only a selector changes.
 */

type DraftAws = NonNullable<AppState['draft']['aws']>;
type Studio = AppState['draft']['studio'];
type Secret = NonNullable<DraftAws['secrets']>[number];

// Selectors ---------------------------------------------------------------------------------
export const selectStudio = (s: AppState): Studio => s.draft.studio ?? {};
export const selectNamePrefix = (s: AppState): string => s.draft.namePrefix ?? '';
export const selectNodePools = (s: AppState): readonly unknown[] => s.draft.nodePools ?? [];
export const selectRegion = (s: AppState): string => s.draft.aws?.region ?? '';
export const selectZones = (s: AppState): readonly string[] => s.draft.aws?.zones ?? [];
export const selectSecrets = (s: AppState): readonly Secret[] => s.draft.aws?.secrets ?? [];

// Values the screens compute the same way ---------------------------------------------------
/** The issuer as checked (host and path, no scheme), or undefined while it is not well-formed. */
export function normalizedIssuer(issuer: string): string | undefined {
  return problemWith(schemas().IssuerHost, issuer) ? undefined : schemas().IssuerHost.parse(issuer);
}

/** The key the node-pool check is stored under (NodePoolsSection asks for the check with the same key). */
export function poolsCheckKey(region: string, zones: readonly string[], pools: readonly unknown[]): string {
  return JSON.stringify({ region, zones, pools });
}

const poolsValidity = new WeakMap<object, boolean>();
/** Whether the pools pass the schema (remembered per pools array: the predicate runs on every store change). */
function poolsValid(pools: readonly unknown[]): boolean {
  let valid = poolsValidity.get(pools);
  if (valid === undefined) poolsValidity.set(pools, (valid = schemas().AwsNodePools.safeParse(pools).success));
  return valid;
}

// When a step applies --------------------------------------------------------------------
/** The sign-in step: while there is no identity yet, or while the user is on it (to choose other credentials). */
export function signInApplies(s: AppState): boolean {
  return s.identity.status !== 'ready' || s.draft.step === 'signin';
}

// Predicates: why Next is disabled ----------------------------------------------------------
export function signInBlocked(s: AppState): string | undefined {
  return s.identity.status === 'ready' ? undefined : 'Sign in first';
}

export function studioBlocked(s: AppState): string | undefined {
  const studio = selectStudio(s);
  const team = studio.team ?? '';
  const compute = studio.computeCredentials ?? '';
  const storage = studio.storageCredentials ?? '';
  const issuer = studio.issuer ?? '';
  if (!team) return 'Enter the Studio team';
  if (
    problemWith(schemas().StudioName, team) ||
    problemWith(schemas().StudioName, compute) ||
    problemWith(schemas().StudioName, storage) ||
    problemWith(schemas().IssuerHost, issuer)
  )
    return 'Fix the fields above';
  if (compute && compute === storage) return 'Use two different credentials names';
  const check = s.issuer;
  if (check.status === 'error' && check.issuer === normalizedIssuer(issuer))
    return 'The issuer check failed: fix the issuer, or check it again';
  if (!(check.status === 'ready' && check.issuer === normalizedIssuer(issuer))) return 'Waiting for the issuer check';
  return undefined;
}

export function regionBlocked(s: AppState): string | undefined {
  if (!selectRegion(s)) return 'Choose a region';
  if (selectZones(s).length < 2) return 'Choose at least two zones';
  return undefined;
}

export function secretsBlocked(s: AppState): string | undefined {
  return secretProblems(selectSecrets(s)).some((p) => p.envName || p.key)
    ? 'Fix the variable names and keys'
    : undefined;
}

export function poolsBlocked(s: AppState): string | undefined {
  const pools = selectNodePools(s);
  if (!poolsValid(pools)) return 'Fix the pools';
  const report = s.poolReport;
  const key = poolsCheckKey(selectRegion(s), selectZones(s), pools);
  if (report.key !== key || report.status !== 'ready') return 'Waiting for the region check';
  if (!report.value.ok) return 'Some pools cannot run in this region or quota';
  return undefined;
}

/** The region step also holds the node pools: both must be ready. */
export function regionAndPoolsBlocked(s: AppState): string | undefined {
  return regionBlocked(s) ?? poolsBlocked(s);
}

export function reviewBlocked(s: AppState): string | undefined {
  if (problemWith(schemas().NamePrefix, selectNamePrefix(s))) return 'Fix the name prefix';
  const plan = s.plan;
  if (plan.status === 'error') return 'The plan failed';
  if (plan.status !== 'ready') return 'Preparing the plan…';
  if (plan.value.kind === 'blocked') return 'Resolve the problems above';
  if (plan.value.kind === 'no-changes') return 'Nothing to deploy';
  if (plan.value.takeover && !s.takeoverConfirmed) return 'Confirm who loses access';
  return undefined;
}
