import { z } from 'zod';
import type { MethodSpec } from '../../methods/spec';
import { StartedOperation } from '../../schemas/setup';
import {
  AzureCursor,
  AzureNodePoolReport,
  AzureNodePools,
  LocationName,
  AzureLocationSummary,
  AzureScope,
  KeyVaultPage,
  ResourceGroupCheck,
  ResourceGroupName,
  KeyVaultSecretPage,
  StorageAccountName,
  StorageAccountPage,
  StorageAccountSummary,
} from './discovery';
import { AzureCliStatus, AzureIdentity, AzureSignInInput, AzureSubscription, AzureTenantInput } from './session';

const scoped = <T extends z.ZodRawShape>(shape: T) => AzureScope.extend(shape).strict();

/** Signing in to Azure and discovering what the subscription has. The setup lifecycle is cloud-neutral (methods/setup.ts). */
export const azureMethods = {
  'azure.cli.status': {
    summary: 'Whether the Azure CLI is installed and signed in, and as whom (offered first when it is).',
    input: z.object({}).strict(),
    output: AzureCliStatus,
  },
  'azure.signIn': {
    summary:
      'Sign in with the Azure CLI session, the system browser or a device code (shown as a prompt event); the result is the identity.',
    input: AzureSignInInput,
    output: StartedOperation,
  },
  'azure.whoami': {
    summary: 'The signed-in user and tenant, and the tenants the user can reach.',
    input: z.object({}).strict(),
    output: AzureIdentity,
  },
  'azure.signOut': {
    summary: 'Forget the Azure sign-in held by the app (the Azure CLI keeps its own).',
    input: z.object({}).strict(),
    output: z.object({ signedOut: z.boolean() }),
  },
  'azure.subscriptions.list': {
    summary: "A tenant's subscriptions (only enabled ones can be set up).",
    input: AzureTenantInput,
    output: z.array(AzureSubscription),
  },
  'azure.locations.list': {
    summary: "The subscription's physical locations.",
    input: AzureScope,
    output: z.array(AzureLocationSummary),
  },
  'azure.resourceGroups.check': {
    summary: 'Whether the resource group exists, where, and who made it (this app, the Terraform, someone else).',
    input: scoped({ name: ResourceGroupName }),
    output: ResourceGroupCheck,
  },
  'azure.storageAccounts.list': {
    summary: "One page of the subscription's storage accounts with their resource groups.",
    input: scoped({ cursor: AzureCursor.optional() }),
    output: StorageAccountPage,
  },
  'azure.storageAccounts.check': {
    summary: 'A storage account by name (added by name): where it is and whether shared keys are allowed.',
    input: scoped({ name: StorageAccountName }),
    output: z.object({ name: z.string(), exists: z.boolean(), account: StorageAccountSummary.optional() }),
  },
  'azure.vaults.list': {
    summary: "One page of the subscription's Key Vaults with their permission model.",
    input: scoped({ cursor: AzureCursor.optional() }),
    output: KeyVaultPage,
  },
  'azure.secrets.list': {
    summary: "One page of a Key Vault's secret names (metadata only, never values).",
    input: scoped({
      vaultId: z
        .string()
        .max(1024)
        .regex(
          /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.KeyVault\/vaults\/[^/]+$/i,
          'not a Key Vault id',
        ),
      vaultUri: z.url({ protocol: /^https$/ }).max(1024),
      cursor: AzureCursor.optional(),
    }),
    output: KeyVaultSecretPage,
  },
  'azure.nodePools.check': {
    summary: 'Check node pools against the location: VM sizes AKS offers there, Spot, and regional vCPU quotas.',
    input: scoped({ location: LocationName, pools: AzureNodePools }),
    output: AzureNodePoolReport,
  },
} as const satisfies Record<string, MethodSpec>;
