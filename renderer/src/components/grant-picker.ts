/** Pure helpers of the GrantPicker (unit-tested without React). */

const lowered = new WeakMap<readonly unknown[], { nameOf: (item: never) => string; names: readonly string[] }>();

/**
 * The items' names, lowercased: made once per listing (and name function), and only once someone
 * searches, so a keystroke lowercases only what was typed.
 */
export function lowercaseNames<T>(items: readonly T[], nameOf: (item: T) => string): readonly string[] {
  const kept = lowered.get(items);
  if (kept && kept.nameOf === nameOf) return kept.names;
  const names = items.map((item) => nameOf(item).toLowerCase());
  lowered.set(items, { nameOf, names });
  return names;
}

/** The items whose name contains the query, ignoring case and the query's surrounding spaces; all of them for an empty query. */
export function filterByQuery<T>(items: readonly T[], query: string, nameOf: (item: T) => string): readonly T[] {
  const q = query.trim().toLowerCase();
  if (!q) return items;
  const names = lowercaseNames(items, nameOf);
  const out: T[] = [];
  for (let i = 0; i < items.length; i++) if (names[i]!.includes(q)) out.push(items[i]!);
  return out;
}

/** How a listing names what it counts: "1 bucket", "2 buckets". */
export interface Noun {
  one: string;
  other: string;
}

/** The count in a listing's header: "Loading…" before the first page, then "1,234 buckets, loading more…" until the last page. */
export function countLabel(count: number, noun: Noun, listing: { loading: boolean; complete: boolean }): string {
  if (listing.loading && count === 0) return 'Loading…';
  return `${count.toLocaleString()} ${count === 1 ? noun.one : noun.other}${listing.complete ? '' : ', loading more…'}`;
}
