/**
 * The Review summary of an Azure plan, in plain words: the data the cloud-neutral SummaryCard
 * shows. Pure (no React, no store), so it is unit-tested against plans directly.
 */
import type { AzureIdentity, AzurePlanView, AzureSetupConfig } from '@contract/clouds/azure';
import { subjectsOf } from '@contract/domain';
import { studioFacts, type SetupSummaryData, type SummaryGrant } from '../../components/SummaryCard';

/** What discovery read about a granted storage account (the config names it only). */
export interface AccountFacts {
  location?: string | undefined;
  allowSharedKeyAccess?: boolean | undefined;
}

/** What the vault's listing says about a secret (never its value). */
export interface SecretFacts {
  /** The content type the secret was stored with (`application/json`, `text/plain`), when set. */
  contentType?: string | undefined;
}

type Row = AzurePlanView['rows'][number];

/** Objects counted by kind, as a person names them (one and many). */
const KINDS: Partial<Record<Row['kind'], [string, string]>> = {
  resourceGroup: ['resource group', 'resource groups'],
  application: ['app registration', 'app registrations'],
  servicePrincipal: ['service principal', 'service principals'],
  federatedCredential: ['federated credential (Studio’s sign-in)', 'federated credentials (Studio’s sign-in)'],
  roleDefinition: ['custom role definition', 'custom role definitions'],
  roleAssignment: ['role assignment', 'role assignments'],
  accessPolicy: ['Key Vault access policy', 'Key Vault access policies'],
};
const ORDER = Object.keys(KINDS) as Row['kind'][];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 app registrations, 4 role assignments…" for what a plan creates; the rest counted apart. */
export function countAzureByKind(rows: AzurePlanView['rows']): string[] {
  const created = new Map<Row['kind'], number>();
  for (const row of rows)
    if (row.action === 'create' && KINDS[row.kind]) created.set(row.kind, (created.get(row.kind) ?? 0) + 1);
  const lines = ORDER.filter((k) => created.has(k)).map((k) => plural(created.get(k)!, ...KINDS[k]!));
  const count = (test: (r: Row) => boolean) => rows.filter(test).length;
  const providers = count((r) => r.kind === 'provider' && r.action === 'create');
  const restored = count((r) => r.action === 'restore');
  const adopted = count((r) => r.action === 'adopt');
  const changed = count((r) => r.action === 'update');
  const removed = count((r) => r.action === 'delete');
  if (providers) lines.push(`${plural(providers, 'resource provider', 'resource providers')} registered`);
  if (restored) lines.push(`${plural(restored, 'object', 'objects')} restored from the Entra recycle bin`);
  if (adopted) lines.push(`${plural(adopted, 'object', 'objects')} the Terraform made, adopted`);
  if (changed) lines.push(`${plural(changed, 'existing object', 'existing objects')} changed`);
  if (removed) lines.push(`${plural(removed, 'object', 'objects')} removed`);
  return lines.length ? lines : ['Nothing new'];
}

/** The vault and secret names in a secret id (`https://<vault>.vault.azure.net/secrets/<name>`). */
export function secretParts(id: string): { vault: string; secret: string } {
  const match = /^https:\/\/([^./]+)\.[^/]+\/secrets\/([^/?#]+)/i.exec(id);
  return { vault: match?.[1] ?? '', secret: match?.[2] ?? id };
}

/** A content type that says the value is not JSON (a JSON key would find nothing in it). */
const notJson = (contentType: string | undefined) => !!contentType && !/json/i.test(contentType);

/**
 * For an account the subscription's listing did not show (added by name, or a listing not read in
 * this run): its location and shared-key setting were not read, so neither warning could be given.
 */
const unchecked = (here: string) =>
  `Not in the account list read from the subscription, so its location and shared key setting were not checked: in another location than ${here}, traffic is slower and billed; with shared key access off, Studio cannot use it.`;

function grantsOf(
  config: AzureSetupConfig,
  plan: AzurePlanView,
  facts: { accounts: Record<string, AccountFacts>; secrets: Record<string, SecretFacts> },
  locationName: (name: string) => string,
): SummaryGrant[] {
  const here = config.location;
  const policyVaults = new Set(plan.accessPolicies.map((p) => p.vault.toLowerCase()));
  return [
    ...config.storageAccounts.map((a): SummaryGrant => {
      const read = facts.accounts[a.name.toLowerCase()];
      const known = read ?? {};
      const warnings = [
        read === undefined ? unchecked(locationName(here)) : undefined,
        known.location && known.location.toLowerCase() !== here.toLowerCase()
          ? `In ${locationName(known.location)}, not ${locationName(here)}: traffic between locations is slower and billed.`
          : undefined,
        known.allowSharedKeyAccess === false
          ? 'Shared key access is off on this account: the storage role reads data with the account keys, so Studio cannot use it until shared keys are allowed.'
          : undefined,
      ].filter(Boolean);
      return {
        kind: 'Storage account',
        name: a.name,
        access: 'read and write',
        detail: `in ${a.resourceGroup}`,
        ...(warnings.length ? { warning: warnings.join(' ') } : {}),
      };
    }),
    ...config.secrets.map((s): SummaryGrant => {
      const { vault, secret } = secretParts(s.id);
      const contentType = facts.secrets[s.id.toLowerCase()]?.contentType;
      const model = policyVaults.has(vault.toLowerCase()) ? ', through an access policy' : '';
      return {
        kind: 'Secret',
        name: `${vault}/${secret}`,
        access: 'read',
        detail: `as ${s.envName}${s.key ? ` (JSON key ${s.key})` : ' (the whole value)'}${model}`,
        ...(s.key && notJson(contentType)
          ? {
              warning: `Its content type is ${contentType}, not JSON: the key ${s.key} would find nothing. Leave the key empty to pass the whole value.`,
            }
          : {}),
      };
    }),
  ];
}

export function azureSetupSummary(input: {
  plan: AzurePlanView;
  config: AzureSetupConfig;
  identity: AzureIdentity | undefined;
  subscriptionName: string | undefined;
  locationName?: (name: string) => string;
  accounts: Record<string, AccountFacts>;
  secrets: Record<string, SecretFacts>;
}): SetupSummaryData {
  const { plan, config, identity } = input;
  const locationName = input.locationName ?? ((name: string) => name);
  const subjects = subjectsOf(config.studio);
  const tenant = identity?.tenant.tenantId === config.tenantId ? identity.tenant.displayName : undefined;
  const vaults = new Set(config.secrets.map((s) => secretParts(s.id).vault.toLowerCase())).size;
  const group = plan.rows.find((r) => r.kind === 'resourceGroup');
  const grants = [
    config.storageAccounts.length && plural(config.storageAccounts.length, 'storage account', 'storage accounts'),
    config.secrets.length &&
      `${plural(config.secrets.length, 'secret', 'secrets')} in ${plural(vaults, 'Key Vault', 'Key Vaults')}`,
  ].filter(Boolean);
  return {
    who: studioFacts(config.studio),
    where: [
      { label: 'Tenant', value: tenant ? `${tenant} (${config.tenantId})` : config.tenantId },
      {
        label: 'Subscription',
        value: input.subscriptionName ? `${input.subscriptionName} (${config.subscriptionId})` : config.subscriptionId,
      },
      { label: 'Location', value: locationName(config.location) },
      { label: 'Resource group', value: config.resourceGroup, mono: true },
    ],
    grants: grantsOf(config, plan, input, locationName),
    creates: countAzureByKind(plan.rows),
    cost: 'Nothing, by itself: a resource group, app registrations, service principals, federated credentials, custom roles, role assignments and access policies are free. You pay for the AKS clusters and nodes Studio creates later, when jobs run.',
    will: [
      `${group?.action === 'create' ? 'Create' : 'Use'} the resource group ${config.resourceGroup} in ${locationName(config.location)}, and make ${plural(plan.writes, 'write', 'writes')} in Microsoft Entra ID and the subscription, every one listed below.`,
      `Let Studio team ${config.studio.team} sign in as two app registrations, only with tokens for ${subjects.compute} and ${subjects.storage}.`,
      grants.length
        ? `Let Studio jobs use ${grants.join(' and ')}, and nothing else of yours.`
        : 'Give Studio jobs no storage account or secret yet.',
    ],
    willNot: [
      'Start a cluster or any machine: Studio creates AKS clusters later, when it needs one.',
      'Read a secret’s value, or change your storage accounts, vaults or secrets.',
      'Keep your Azure sign-in anywhere but in this app’s memory while it runs (the Azure CLI keeps its own, if you used it).',
    ],
  };
}
