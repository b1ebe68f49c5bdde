import { describe, expect, it } from 'vitest';
import { quotaStatus } from './quota-status';

describe('a vCPU quota in the node pools table', () => {
  it('is unknown, not "Fits", when Service Quotas could not be read', () => {
    expect(quotaStatus({ ok: true, source: 'unknown' })).toBe('unknown');
    expect(quotaStatus({ ok: true, limit: 64, source: 'applied' })).toBe('fits');
    expect(quotaStatus({ ok: true, limit: 64, source: 'default' })).toBe('fits');
    expect(quotaStatus({ ok: false, limit: 8, source: 'applied' })).toBe('too-small');
  });
});
