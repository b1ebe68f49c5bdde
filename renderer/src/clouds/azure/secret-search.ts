/**
 * Finding a secret by name across the subscription's Key Vaults (as AWS lists every secret of
 * the region): each vault's secret names load on their own, a few vaults at a time, and the
 * rows are merged as "secret in vault (permission model)". A vault whose secrets cannot be
 * listed is a failure of its own, never a hole in the list. Pure: the store loads, this merges.
 */
import type { KeyVaultSecretSummary, KeyVaultSummary } from '@contract/clouds/azure';
import type { ApiErrorShape } from '@contract/errors';
import type { Listing } from '../../store/discovery';

/** At most this many vaults' secret lists load at once (ARM throttles reads per caller). */
export const SEARCH_CONCURRENCY = 4;
/** The search covers this many vaults (the first by name); the vault picker browses any other. */
export const SEARCH_MAX_VAULTS = 200;

export interface SecretRow {
  vault: KeyVaultSummary;
  secret: KeyVaultSecretSummary;
}

export interface VaultFailure {
  vault: KeyVaultSummary;
  error: ApiErrorShape;
}

export interface AcrossVaults {
  /** Every secret of every listed vault, by secret name then vault name (one name in two vaults is two rows). */
  rows: SecretRow[];
  /** Vaults whose secrets could not be listed (or only in part), each with why. */
  failures: VaultFailure[];
  /** Vaults searched (at most SEARCH_MAX_VAULTS of `total`). */
  searched: number;
  /** Of those, vaults whose listing has ended (listed or failed). */
  settled: number;
  total: number;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** The vaults the search covers: the first SEARCH_MAX_VAULTS by name. */
export function searchedVaults(vaults: readonly KeyVaultSummary[]): KeyVaultSummary[] {
  return [...vaults].sort(byName).slice(0, SEARCH_MAX_VAULTS);
}

/** The merged view of the searched vaults' listings. */
export function acrossVaults(
  vaults: readonly KeyVaultSummary[],
  listings: Readonly<Record<string, Listing<KeyVaultSecretSummary> | undefined>>,
): AcrossVaults {
  const searched = searchedVaults(vaults);
  const rows: SecretRow[] = [];
  const failures: VaultFailure[] = [];
  let settled = 0;
  for (const vault of searched) {
    const listing = listings[vault.id];
    if (!listing) continue;
    for (const secret of listing.items) rows.push({ vault, secret });
    if (listing.status === 'error' && listing.error) failures.push({ vault, error: listing.error });
    if (listing.complete && listing.status !== 'loading') settled++;
  }
  rows.sort((a, b) => byName(a.secret, b.secret) || byName(a.vault, b.vault));
  return { rows, failures, searched: searched.length, settled, total: vaults.length };
}

/**
 * Run `load` over `items`, at most `limit` at a time, in order; one that fails does not stop
 * the others (each load records its own failure).
 */
export async function eachBounded<T>(items: readonly T[], limit: number, load: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await load(item).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
