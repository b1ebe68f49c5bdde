/**
 * The Studio config file for an Azure setup (version 2 of the file; schema in
 * docs/schemas/studio-config.v2.schema.json, which still validates every version 1 file), and
 * the `terraform output -json` shape under the datachain-compute-cluster-az output names.
 * Everything comes from the deployed setup (its outputs and its record in the cloud), nothing
 * from the local draft: any computer exports the same file for the same setup.
 */
import { azureSecretReference } from '@contract/clouds/azure';
import { subjectFor } from '@contract/domain';

export const STUDIO_CONFIG_V2_SCHEMA = 'https://datachain.ai/schemas/cluster-setup/studio-config.v2.schema.json';

/** The seven Terraform outputs, in the Terraform's order. */
export const AZURE_OUTPUT_NAMES = [
  'datachain_compute_azure_subscription_id',
  'datachain_compute_azure_tenant_id',
  'datachain_compute_azure_client_id',
  'datachain_storage_azure_subscription_id',
  'datachain_storage_azure_tenant_id',
  'datachain_storage_azure_client_id',
  'datachain_compute_resource_group',
] as const;
export type AzureOutputs = Record<(typeof AZURE_OUTPUT_NAMES)[number], string>;

/** What the export reads of the setup's record (the provisioner's AzureSetupConfig fits it). */
export interface AzureRecord {
  tenantId: string;
  subscriptionId: string;
  location: string;
  resourceGroup: string;
  studio: { issuer: string; team: string; computeCredentials: string; storageCredentials: string };
  storageAccounts: readonly { resourceGroup: string; name: string }[];
  vaults: readonly { resourceGroup: string; name: string }[];
  secrets: readonly { id: string; envName: string; key: string }[];
  nodePools?:
    | readonly ({ capacity: 'regular' | 'spot' } & Record<string, unknown> & {
          name: string;
          instanceTypes: string[];
        })[]
    | undefined;
}

export interface AzureConfigInput {
  outputs: AzureOutputs;
  config: AzureRecord;
  generator: string;
  now?: Date;
}

export function azureStudioConfig({ outputs, config, generator, now }: AzureConfigInput) {
  const team = config.studio.team;
  return {
    $schema: STUDIO_CONFIG_V2_SCHEMA,
    version: 2 as const,
    cloud: 'azure' as const,
    generatedAt: (now ?? new Date()).toISOString(),
    generator,
    tenantId: outputs.datachain_compute_azure_tenant_id,
    subscriptionId: outputs.datachain_compute_azure_subscription_id,
    location: config.location,
    resourceGroup: outputs.datachain_compute_resource_group,
    studio: {
      issuer: config.studio.issuer,
      team,
      credentials: {
        compute: {
          name: config.studio.computeCredentials,
          subject: subjectFor(team, config.studio.computeCredentials),
          clientId: outputs.datachain_compute_azure_client_id,
        },
        storage: {
          name: config.studio.storageCredentials,
          subject: subjectFor(team, config.studio.storageCredentials),
          clientId: outputs.datachain_storage_azure_client_id,
        },
      },
    },
    outputs: Object.fromEntries(AZURE_OUTPUT_NAMES.map((name) => [name, outputs[name]])) as AzureOutputs,
    storage: {
      accounts: config.storageAccounts.map(({ resourceGroup, name }) => ({ resourceGroup, name })),
      vaults: config.vaults.map(({ resourceGroup, name }) => ({ resourceGroup, name })),
      secrets: config.secrets.map((s) => ({
        id: s.id,
        envName: s.envName,
        key: s.key,
        reference: azureSecretReference(s.envName, s.id, s.key),
      })),
    },
    nodePools: (config.nodePools ?? []).map((pool) => ({
      ...pool,
      priority: pool.capacity === 'spot' ? ('Spot' as const) : ('Regular' as const),
    })),
  };
}

/** `terraform output -json` for the Azure Terraform: each output a non-sensitive string. */
export function azureTerraformOutputJson(outputs: AzureOutputs): string {
  const shaped = Object.fromEntries(
    AZURE_OUTPUT_NAMES.map((name) => [name, { sensitive: false, type: 'string', value: outputs[name] }]),
  );
  return `${JSON.stringify(shaped, null, 2)}\n`;
}
