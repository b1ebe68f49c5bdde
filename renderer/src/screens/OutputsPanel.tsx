import { exportBaseName } from '../features/export/file-name';
import { useState } from 'react';
import { secretReference, type AwsSetupConfig, type AwsSetupOutputs } from '@contract/clouds/aws';
import type { SetupRef } from '@contract/schemas/setup';
import { call } from '../api/client';
import { guarded } from '../api/guarded';
import { CopyButton } from '../components/CopyButton';
import { DataTable, type Column } from '../components/DataTable';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { awsStudioChecklist, studioConfig, terraformOutputJson, toYaml } from '../features/export/studio-config';
import { saveFile } from '../lib/save';
import { useAppStore } from '../store';
import { useKeyed } from '../lib/use-keyed';
import { StudioChecklist } from './StudioChecklist';
import './OutputsPanel.css';

const display = (value: string | string[]) => (Array.isArray(value) ? value.join(',') : value);

const OUTPUT_COLUMNS: Column<[string, string | string[]]>[] = [
  { key: 'output', header: 'Output', className: 'mono', cell: ([name]) => name },
  { key: 'value', header: 'Value', className: 'mono output-value', cell: ([, value]) => display(value) },
  {
    key: 'copy',
    header: 'Copy',
    headerHidden: true,
    cell: ([name, value]) => <CopyButton text={display(value)} label={`Copy ${name}`} />,
  },
];

/**
 * Every output with a copy button, copy all, and the exports Studio takes directly. All of it is
 * read from the deployed setup (its outputs and its record in the cloud), never from the draft:
 * any computer shows and exports the same.
 */
export function OutputsPanel({ target }: { target: Extract<SetupRef, { cloud: 'aws' }> }) {
  const [saved, setSaved] = useState<string>();
  const appInfo = useAppStore((s) => s.appInfo);
  const stackName = target.stackName;
  const outputs = useKeyed(JSON.stringify(target), async () => {
    const [o, read] = await Promise.all([
      guarded(() => call('setup.outputs', { target })),
      guarded(() => call('setup.config', { target })),
    ]);
    return { outputs: o.outputs as AwsSetupOutputs, config: read.config as AwsSetupConfig };
  });

  if (outputs.status === 'idle' || outputs.status === 'loading') return <Spinner label="Reading the outputs…" />;
  if (outputs.status === 'error') return <ErrorNotice error={outputs.error} />;
  const { outputs: o, config } = outputs.value;
  const secrets = config.secrets;
  const exported = studioConfig({
    outputs: o,
    config,
    stackName,
    generator: `${appInfo?.name ?? 'DataChain Cluster Setup'} ${appInfo?.version ?? ''}`.trim(),
  });
  const all = (Object.entries(o) as [string, string | string[]][]).map(([k, v]) => `${k} = ${display(v)}`).join('\n');
  const base = exportBaseName(stackName);

  return (
    <div className="outputs">
      <DataTable
        label="Outputs"
        columns={OUTPUT_COLUMNS}
        rows={Object.entries(o) as [string, string | string[]][]}
        rowKey={([name]) => name}
      />
      {secrets.length > 0 && (
        <section aria-label="Secret references">
          <h3>Job environment variables</h3>
          <ul className="references">
            {secrets.map((s) => {
              const line = secretReference(s.envName, s.arn, s.key);
              return (
                <li key={s.arn} className="reference">
                  <code className="mono">{line}</code>
                  <CopyButton text={line} label={`Copy the reference for ${s.envName}`} />
                </li>
              );
            })}
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
          onClick={async () => setSaved(await saveFile(`${base}.tfoutput.json`, terraformOutputJson(o), 'json'))}
        >
          Export terraform output -json
        </button>
      </div>
      {saved && (
        <p className="muted" role="status">
          {saved}
        </p>
      )}
      <StudioChecklist steps={awsStudioChecklist(o, config)} />
    </div>
  );
}
