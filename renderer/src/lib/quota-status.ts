/** How a vCPU quota check reads in the table: never "Fits" when the quota could not be read. */
export type QuotaStatus = 'fits' | 'too-small' | 'unknown';

export function quotaStatus(q: { ok: boolean; limit?: number | undefined; source: string }): QuotaStatus {
  if (q.source === 'unknown' || q.limit === undefined) return 'unknown';
  return q.ok ? 'fits' : 'too-small';
}
