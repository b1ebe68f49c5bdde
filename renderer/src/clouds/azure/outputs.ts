import type { AzureSetupConfig, AzureSetupOutputs } from '@contract/clouds/azure';
import type { SetupRef } from '@contract/schemas/setup';
import { AZURE_OUTPUT_NAMES, azureStudioConfig, azureTerraformOutputJson } from '../../features/export/azure-config';
import { studioChecklist } from '../../features/studio/checklist';
import type { OutputsExporter } from '../../screens/OutputsPanel';

/** The outputs the cluster form in Studio takes for an Azure cluster. */
const CLUSTER_OUTPUTS = [
  'datachain_compute_azure_tenant_id',
  'datachain_compute_azure_subscription_id',
  'datachain_compute_resource_group',
] as const;

/** What the outputs screen shows and exports for an Azure setup: the seven outputs, secret lines, files and checklist. */
export const azureOutputs: OutputsExporter<Extract<SetupRef, { cloud: 'azure' }>> = ({
  target,
  generator,
  ...read
}) => {
  const outputs = read.outputs as AzureSetupOutputs;
  const config = read.config as AzureSetupConfig;
  const exported = azureStudioConfig({ outputs, config, generator });
  const secrets = exported.storage.secrets;
  return {
    rows: AZURE_OUTPUT_NAMES.map((name) => [name, outputs[name]]),
    references: secrets.map((s) => ({ key: s.id, envName: s.envName, line: s.reference })),
    baseName: `datachain-azure-${target.resourceGroup}`,
    studioConfig: exported,
    terraformJson: azureTerraformOutputJson(outputs),
    checklist: studioChecklist({
      team: config.studio.team,
      computeCredentials: config.studio.computeCredentials,
      storageCredentials: config.studio.storageCredentials,
      computeIdentity: `the app registration's client id in datachain_compute_azure_client_id (${outputs.datachain_compute_azure_client_id}) and the tenant ${outputs.datachain_compute_azure_tenant_id}`,
      storageIdentity: `the client id in datachain_storage_azure_client_id (${outputs.datachain_storage_azure_client_id})`,
      clusterOutputs: CLUSTER_OUTPUTS,
      secretLines: secrets.map((s) => s.reference),
    }),
  };
};
