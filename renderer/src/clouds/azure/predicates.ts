import type { Draft } from '@contract/schemas/draft';
import { schemas } from '../../api/validation';
import { problemWith } from '../../lib/validation';
import type { AppState } from '../../store';
import { secretProblems } from '../secret-problems';

/*
 * What the Azure steps read from the store, and the predicates built on it: pure functions of
 * the state, unit-tested directly. The draft is read through the selectors just below only.
 */

type DraftAzure = NonNullable<Draft['azure']>;
const frozen = <T>(value: T): T => Object.freeze(value);
export const NO_AZURE_ACCOUNTS = frozen<NonNullable<DraftAzure['storageAccounts']>>([]);
export const NO_AZURE_SECRETS = frozen<NonNullable<DraftAzure['secrets']>>([]);
export const NO_AZURE_VAULTS = frozen<NonNullable<DraftAzure['vaults']>>([]);

// Selectors ---------------------------------------------------------------------------------
export const selectLocation = (s: AppState): string => s.draft.azure?.location ?? '';
export const selectResourceGroup = (s: AppState): string => s.draft.azure?.resourceGroup ?? '';
export const selectAccounts = (s: AppState) => s.draft.azure?.storageAccounts ?? NO_AZURE_ACCOUNTS;
export const selectSecrets = (s: AppState) => s.draft.azure?.secrets ?? NO_AZURE_SECRETS;
export const selectVaults = (s: AppState) => s.draft.azure?.vaults ?? NO_AZURE_VAULTS;

// When a step applies ----------------------------------------------------------------------
/**
 * The sign-in step: until someone is signed in with a subscription chosen (the cloud step signs in
 * with an Azure CLI session and shows the pickers), or while the user is on it to sign in another way.
 */
export function azureSignInApplies(s: AppState): boolean {
  return s.draft.step === 'signin' || azureSignInBlocked(s) !== undefined;
}

// Predicates: why Next is disabled ----------------------------------------------------------
export function azureSignInBlocked(s: AppState): string | undefined {
  if (s.azure.identity.status !== 'ready') return 'Sign in first';
  const { tenantId, subscriptionId } = s.draft.azure ?? {};
  const identity = s.azure.identity.value;
  if (tenantId && tenantId !== identity.tenant.tenantId && identity.method !== 'cli') return 'Sign in to this tenant';
  if (!subscriptionId) return 'Choose a subscription';
  const listed = tenantId ? s.azure.subscriptions[tenantId] : undefined;
  if (listed?.status === 'ready' && !listed.value.some((x) => x.subscriptionId === subscriptionId && x.enabled))
    return 'Choose an enabled subscription';
  return undefined;
}

export function azureLocationBlocked(s: AppState): string | undefined {
  const group = selectResourceGroup(s);
  if (problemWith(schemas().ResourceGroupName, group)) return 'Fix the resource group name';
  if (!selectLocation(s)) return 'Choose a location';
  const check = s.azure.resourceGroup;
  if (check.status === 'error') return 'The resource group could not be checked';
  if (check.status !== 'ready' || check.value.name !== group) return 'Checking the resource group…';
  if (check.value.group?.madeBy === 'foreign' && !s.draft.azure?.adoptResourceGroup)
    return 'Adopt the existing resource group, or choose another name';
  return undefined;
}

export function azureSecretsBlocked(s: AppState): string | undefined {
  return secretProblems(selectSecrets(s)).some((p) => p.envName || p.key)
    ? 'Fix the variable names and keys'
    : undefined;
}

/** The key the node-pool check is stored under (the pools screen asks for the check with the same key). */
export function azurePoolsKey(location: string, pools: readonly unknown[]): string {
  return JSON.stringify({ location, pools });
}

/** The first problem with the pools, naming the pool (its editor may be closed). */
export function poolsProblem(pools: readonly Record<string, unknown>[]): string | undefined {
  const result = schemas().AzureNodePools.safeParse(pools);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  const [index] = issue.path;
  if (typeof index !== 'number') return issue.message;
  return `Pool ${String(pools[index]?.name ?? index + 1)}: ${issue.message}.`;
}

/** True when the pools hold AWS's instance types (a draft that started on AWS): Azure's presets replace them. */
export function hasForeignPools(pools: readonly unknown[]): boolean {
  return (
    pools.length > 0 &&
    !schemas().AzureNodePools.safeParse(pools).success &&
    pools.every((p) => {
      const types = (p as { instanceTypes?: unknown }).instanceTypes;
      return Array.isArray(types) && types.every((t) => typeof t === 'string' && !t.includes('_'));
    })
  );
}

export function azurePoolsBlocked(s: AppState): string | undefined {
  const pools = (s.draft.nodePools ?? []) as Record<string, unknown>[];
  if (poolsProblem(pools)) return 'Fix the pools';
  const report = s.azure.pools;
  if (report.key !== azurePoolsKey(selectLocation(s), pools) || report.status !== 'ready')
    return 'Waiting for the location check';
  if (!report.value.ok) return 'Some pools cannot run in this location or quota';
  return undefined;
}

export function azureReviewBlocked(s: AppState): string | undefined {
  if (problemWith(schemas().NamePrefix, s.draft.namePrefix ?? '')) return 'Fix the name prefix';
  const plan = s.plan;
  if (plan.status === 'error') return 'The plan failed';
  if (plan.status !== 'ready') return 'Preparing the plan…';
  if (plan.value.kind === 'blocked') return 'Resolve the problems above';
  if (plan.value.kind === 'no-changes') return 'Nothing to deploy';
  if (plan.value.takeover && !s.takeoverConfirmed) return 'Confirm who loses access';
  return undefined;
}
