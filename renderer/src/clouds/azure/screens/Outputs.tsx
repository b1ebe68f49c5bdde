import { useState } from 'react';
import type { AzureSetupConfig, AzureSetupOutputs } from '@contract/clouds/azure';
import type { SetupRef } from '@contract/schemas/setup';
import { call } from '../../../api/client';
import { guarded } from '../../../api/guarded';
import { CopyButton } from '../../../components/CopyButton';
import { DataTable, type Column } from '../../../components/DataTable';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Spinner } from '../../../components/Spinner';
import { AZURE_OUTPUT_NAMES, azureStudioConfig, azureTerraformOutputJson } from '../../../features/export/azure-config';
import { toYaml } from '../../../features/export/studio-config';
import { saveFile } from '../../../lib/save';
import { useKeyed } from '../../../lib/use-keyed';
import { useAppStore } from '../../../store';
import '../../../screens/OutputsPanel.css';

type Entry = [string, string];
const OUTPUT_COLUMNS: Column<Entry>[] = [
  { key: 'output', header: 'Output', className: 'mono', cell: ([name]) => name },
  { key: 'value', header: 'Value', className: 'mono output-value', cell: ([, value]) => value },
  {
    key: 'copy',
    header: 'Copy',
    headerHidden: true,
    cell: ([name, value]) => <CopyButton text={value} label={`Copy ${name}`} />,
  },
];

/**
 * The seven Terraform outputs with copy buttons, copy all, and the exports Studio takes. Read
 * from the deployed setup (its outputs and its record in the cloud), never from the draft.
 */
export function AzureOutputsPanel({ target }: { target: Extract<SetupRef, { cloud: 'azure' }> }) {
  const [saved, setSaved] = useState<string>();
  const appInfo = useAppStore((s) => s.appInfo);
  const read = useKeyed(JSON.stringify(target), async () => {
    const [o, c] = await Promise.all([
      guarded(() => call('setup.outputs', { target })),
      guarded(() => call('setup.config', { target })),
    ]);
    return { outputs: o.outputs as AzureSetupOutputs, config: c.config as AzureSetupConfig };
  });

  if (read.status === 'idle' || read.status === 'loading') return <Spinner label="Reading the outputs…" />;
  if (read.status === 'error') return <ErrorNotice error={read.error} />;
  const { outputs, config } = read.value;
  const exported = azureStudioConfig({
    outputs,
    config,
    generator: `${appInfo?.name ?? 'DataChain Cluster Setup'} ${appInfo?.version ?? ''}`.trim(),
  });
  const rows: Entry[] = AZURE_OUTPUT_NAMES.map((name) => [name, outputs[name]]);
  const all = rows.map(([k, v]) => `${k} = ${v}`).join('\n');
  const base = `datachain-azure-${target.resourceGroup}`;

  return (
    <div className="outputs">
      <DataTable label="Outputs" columns={OUTPUT_COLUMNS} rows={rows} rowKey={([name]) => name} />
      {exported.storage.secrets.length > 0 && (
        <section aria-label="Secret references">
          <h3>Job environment variables</h3>
          <ul className="references">
            {exported.storage.secrets.map((s) => (
              <li key={s.id} className="reference">
                <code className="mono">{s.reference}</code>
                <CopyButton text={s.reference} label={`Copy the reference for ${s.envName}`} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="row" role="group" aria-label="Export">
        <CopyButton text={all} label="Copy all outputs">
          Copy all
        </CopyButton>
        <button
          type="button"
          className="button button--primary"
          onClick={async () =>
            setSaved(await saveFile(`${base}.studio.json`, `${JSON.stringify(exported, null, 2)}\n`, 'json'))
          }
        >
          Export Studio config (JSON)
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={async () => setSaved(await saveFile(`${base}.studio.yaml`, toYaml(exported), 'yaml'))}
        >
          Export as YAML
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={async () =>
            setSaved(await saveFile(`${base}.tfoutput.json`, azureTerraformOutputJson(outputs), 'json'))
          }
        >
          Export terraform output -json
        </button>
      </div>
      {saved && (
        <p className="muted" role="status">
          {saved}
        </p>
      )}
    </div>
  );
}
