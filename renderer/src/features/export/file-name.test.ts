import { describe, expect, it } from 'vitest';
import { exportBaseName } from './file-name';

describe('the export file name', () => {
  it('names the stack once', () => {
    expect(exportBaseName('datachain-cluster')).toBe('datachain-cluster');
    expect(exportBaseName('acme-datachain-cluster')).toBe('acme-datachain-cluster');
    expect(exportBaseName('cluster')).toBe('datachain-cluster');
  });
});
