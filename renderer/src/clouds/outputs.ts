import type { SetupRef } from '@contract/schemas/setup';
import type { OutputsExporter } from '../screens/OutputsPanel';
import { awsOutputs } from './aws/outputs';
import { azureOutputs } from './azure/outputs';

type Exporters = { [C in SetupRef['cloud']]: OutputsExporter<Extract<SetupRef, { cloud: C }>> };

/** Each cloud's reading of its outputs (one line per cloud). */
const EXPORTERS: Exporters = { aws: awsOutputs, azure: azureOutputs };

/** How the outputs screen reads a setup of this cloud. */
export function outputsExporter(cloud: SetupRef['cloud']): OutputsExporter<SetupRef> {
  return EXPORTERS[cloud] as OutputsExporter<SetupRef>;
}
