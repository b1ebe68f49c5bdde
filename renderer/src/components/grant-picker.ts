/** Pure helpers of the GrantPicker (unit-tested without React). */

/** The items whose name contains the query, ignoring case and the query's surrounding spaces; all of them for an empty query. */
export function filterByQuery<T>(items: readonly T[], query: string, nameOf: (item: T) => string): readonly T[] {
  const q = query.trim().toLowerCase();
  return q ? items.filter((item) => nameOf(item).toLowerCase().includes(q)) : items;
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
