import { useState } from 'react';
import type { ApiErrorShape } from '@contract/errors';
import type { DoctorRemedy, DoctorReport } from '@contract/domain';
import type { SetupRef } from '@contract/schemas/setup';
import { call, errorOf } from '../../api/client';
import { guarded } from '../../api/guarded';
import { ErrorNotice } from '../../components/ErrorNotice';
import { GrantDiff } from '../../components/GrantDiff';
import { Notice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';

/** Proven is good news; "could not be proven" is not, but nor is it a fault. */
const TONE = { ok: 'success', unknown: 'info', problems: 'warning' } as const;

const MARK = {
  pass: { label: 'pass', badge: 'badge--ok' },
  fail: { label: 'fail', badge: 'badge--danger' },
  unknown: { label: 'not checked', badge: 'badge--warn' },
} as const;

/**
 * The fixes offered here: putting back a role policy as the template has it (AWS, applied at
 * once: what it writes is listed above its button), and deploying again from the setup's record
 * where the cloud's plan shows what that puts back (Azure converges on every deploy): that one
 * is planned like any other change of the setup, shown first and applied only when asked.
 */
const offeredHere = (remedy: DoctorRemedy, planRedeploy: (() => void) | undefined) =>
  remedy.kind === 'restore-policy' || (remedy.kind === 'redeploy' && !!planRedeploy);

/** What a fix writes, shown before its button: the grants it puts back and the ones it takes away. */
function RemedyChanges({ changes }: { changes: NonNullable<DoctorRemedy['changes']> }) {
  if (!changes.added.length && !changes.removed.length) return null;
  return (
    <>
      <p className="doctor-findings__how">What this fix writes:</p>
      <GrantDiff added={changes.added} removed={changes.removed} label="What this fix writes" />
    </>
  );
}

/**
 * The doctor: proves from the live documents that Studio's tokens get in and nothing else does,
 * and checks what the setup relies on. A fix the app can make offers itself.
 */
export function DoctorCard({
  target,
  planRedeploy,
  busy: changing = false,
}: {
  target: SetupRef;
  /** Plan deploying the setup again from its record (where a deploy converges), shown before it applies. */
  planRedeploy?: () => void;
  /** A change of the setup is planned or running. */
  busy?: boolean;
}) {
  const [report, setReport] = useState<DoctorReport>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const [failure, setFailure] = useState<ApiErrorShape>();

  const check = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      setReport(await guarded(() => call('setup.doctor', { target })));
    } catch (error) {
      setFailure(errorOf(error).toJSON());
    } finally {
      setBusy(false);
    }
  };
  const repair = async (remedy: DoctorRemedy) => {
    if (remedy.kind === 'redeploy' && planRedeploy) return planRedeploy();
    setBusy(true);
    try {
      setDone((await guarded(() => call('setup.repair', { target, remedy }))).done);
    } catch (error) {
      setFailure(errorOf(error).toJSON());
    } finally {
      setBusy(false);
    }
    await check();
  };

  const problems = report?.findings.filter((f) => f.status !== 'pass') ?? [];
  // One button per fix: on Azure one deploy puts back everything it made.
  const firstWith = (remedy: DoctorRemedy) =>
    problems.find((p) => p.remedy?.kind === remedy.kind && p.remedy.target === remedy.target)?.id;
  return (
    <section className="card" aria-label="Doctor">
      <h2>Doctor</h2>
      <p>Check that Studio&apos;s tokens get in, reach what was granted, and that nothing else gets in.</p>
      <p>
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void check()}>
          {report ? 'Check again' : 'Run the doctor'}
        </button>
      </p>
      {busy && <Spinner label="Checking the setup…" />}
      {failure && <ErrorNotice title="The doctor could not finish" error={failure} />}
      {done && <p className="muted">{done}</p>}
      {report && (
        <Notice tone={TONE[report.verdict]} title={report.summary}>
          <p className="muted">
            {report.findings.filter((f) => f.status === 'pass').length} of {report.findings.length} checks passed.
          </p>
        </Notice>
      )}
      {problems.length > 0 && (
        <ul className="doctor-findings" aria-label="Findings">
          {problems.map((f) => (
            <li key={f.id}>
              <p>
                <span className={`badge ${MARK[f.status].badge}`}>{MARK[f.status].label}</span> {f.title}
              </p>
              {f.detail && <p>{f.detail}</p>}
              {f.fix && (
                <p className="muted">
                  <span className="doctor-findings__how">How to fix it:</span> {f.fix}
                </p>
              )}
              {f.remedy &&
                offeredHere(f.remedy, planRedeploy) &&
                (firstWith(f.remedy) === f.id ? (
                  <>
                    {f.remedy.changes && <RemedyChanges changes={f.remedy.changes} />}
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={busy || changing}
                      onClick={() => void repair(f.remedy!)}
                    >
                      {f.remedy.label}
                    </button>
                  </>
                ) : (
                  <p className="muted">The same fix, offered above, puts this right too.</p>
                ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
