import { describe, expect, it } from 'vitest';
import { AzurePlanView, AzureSetupConfig, type AzureIdentity } from '@contract/clouds/azure';
import { azureSetupSummary, countAzureByKind, secretParts } from './summary';

const tenantId = '11111111-2222-3333-4444-555555555555';
const subscriptionId = '66666666-7777-8888-9999-000000000000';
const dbUrl = 'https://acme-rbac-kv.vault.azure.net/secrets/db-url';
const legacy = 'https://acme-policy-kv.vault.azure.net/secrets/legacy-password';
const config = AzureSetupConfig.parse({
  tenantId,
  subscriptionId,
  location: 'eastus',
  studio: { issuer: 'studio.datachain.ai/api', team: 'acme', computeCredentials: 'c', storageCredentials: 's' },
  storageAccounts: [
    { resourceGroup: 'data', name: 'acmelake' },
    { resourceGroup: 'data', name: 'acmefar' },
    { resourceGroup: 'analytics', name: 'acmenokeys' },
  ],
  vaults: [
    { resourceGroup: 'security', name: 'acme-rbac-kv' },
    { resourceGroup: 'security', name: 'acme-policy-kv' },
  ],
  secrets: [
    { id: dbUrl, envName: 'DB_URL', key: 'url' },
    { id: legacy, envName: 'LEGACY', key: '' },
  ],
});
const row = (kind: string, action: string, name: string) => ({
  key: `${kind}:${name}`,
  kind,
  name,
  action,
  changes: [],
});
// What a first deploy creates, kind:name each.
const CREATED = [
  'provider:Microsoft.ContainerService resourceGroup:datachain owner:me record:record',
  'application:compute application:storage servicePrincipal:compute servicePrincipal:storage',
  'federatedCredential:compute federatedCredential:storage roleDefinition:compute roleDefinition:storage',
  'roleAssignment:a1 roleAssignment:a2 roleAssignment:a3 accessPolicy:acme-policy-kv',
]
  .join(' ')
  .split(' ');
// Through the wire schema: a plan the contract would accept.
const plan = AzurePlanView.parse({
  planId: 'plan_reviewtest1',
  cloud: 'azure',
  kind: 'changes',
  blockers: [],
  warnings: [],
  tenantId,
  subscriptionId,
  resourceGroup: 'datachain',
  location: 'eastus',
  action: 'create',
  rows: CREATED.map((what) => row(what.split(':')[0]!, 'create', what.split(':')[1]!)),
  roles: [],
  assignments: [],
  accessPolicies: [
    { vaultId: '/x/acme-policy-kv', vault: 'acme-policy-kv', secrets: ['legacy-password'], action: 'create' },
  ],
  permissions: [],
  providers: [],
  writes: 16,
});
const identity = {
  method: 'browser',
  user: { id: 'u', userPrincipalName: 'admin@acme.test' },
  tenant: { tenantId, displayName: 'Acme' },
  tenants: [],
} as AzureIdentity;

describe('the Azure review summary', () => {
  const summary = azureSetupSummary({
    plan,
    config,
    identity,
    subscriptionName: 'Acme production',
    locationName: (name) => ({ eastus: 'East US', westeurope: 'West Europe' })[name] ?? name,
    accounts: {
      acmelake: { location: 'eastus', allowSharedKeyAccess: true },
      acmefar: { location: 'westeurope' },
      acmenokeys: { location: 'eastus', allowSharedKeyAccess: false },
    },
    secrets: { [dbUrl]: { contentType: 'text/plain' } },
  });

  it('says who and where in plain words', () => {
    expect(summary.who.map((f) => f.value)).toEqual(['acme', 'credentials:acme/c', 'credentials:acme/s']);
    const where = Object.fromEntries(summary.where.map((f) => [f.label, f.value]));
    expect(where).toEqual({
      Tenant: `Acme (${tenantId})`,
      Subscription: `Acme production (${subscriptionId})`,
      Location: 'East US',
      'Resource group': 'datachain',
    });
  });

  it('lists each account and secret with its access, and warns only where it applies', () => {
    const byName = Object.fromEntries(summary.grants.map((g) => [g.name, g]));
    expect(byName.acmelake).toMatchObject({ kind: 'Storage account', access: 'read and write', detail: 'in data' });
    expect(byName.acmelake?.warning).toBeUndefined();
    expect(byName.acmefar?.warning).toBe(
      'In West Europe, not East US: traffic between locations is slower and billed.',
    );
    expect(byName.acmenokeys?.warning).toContain('Shared key access is off');
    expect(byName['acme-rbac-kv/db-url']).toMatchObject({
      kind: 'Secret',
      access: 'read',
      detail: 'as DB_URL (JSON key url)',
    });
    expect(byName['acme-rbac-kv/db-url']?.warning).toContain('text/plain, not JSON');
    expect(byName['acme-policy-kv/legacy-password']?.detail).toBe(
      'as LEGACY (the whole value), through an access policy',
    );
    expect(byName['acme-policy-kv/legacy-password']?.warning).toBeUndefined();
  });

  it('says when an account was not in the listing, so its location and shared keys were not checked', () => {
    const byName = Object.fromEntries(
      azureSetupSummary({
        plan,
        config,
        identity,
        subscriptionName: undefined,
        locationName: (name) => ({ eastus: 'East US' })[name] ?? name,
        // acmefar was added by name: the listing never showed it.
        accounts: { acmelake: { location: 'eastus' }, acmenokeys: { location: 'eastus', allowSharedKeyAccess: false } },
        secrets: {},
      }).grants.map((g) => [g.name, g]),
    );
    expect(byName.acmefar?.warning).toBe(
      'Not in the account list read from the subscription, so its location and shared key setting were not checked: in another location than East US, traffic is slower and billed; with shared key access off, Studio cannot use it.',
    );
    expect(byName.acmelake?.warning).toBeUndefined();
    expect(byName.acmenokeys?.warning).not.toContain('not checked');
  });

  it('says nothing of a JSON key when the content type is JSON or unknown', () => {
    const json = azureSetupSummary({
      plan,
      config,
      identity: undefined,
      subscriptionName: undefined,
      accounts: { acmelake: {}, acmefar: {}, acmenokeys: {} },
      secrets: { [dbUrl]: { contentType: 'application/json' } },
    });
    expect(json.grants.every((g) => g.warning === undefined)).toBe(true);
    expect(json.where[0]?.value).toBe(tenantId);
  });

  it('counts what gets created by kind, and the rest apart', () => {
    expect(summary.creates).toEqual([
      '1 resource group',
      '2 app registrations',
      '2 service principals',
      '2 federated credentials (Studio’s sign-in)',
      '2 custom role definitions',
      '3 role assignments',
      '1 Key Vault access policy',
      '1 resource provider registered',
    ]);
    expect(
      countAzureByKind([row('application', 'restore', 'x'), row('roleAssignment', 'delete', 'y')] as never),
    ).toEqual(['1 object restored from the Entra recycle bin', '1 object removed']);
    expect(summary.will[2]).toBe(
      'Let Studio jobs use 3 storage accounts and 2 secrets in 2 Key Vaults, and nothing else of yours.',
    );
    expect(summary.cost).toMatch(/^Nothing, by itself/);
  });

  it('reads the vault and the secret from a secret id', () => {
    expect(secretParts(dbUrl)).toEqual({ vault: 'acme-rbac-kv', secret: 'db-url' });
  });
});
