import { describe, expect, it } from 'vitest';
import { normalizeLocation, resolveLocation } from './location';

describe('Azure locations', () => {
  const known = [
    { name: 'eastus', displayName: 'East US' },
    { name: 'westeurope', displayName: 'West Europe' },
  ];

  it('normalises display names the way ARM names them', () => {
    expect(normalizeLocation('East US')).toBe('eastus');
    expect(normalizeLocation(' West  Europe ')).toBe('westeurope');
  });

  it('resolves either form, and nothing else', () => {
    expect(resolveLocation('East US', known)?.name).toBe('eastus');
    expect(resolveLocation('westeurope', known)?.displayName).toBe('West Europe');
    expect(resolveLocation('Mars North', known)).toBeUndefined();
  });
});
