import { secretReference, type AwsSetupConfig, type AwsSetupOutputs } from '@contract/clouds/aws';
import type { SetupRef } from '@contract/schemas/setup';
import { exportBaseName } from '../../features/export/file-name';
import { awsStudioChecklist, studioConfig, terraformOutputJson } from '../../features/export/studio-config';
import type { OutputsExporter } from '../../screens/OutputsPanel';

const display = (value: string | string[]) => (Array.isArray(value) ? value.join(',') : value);

/** What the outputs screen shows and exports for a stack: its outputs, secret lines, files and checklist. */
export const awsOutputs: OutputsExporter<Extract<SetupRef, { cloud: 'aws' }>> = ({ target, generator, ...read }) => {
  const outputs = read.outputs as AwsSetupOutputs;
  const config = read.config as AwsSetupConfig;
  return {
    rows: (Object.entries(outputs) as [string, string | string[]][]).map(([k, v]) => [k, display(v)]),
    references: config.secrets.map((s) => ({
      key: s.arn,
      envName: s.envName,
      line: secretReference(s.envName, s.arn, s.key),
    })),
    baseName: exportBaseName(target.stackName),
    studioConfig: studioConfig({ outputs, config, stackName: target.stackName, generator }),
    terraformJson: terraformOutputJson(outputs),
    checklist: awsStudioChecklist(outputs, config),
  };
};
