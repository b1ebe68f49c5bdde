import { describe, expect, it } from 'vitest';
import type { KeyVaultSummary } from '@contract/clouds/azure';
import { acrossVaults, eachBounded, SEARCH_MAX_VAULTS, searchedVaults } from './secret-search';

const vault = (name: string): KeyVaultSummary => ({
  id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/${name}`,
  name,
  resourceGroup: 'rg',
  location: 'eastus',
  vaultUri: `https://${name}.vault.azure.net/`,
  vaultHost: `${name}.vault.azure.net`,
  model: 'rbac',
});
const secret = (v: KeyVaultSummary, name: string) => ({ name, id: `${v.vaultUri}secrets/${name}` });

describe('acrossVaults', () => {
  it('merges by secret name then vault, keeps a name of two vaults twice, and counts what has ended', () => {
    const [a, b, c, d] = ['kv-b', 'kv-a', 'kv-c', 'kv-d'].map(vault) as [KeyVaultSummary, ...KeyVaultSummary[]];
    const merged = acrossVaults([a, b!, c!, d!], {
      [a.id]: { status: 'ready', items: [secret(a, 'db-url'), secret(a, 'api')], complete: true },
      [b!.id]: { status: 'ready', items: [secret(b!, 'db-url')], complete: false },
      [c!.id]: {
        status: 'error',
        items: [secret(c!, 'zeta')],
        complete: true,
        error: { code: 'ACCESS_DENIED', message: 'no' },
      },
    });
    expect(merged.rows.map((r) => `${r.secret.name}@${r.vault.name}`)).toEqual([
      'api@kv-b',
      'db-url@kv-a',
      'db-url@kv-b',
      'zeta@kv-c',
    ]);
    expect(merged.failures.map((f) => f.vault.name)).toEqual(['kv-c']);
    // kv-a has more pages coming and kv-d has not started: two of four have ended.
    expect(merged).toMatchObject({ searched: 4, settled: 2, total: 4 });
  });

  it('searches the first vaults by name up to the bound', () => {
    const many = Array.from({ length: SEARCH_MAX_VAULTS + 5 }, (_, i) => vault(`kv-${String(999 - i)}`));
    const searched = searchedVaults(many);
    expect(searched).toHaveLength(SEARCH_MAX_VAULTS);
    expect(searched[0]!.name).toBe(`kv-${999 - SEARCH_MAX_VAULTS - 4}`);
    expect(acrossVaults(many, {})).toMatchObject({ searched: SEARCH_MAX_VAULTS, total: SEARCH_MAX_VAULTS + 5 });
  });
});

describe('eachBounded', () => {
  it('runs at most `limit` at once, every item once, past a failing one', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await eachBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setImmediate(r));
      running--;
      if (n === 2) throw new Error('one vault failed');
      done.push(n);
    });
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 3, 4, 5, 6, 7]);
  });
});
