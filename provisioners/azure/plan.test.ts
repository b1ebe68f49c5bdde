import { describe, expect, it } from 'vitest';
import { AzureSetupConfig } from './config.schema';
import { azureNames, COMPUTE_ACTIONS, resourceGroupId } from './naming';
import { computePlan } from './plan';
import { recordTags } from './record';
import type { Observed } from './state';

const TENANT = '11111111-1111-4111-8111-111111111111';
const SUB = 'aaaaaaaa-0000-4000-8000-000000000001';
const RG = resourceGroupId(SUB, 'datachain');

const config = (extra: object = {}) =>
  AzureSetupConfig.parse({
    tenantId: TENANT,
    subscriptionId: SUB,
    location: 'eastus',
    studio: { team: 'acme' },
    ...extra,
  });

function observed(over: Partial<Observed> = {}): Observed {
  const app = { source: 'none' as const, fics: [], owners: [], assignments: [] };
  return {
    me: { id: 'me-id' },
    names: azureNames(TENANT, SUB),
    record: { ours: false },
    providers: [],
    apps: { compute: { ...app }, storage: { ...app } },
    customRoles: [],
    accounts: [],
    vaults: [],
    ...over,
  };
}

describe('computePlan', () => {
  it('creates everything, in order, for an empty subscription', () => {
    const plan = computePlan(observed(), config(), { setupId: 'id-1' });
    expect(plan.blockers).toEqual([]);
    expect(plan.action).toBe('create');
    const order = plan.ops.map((op) => op.t);
    expect(order.indexOf('rg')).toBeLessThan(order.indexOf('app'));
    expect(order.indexOf('app')).toBeLessThan(order.indexOf('fic'));
    expect(order.indexOf('sp')).toBeLessThan(order.indexOf('assign'));
    expect(order.indexOf('role')).toBeLessThan(order.indexOf('assign'));
    // No storage account: no storage role at all (an empty assignable-scope list is invalid).
    expect(plan.roles.map((r) => r.purpose)).toEqual(['compute']);
  });

  it('shows the diff of an existing setup: the FIC subject, role actions, and a takeover', () => {
    const before = config();
    const names = azureNames(TENANT, SUB);
    const tags = recordTags({
      setupId: 'id-0',
      config: before,
      adopted: { apps: {}, roles: {}, resourceGroup: false },
    });
    const app = (p: 'compute' | 'storage', subject: string) => ({
      app: {
        id: `${p}-obj`,
        appId: `${p}-app`,
        displayName: names.displayName[p],
        tags: ['datachain-managed-by:dcs-wizard'],
        api: { requestedAccessTokenVersion: 2 },
      },
      source: 'unique' as const,
      fics: [
        {
          name: names.displayName[p],
          issuer: 'https://studio.datachain.ai/api',
          subject,
          audiences: ['api://AzureADTokenExchange'],
        },
      ],
      sp: { id: `${p}-sp`, appId: `${p}-app` },
      owners: ['me-id'],
      assignments: [],
    });
    const o = observed({
      rg: { id: RG, name: 'datachain', location: 'eastus', tags, madeBy: 'ours' },
      record: {
        ours: true,
        record: { setupId: 'id-0', config: before, adopted: { apps: {}, roles: {}, resourceGroup: false } },
      },
      apps: {
        compute: app('compute', 'credentials:acme/datachain-compute'),
        storage: app('storage', 'credentials:acme/datachain-storage'),
      },
      customRoles: [
        {
          id: `${RG}/providers/Microsoft.Authorization/roleDefinitions/${names.roleGuid.compute}`,
          name: names.roleGuid.compute,
          properties: {
            roleName: names.roleName.compute,
            permissions: [{ actions: [...COMPUTE_ACTIONS, 'Microsoft.Compute/*'] }],
            assignableScopes: [RG],
          },
        },
      ],
    });
    const plan = computePlan(o, config({ studio: { team: 'beta' } }), { setupId: 'new' });
    const fic = plan.rows.find((r) => r.key === 'federatedCredential:storage')!;
    expect(fic.action).toBe('update');
    expect(fic.changes).toEqual([
      { field: 'subject', before: 'credentials:acme/datachain-storage', after: 'credentials:beta/datachain-storage' },
    ]);
    expect(plan.roles[0]!.removedActions).toEqual(['Microsoft.Compute/*']);
    expect(plan.takeover?.summary).toMatch(/acme/);
    expect(plan.record.setupId).toBe('id-0');
    expect(plan.rows.find((r) => r.key === 'application:compute')!.action).toBe('none');
  });

  it('blocks on conflicts: a role name held elsewhere in the tenant, a group in another location', () => {
    const names = azureNames(TENANT, SUB);
    const o = observed({
      rg: { id: RG, name: 'datachain', location: 'westeurope', tags: {}, madeBy: 'foreign' },
      customRoles: [
        {
          id: '/x',
          name: 'other-guid',
          properties: { roleName: names.roleName.compute, assignableScopes: ['/subscriptions/other'] },
        },
      ],
    });
    const plan = computePlan(o, config(), { setupId: 'id' });
    expect(plan.blockers.map((b) => b.code).sort()).toEqual(['RESOURCE_GROUP_LOCATION', 'ROLE_NAME_TAKEN']);
    expect(plan.ops).toEqual([]);
  });

  it('offers to restore a soft-deleted app that holds the unique name', () => {
    const o = observed();
    o.apps.compute = {
      ...o.apps.compute,
      deleted: { id: 'del-1', appId: 'app-1', uniqueName: o.names.uniqueName.compute },
    };
    const plan = computePlan(o, config(), { setupId: 'id' });
    expect(plan.rows.find((r) => r.key === 'application:compute')!.action).toBe('restore');
    expect(plan.ops.find((op) => op.t === 'restore')).toMatchObject({ deletedId: 'del-1' });
  });
});
