import { useState } from 'react';
import type { SetupPlanInput } from '@contract/schemas/setup';
import type { ApiErrorShape } from '@contract/errors';
import type { Handoff } from '@contract/domain';
import { call, errorOf } from '../api/client';
import { guarded } from '../api/guarded';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { saveFile } from '../lib/save';
import { useKeyed } from '../lib/use-keyed';

const LABEL = { ok: 'ok', missing: 'missing', unknown: 'unknown' } as const;
const BADGE = { ok: 'badge--ok', missing: 'badge--danger', unknown: 'badge--warn' } as const;

/**
 * Before any write: whether the signed-in principal may do what the plan needs (the cloud
 * simulates each right), with what to ask an admin for — or the whole setup handed to an admin.
 */
export function PermissionChecklist({ input }: { input: SetupPlanInput }) {
  const report = useKeyed(JSON.stringify(input), () => guarded(() => call('setup.permissions', input)));
  const [handoff, setHandoff] = useState<Handoff>();
  const [saved, setSaved] = useState<string>();
  const [failure, setFailure] = useState<ApiErrorShape>();
  const allowed = report.status === 'ready' ? report.value.checks.filter((c) => c.status === 'ok') : [];

  const handToAdmin = async () => {
    setFailure(undefined);
    try {
      const bundle = await guarded(() => call('setup.handoff', { plan: input }));
      setHandoff(bundle);
      const results: string[] = [];
      for (const file of bundle.files.filter((f) => f.name.endsWith('.json')))
        results.push(await saveFile(file.name, file.content, 'json'));
      setSaved(results.join('; '));
    } catch (error) {
      setFailure(errorOf(error).toJSON());
    }
  };

  return (
    <section className="card" aria-label="Your permissions">
      <h2>Your permissions</h2>
      {report.status === 'loading' && <Spinner label="Checking what you may do…" />}
      {report.status === 'error' && <ErrorNotice error={report.error} />}
      {report.status === 'ready' && (
        <>
          <p>{report.value.summary}</p>
          <p className="muted">
            Checked for <span className="mono">{report.value.principal}</span>
            {report.value.method === 'unknown' && report.value.reason ? `: ${report.value.reason}` : ''}
          </p>
          <ul className="permission-list" aria-label="Rights this plan needs">
            {report.value.checks
              .filter((c) => c.status !== 'ok')
              .slice(0, 30)
              .map((c) => (
                <li key={`${c.action}|${c.resource}`}>
                  <span className={`badge ${BADGE[c.status]}`}>{LABEL[c.status]}</span>{' '}
                  <span className="mono">{c.action}</span> on <span className="mono">{c.resource}</span>
                  {c.detail && <span className="muted"> ({c.detail})</span>}
                </li>
              ))}
            <li>
              <span className="badge badge--ok">ok</span> {allowed.length} of {report.value.checks.length} rights
            </li>
          </ul>
          {allowed.length > 0 && (
            <details>
              <summary>The {allowed.length} rights you have</summary>
              <ul className="permission-list permission-list--allowed" aria-label="Rights you have">
                {allowed.slice(0, 200).map((c) => (
                  <li key={`${c.action}|${c.resource}`}>
                    <span className="mono">{c.action}</span> on <span className="mono">{c.resource}</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          {report.value.askAdmin && (
            <details>
              <summary>What to ask an admin for</summary>
              <pre className="mono">{report.value.askAdmin}</pre>
            </details>
          )}
        </>
      )}
      <p>
        <button type="button" className="button button--secondary" onClick={() => void handToAdmin()}>
          Hand this to an admin
        </button>
      </p>
      {failure && <ErrorNotice title="The hand-off could not be made" error={failure} />}
      {handoff && (
        <div aria-label="Admin hand-off">
          {saved && <p className="muted">{saved}</p>}
          <p>An admin runs this in the folder of template.json and parameters.json:</p>
          <pre className="mono">{handoff.command}</pre>
          <ul>
            {handoff.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
