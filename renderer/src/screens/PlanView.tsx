import type { SetupPlan as AnyPlan } from '@contract/schemas/setup';
import { DataTable, type Column } from '../components/DataTable';
import { Notice } from '../components/Notice';
import { GrantDiff } from '../components/GrantDiff';
import './PlanView.css';

type SetupPlan = Extract<AnyPlan, { cloud: 'aws' }>;

const ACTION_LABEL: Record<string, string> = {
  Add: 'Add',
  Modify: 'Change',
  Remove: 'Remove',
  Import: 'Import',
  Dynamic: 'Change',
  SyncWithActual: 'Sync',
};

const CHANGE_COLUMNS: Column<SetupPlan['rows'][number]>[] = [
  {
    key: 'change',
    header: 'Change',
    cell: (row) => (
      <span className={`change change--${row.action.toLowerCase()}`}>{ACTION_LABEL[row.action] ?? row.action}</span>
    ),
  },
  { key: 'resource', header: 'Resource', className: 'mono', cell: (row) => row.logicalId },
  { key: 'type', header: 'Type', className: 'mono small', cell: (row) => row.resourceType },
  {
    key: 'replaced',
    header: 'Replaced',
    cell: (row) =>
      row.action === 'Modify'
        ? row.replacement === 'True'
          ? 'Yes'
          : row.replacement === 'Conditional'
            ? 'Maybe'
            : 'No'
        : '—',
  },
];

function Findings({ plan }: { plan: SetupPlan }) {
  return (
    <>
      {plan.blockers.map((b) => (
        <Notice key={b.code + b.message} tone="error" title={b.message}>
          {b.hint}
          {b.link && (
            <>
              {' '}
              <span className="mono small">{b.link}</span>
            </>
          )}
        </Notice>
      ))}
      {plan.warnings.map((w) => (
        <Notice key={w.code + w.message} tone="warning" title={w.message}>
          {w.hint}
        </Notice>
      ))}
    </>
  );
}

/** The plan as the user reviews it: what changes, every IAM document, and what lies outside the stack. */
export function PlanView({ plan, onlyChangedPolicies = false }: { plan: SetupPlan; onlyChangedPolicies?: boolean }) {
  const counts = plan.rows.reduce<Record<string, number>>(
    (acc, r) => ({ ...acc, [r.action]: (acc[r.action] ?? 0) + 1 }),
    {},
  );
  const replacements = plan.rows.filter((r) => r.replacement === 'True' || r.replacement === 'Conditional').length;
  const policies = onlyChangedPolicies ? plan.policies.filter((p) => p.change !== 'unchanged') : plan.policies;
  return (
    <div className="plan">
      <Findings plan={plan} />
      {plan.kind === 'changes' && (
        <>
          <p className="plan__summary" aria-live="polite">
            {plan.action === 'create' ? 'Create' : 'Update'} the stack{' '}
            <strong className="mono">{plan.stackName}</strong> in {plan.region}:{' '}
            {[
              counts.Add && `${counts.Add} to add`,
              (counts.Modify ?? 0) + (counts.Dynamic ?? 0) > 0 &&
                `${(counts.Modify ?? 0) + (counts.Dynamic ?? 0)} to change`,
              counts.Remove && `${counts.Remove} to remove`,
            ]
              .filter(Boolean)
              .join(', ')}
            {replacements > 0 && `, ${replacements} replaced`}.
          </p>
          <DataTable
            label="Planned changes"
            columns={CHANGE_COLUMNS}
            rows={plan.rows}
            rowKey={(row) => row.logicalId}
          />
        </>
      )}
      {plan.outsideStack.length > 0 && (
        <section aria-label="Outside the stack">
          <h3>Outside the stack</h3>
          <ul>
            {plan.outsideStack.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      )}
      {policies.length > 0 && (
        <section aria-label="IAM policies">
          <h3>IAM policies{onlyChangedPolicies ? ' that change' : ''}</h3>
          {policies.map((p) => (
            <details key={p.key} className={`policy policy--${p.change}`}>
              <summary>
                <span className="mono">{p.role}</span> ·{' '}
                {p.kind === 'trust'
                  ? 'trust policy'
                  : p.kind === 'managed'
                    ? 'AWS managed policies'
                    : `inline policy ${p.name}`}
                {p.change !== 'unchanged' && <span className={`change change--${p.change}`}>{p.change}</span>}
              </summary>
              {(p.added.length > 0 || p.removed.length > 0) && p.change === 'modified' && (
                <GrantDiff added={p.added} removed={p.removed} />
              )}
              <pre className="code">{JSON.stringify(p.document ?? p.arns ?? p.before, null, 2)}</pre>
            </details>
          ))}
        </section>
      )}
    </div>
  );
}
