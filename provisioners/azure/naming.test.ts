import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assignmentGuid, azureNames, COMPUTE_ACTIONS, STORAGE_ACTIONS, uuidV5 } from './naming';

const TENANT = '11111111-1111-4111-8111-111111111111';
const SUB_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const SUB_B = 'bbbbbbbb-0000-4000-8000-000000000002';

describe('uuidV5', () => {
  it('matches RFC 4122 appendix B (the DNS namespace and "www.example.com")', () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'www.example.com') == 2ed6657d-e927-568b-95e1-2665a8aea6a2
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('is a version 5, RFC variant GUID and deterministic', () => {
    const a = uuidV5('x');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidV5('x')).toBe(a);
    expect(uuidV5('y')).not.toBe(a);
    // The hash really is SHA-1 over namespace bytes + name.
    const ns = Buffer.from('5b0c3a528f0e4d439a512f4f7c1d9e6b', 'hex');
    const sha = createHash('sha1').update(ns).update('x').digest('hex');
    expect(a.replaceAll('-', '').slice(0, 12)).toBe(sha.slice(0, 12));
  });
});

describe('azureNames', () => {
  it('keeps the Terraform display names and makes unique and role names per subscription', () => {
    const a = azureNames(TENANT, SUB_A);
    expect(a.displayName).toEqual({ compute: 'datachain-oidc-compute', storage: 'datachain-oidc-storage' });
    expect(a.uniqueName.compute).toBe(`datachain-oidc-compute-${SUB_A}`);
    expect(a.roleName).toEqual({
      compute: 'datachain-oidc-compute-aaaaaaaa',
      storage: 'datachain-oidc-storage-aaaaaaaa',
    });
    const b = azureNames(TENANT, SUB_B);
    expect(b.roleName.compute).not.toBe(a.roleName.compute);
    expect(b.roleGuid.compute).not.toBe(a.roleGuid.compute);
    expect(a.roleGuid.compute).not.toBe(a.roleGuid.storage);
    expect(azureNames(TENANT, SUB_A.toUpperCase())).toEqual(a);
  });

  it('a name prefix gives a second setup names of its own', () => {
    const p = azureNames(TENANT, SUB_A, 'beta');
    expect(p.displayName.storage).toBe('beta-datachain-oidc-storage');
    expect(p.roleGuid.storage).not.toBe(azureNames(TENANT, SUB_A).roleGuid.storage);
  });
});

describe('assignmentGuid', () => {
  it('depends on scope (case-insensitively), role and principal', () => {
    const g = assignmentGuid('/subscriptions/x/resourceGroups/DataChain', 'r', 'p');
    expect(assignmentGuid('/subscriptions/X/resourcegroups/datachain', 'r', 'p')).toBe(g);
    expect(assignmentGuid('/subscriptions/x/resourceGroups/datachain', 'r', 'q')).not.toBe(g);
    expect(assignmentGuid('/subscriptions/x/resourceGroups/other', 'r', 'p')).not.toBe(g);
  });
});

describe('role actions', () => {
  it('are exactly the Terraform lists', () => {
    expect(COMPUTE_ACTIONS).toHaveLength(4);
    expect(STORAGE_ACTIONS).toHaveLength(7);
    expect(new Set([...COMPUTE_ACTIONS, ...STORAGE_ACTIONS]).size).toBe(11);
  });
});
