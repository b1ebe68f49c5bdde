import type { StateCreator } from 'zustand';
import type {
  BucketCheck,
  BucketPage,
  NodePoolReport,
  SecretCheck,
  SecretPage,
  ZoneListing,
} from '@contract/clouds/aws';
import type { IssuerCheck } from '@contract/domain';
import type { ApiErrorShape } from '@contract/errors';
import { call, errorOf } from '../api/client';
import { guarded } from '../api/guarded';
import type { AppState } from './index';
import type { Loadable } from './session';

export type BucketItem = BucketPage['buckets'][number];
export type SecretItem = SecretPage['secrets'][number];

export interface Listing<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  items: T[];
  /** False while more pages are on their way. */
  complete: boolean;
  error?: ApiErrorShape;
}

export interface DiscoverySlice {
  regions: Loadable<{ name: string; optIn: string }[]>;
  zones: Record<string, Loadable<ZoneListing>>;
  buckets: Listing<BucketItem>;
  bucketChecks: Record<string, Loadable<BucketCheck>>;
  secretLists: Record<string, Listing<SecretItem>>;
  secretChecks: Record<string, Loadable<SecretCheck>>;
  issuer: Loadable<IssuerCheck> & { issuer?: string };
  poolReport: Loadable<NodePoolReport> & { key?: string };
  loadRegions(): Promise<void>;
  loadZones(region: string): Promise<void>;
  loadBuckets(): Promise<void>;
  checkBucket(name: string): Promise<BucketCheck | undefined>;
  loadSecrets(region: string): Promise<void>;
  checkSecret(arn: string): Promise<SecretCheck | undefined>;
  checkIssuer(issuer: string): Promise<void>;
  checkPools(key: string, input: { region: string; zones: string[]; pools: unknown[] }): Promise<void>;
  /**
   * After a sign-in: forget everything read with other credentials (`everything`), or only what
   * failed, so the screens read it again.
   */
  resetDiscovery(everything: boolean): void;
}

const profileOf = (state: AppState) => (state.draft.aws?.profile ? { profile: state.draft.aws.profile } : {});
const failed = (error: unknown) => ({ status: 'error' as const, error: errorOf(error).toJSON() });
let bucketGeneration = 0;

/**
 * Read a paged listing to its end: each page as it arrives, until the listing is superseded
 * (`current` turns false: new credentials, a reload) or fails.
 */
async function eachPage<P extends { nextCursor?: string | undefined }>(
  fetch: (cursor: string | undefined) => Promise<P>,
  current: () => boolean,
  onPage: (page: P, complete: boolean) => void,
  onError: (error: unknown) => void,
): Promise<void> {
  let cursor: string | undefined;
  try {
    do {
      const page = await fetch(cursor);
      if (!current()) return;
      cursor = page.nextCursor;
      onPage(page, !cursor);
    } while (cursor);
  } catch (error) {
    if (current()) onError(error);
  }
}
const secretGeneration: Record<string, number> = {};

export const createDiscoverySlice: StateCreator<AppState, [['zustand/persist', unknown]], [], DiscoverySlice> = (
  set,
  get,
) => ({
  regions: { status: 'idle' },
  zones: {},
  buckets: { status: 'idle', items: [], complete: false },
  bucketChecks: {},
  secretLists: {},
  secretChecks: {},
  issuer: { status: 'idle' },
  poolReport: { status: 'idle' },

  resetDiscovery(everything) {
    const resetBuckets = everything || get().buckets.status === 'error';
    // A listing still arriving from the old credentials stops adding pages.
    if (resetBuckets) bucketGeneration += 1;
    if (everything)
      for (const region of Object.keys(secretGeneration))
        secretGeneration[region] = (secretGeneration[region] ?? 0) + 1;
    const keep = <T extends { status: string }>(entries: Record<string, T>) =>
      Object.fromEntries(Object.entries(entries).filter(([, v]) => !everything && v.status !== 'error'));
    set((s) => ({
      regions: everything || s.regions.status === 'error' ? { status: 'idle' } : s.regions,
      zones: keep(s.zones),
      buckets: resetBuckets ? { status: 'idle', items: [], complete: false } : s.buckets,
      bucketChecks: keep(s.bucketChecks),
      secretLists: keep(s.secretLists),
      secretChecks: keep(s.secretChecks),
      poolReport: everything || s.poolReport.status === 'error' ? { status: 'idle' } : s.poolReport,
    }));
  },

  async loadRegions() {
    set({ regions: { status: 'loading' } });
    try {
      const value = await guarded(() => call('aws.regions.list', profileOf(get())));
      set({ regions: { status: 'ready', value } });
    } catch (error) {
      set({ regions: failed(error) });
    }
  },

  async loadZones(region) {
    set((s) => ({ zones: { ...s.zones, [region]: { status: 'loading' } } }));
    try {
      const value = await guarded(() => call('aws.zones.list', { ...profileOf(get()), region }));
      set((s) => ({ zones: { ...s.zones, [region]: { status: 'ready', value } } }));
    } catch (error) {
      set((s) => ({ zones: { ...s.zones, [region]: failed(error) } }));
    }
  },

  /** Page after page: the first page shows at once, the rest stream in behind it. */
  async loadBuckets() {
    const generation = ++bucketGeneration;
    set({ buckets: { status: 'loading', items: [], complete: false } });
    await eachPage(
      (cursor) => guarded(() => call('aws.buckets.list', { ...profileOf(get()), ...(cursor ? { cursor } : {}) })),
      () => generation === bucketGeneration,
      (page, complete) =>
        set((s) => ({ buckets: { status: 'ready', items: s.buckets.items.concat(page.buckets), complete } })),
      (error) => set((s) => ({ buckets: { ...s.buckets, ...failed(error), complete: true } })),
    );
  },

  async checkBucket(name) {
    set((s) => ({ bucketChecks: { ...s.bucketChecks, [name]: { status: 'loading' } } }));
    try {
      const value = await guarded(() =>
        call('aws.buckets.check', {
          ...profileOf(get()),
          name,
          ...(get().draft.aws?.region ? { region: get().draft.aws!.region! } : {}),
        }),
      );
      set((s) => ({ bucketChecks: { ...s.bucketChecks, [name]: { status: 'ready', value } } }));
      return value;
    } catch (error) {
      set((s) => ({ bucketChecks: { ...s.bucketChecks, [name]: failed(error) } }));
      return undefined;
    }
  },

  async loadSecrets(region) {
    const generation = (secretGeneration[region] = (secretGeneration[region] ?? 0) + 1);
    const update = (listing: (current: Listing<SecretItem> | undefined) => Listing<SecretItem>) =>
      set((s) => ({ secretLists: { ...s.secretLists, [region]: listing(s.secretLists[region]) } }));
    update(() => ({ status: 'loading', items: [], complete: false }));
    await eachPage(
      (cursor) =>
        guarded(() => call('aws.secrets.list', { ...profileOf(get()), region, ...(cursor ? { cursor } : {}) })),
      () => generation === secretGeneration[region],
      (page, complete) =>
        update((current) => ({ status: 'ready', items: (current?.items ?? []).concat(page.secrets), complete })),
      (error) => update((current) => ({ items: current?.items ?? [], ...failed(error), complete: true })),
    );
  },

  async checkSecret(arn) {
    set((s) => ({ secretChecks: { ...s.secretChecks, [arn]: { status: 'loading' } } }));
    try {
      const value = await guarded(() => call('aws.secrets.check', { ...profileOf(get()), arn }));
      set((s) => ({ secretChecks: { ...s.secretChecks, [arn]: { status: 'ready', value } } }));
      return value;
    } catch (error) {
      set((s) => ({ secretChecks: { ...s.secretChecks, [arn]: failed(error) } }));
      return undefined;
    }
  },

  async checkIssuer(issuer) {
    set({ issuer: { status: 'loading', issuer } });
    try {
      const value = await call('studio.issuer.check', { issuer });
      if (get().issuer.issuer === issuer) set({ issuer: { status: 'ready', value, issuer } });
    } catch (error) {
      if (get().issuer.issuer === issuer) set({ issuer: { ...failed(error), issuer } });
    }
  },

  async checkPools(key, input) {
    set({ poolReport: { status: 'loading', key } });
    try {
      // Pools in the draft are as typed in the editor; main validates them and names bad fields.
      const value = await guarded(() => call('aws.nodePools.check', { ...profileOf(get()), ...input } as never));
      if (get().poolReport.key === key) set({ poolReport: { status: 'ready', value, key } });
    } catch (error) {
      if (get().poolReport.key === key) set({ poolReport: { ...failed(error), key } });
    }
  },
});
