import { useState } from 'react';
import type { SetupRef } from '@contract/schemas/setup';
import { call } from '../api/client';
import { guarded } from '../api/guarded';
import { CopyButton } from '../components/CopyButton';
import { DataTable, type Column } from '../components/DataTable';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { toYaml } from '../features/export/studio-config';
import type { ChecklistStep } from '../features/studio/checklist';
import { saveFile } from '../lib/save';
import { useKeyed } from '../lib/use-keyed';
import { useAppStore } from '../store';
import { StudioChecklist } from './StudioChecklist';
import './OutputsPanel.css';

/** What a cloud makes of a deployed setup's outputs and record: the rows shown and the files exported. */
export interface OutputsExport {
  /** Each output under its Terraform name, as text. */
  rows: [string, string][];
  /** The ready-to-paste job variable lines of the granted secrets. */
  references: { key: string; envName: string; line: string }[];
  /** The exported files' names start with it. */
  baseName: string;
  /** The Studio config file's content (JSON or YAML). */
  studioConfig: unknown;
  /** `terraform output -json`'s shape. */
  terraformJson: string;
  /** What to do next in Studio. */
  checklist?: ChecklistStep[];
}

export type OutputsExporter<Ref extends SetupRef> = (read: {
  target: Ref;
  outputs: unknown;
  config: unknown;
  generator: string;
}) => OutputsExport;

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
 * Every output with a copy button, copy all, and the exports Studio takes directly. All of it is
 * read from the deployed setup (its outputs and its record in the cloud), never from the draft:
 * any computer shows and exports the same. The cloud's exporter says what the values mean.
 */
export function OutputsPanel<Ref extends SetupRef>({
  target,
  exporter,
  known,
}: {
  target: Ref;
  exporter: OutputsExporter<Ref>;
  /** The outputs the deploy of exactly this setup just reported (its finished event): not read again. */
  known?: unknown;
}) {
  const [saved, setSaved] = useState<string>();
  const appInfo = useAppStore((s) => s.appInfo);
  const read = useKeyed(JSON.stringify(target), async () => {
    const [o, c] = await Promise.all([
      known !== undefined ? { outputs: known } : guarded(() => call('setup.outputs', { target })),
      guarded(() => call('setup.config', { target })),
    ]);
    return { outputs: o.outputs, config: c.config };
  });

  if (read.status === 'idle' || read.status === 'loading') return <Spinner label="Reading the outputs…" />;
  if (read.status === 'error') return <ErrorNotice error={read.error} />;
  const made = exporter({
    target,
    ...read.value,
    generator: `${appInfo?.name ?? 'DataChain Cluster Setup'} ${appInfo?.version ?? ''}`.trim(),
  });
  const all = made.rows.map(([k, v]) => `${k} = ${v}`).join('\n');
  const base = made.baseName;
  const save = async (suffix: string, content: string, kind: 'json' | 'yaml') =>
    setSaved(await saveFile(`${base}.${suffix}`, content, kind));

  return (
    <div className="outputs">
      <DataTable label="Outputs" columns={OUTPUT_COLUMNS} rows={made.rows} rowKey={([name]) => name} />
      {made.references.length > 0 && (
        <section aria-label="Secret references">
          <h3>Job environment variables</h3>
          <ul className="references">
            {made.references.map((s) => (
              <li key={s.key} className="reference">
                <code className="mono">{s.line}</code>
                <CopyButton text={s.line} label={`Copy the reference for ${s.envName}`} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="row" role="group" aria-label="Export">
        <CopyButton text={all} label="Copy all outputs" size="regular">
          Copy all
        </CopyButton>
        <button
          type="button"
          className="button button--primary"
          onClick={() => void save('studio.json', `${JSON.stringify(made.studioConfig, null, 2)}\n`, 'json')}
        >
          Export Studio config (JSON)
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void save('studio.yaml', toYaml(made.studioConfig), 'yaml')}
        >
          Export as YAML
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void save('tfoutput.json', made.terraformJson, 'json')}
        >
          Export terraform output -json
        </button>
      </div>
      {saved && (
        <p className="muted" role="status">
          {saved}
        </p>
      )}
      {made.checklist && <StudioChecklist steps={made.checklist} />}
    </div>
  );
}
