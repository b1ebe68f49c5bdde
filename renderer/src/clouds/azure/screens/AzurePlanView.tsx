import type { AzurePlanView as Plan } from '@contract/clouds/azure';
import { DataTable, type Column } from '../../../components/DataTable';
import { Notice } from '../../../components/Notice';
import '../../../screens/PlanView.css';
import './azure.css';

type Row = Plan['rows'][number];
type Assignment = Plan['assignments'][number];
type Permission = Plan['permissions'][number];

const ACTION_LABEL: Record<Row['action'], string> = {
  create: 'Create',
  update: 'Change',
  none: 'No change',
  adopt: 'Adopt',
  restore: 'Restore',
  delete: 'Remove',
  conflict: 'Conflict',
};
const ACTION_TONE: Record<Row['action'], string> = {
  create: 'add',
  update: 'modify',
  none: 'none',
  adopt: 'import',
  restore: 'import',
  delete: 'remove',
  conflict: 'remove',
};
const KIND_LABEL: Record<Row['kind'], string> = {
  provider: 'Resource provider',
  resourceGroup: 'Resource group',
  application: 'App registration',
  federatedCredential: 'Federated credential',
  servicePrincipal: 'Service principal',
  owner: 'Owner',
  roleDefinition: 'Custom role',
  roleAssignment: 'Role assignment',
  accessPolicy: 'Access policy',
  record: "Setup's record",
};

const Action = ({ action }: { action: Row['action'] }) => (
  <span className={`change change--${ACTION_TONE[action]}`}>{ACTION_LABEL[action]}</span>
);

const ROW_COLUMNS: Column<Row>[] = [
  { key: 'change', header: 'Change', cell: (r) => <Action action={r.action} /> },
  { key: 'object', header: 'Object', className: 'mono', cell: (r) => r.name },
  { key: 'kind', header: 'Kind', cell: (r) => KIND_LABEL[r.kind] },
  {
    key: 'details',
    header: 'Details',
    className: 'small wrap-anywhere',
    // One line per change (a custom role adds many actions and scopes): read down, not across.
    cell: (r) =>
      [
        r.reason,
        ...r.changes.map((c) => `${c.field}: ${c.before ?? '—'} → ${c.after ?? '—'}`),
        r.scope ? `scope ${r.scope}` : undefined,
      ]
        .filter(Boolean)
        .map((line, i) => (
          <span key={i} className="plan-line">
            {line}
          </span>
        )),
  },
];

const ASSIGNMENT_COLUMNS: Column<Assignment>[] = [
  { key: 'change', header: 'Change', cell: (a) => <Action action={a.action} /> },
  { key: 'role', header: 'Role', className: 'mono', cell: (a) => a.roleName },
  { key: 'principal', header: 'Given to', cell: (a) => `${a.principal} identity` },
  { key: 'scope', header: 'Scope', className: 'mono small wrap-anywhere', cell: (a) => a.scope },
];

const PERMISSION_LABEL: Record<Permission['status'], string> = { ok: 'OK', missing: 'Missing', unknown: 'Unknown' };
const PERMISSION_COLUMNS: Column<Permission>[] = [
  {
    key: 'status',
    header: 'Status',
    cell: (p) => (
      <span
        className={`status status--${p.status === 'ok' ? 'complete' : p.status === 'missing' ? 'failed' : 'pending'}`}
      >
        {PERMISSION_LABEL[p.status]}
      </span>
    ),
  },
  { key: 'what', header: 'Needed for', cell: (p) => p.what },
  { key: 'scope', header: 'Where', className: 'mono small wrap-anywhere', cell: (p) => p.scope },
  {
    key: 'ask',
    header: 'If missing',
    className: 'small',
    cell: (p) => (p.status === 'ok' ? '' : [p.askFor, p.detail].filter(Boolean).join(' ')),
  },
];

/** An Azure plan: every object with its change, every role and assignment, the permission pre-check. */
export function AzurePlanView({ plan, onlyChanges = false }: { plan: Plan; onlyChanges?: boolean }) {
  const rows = onlyChanges ? plan.rows.filter((r) => r.action !== 'none') : plan.rows;
  const missing = plan.permissions.filter((p) => p.status !== 'ok');
  return (
    <>
      {plan.blockers.map((b) => (
        <Notice key={b.code + b.message} tone="error" title={b.message}>
          {b.hint}
        </Notice>
      ))}
      {plan.warnings.map((w) => (
        <Notice key={w.code + w.message} tone="warning" title={w.message}>
          {w.hint}
        </Notice>
      ))}

      <section className="card" aria-label="Changes">
        <div className="card__head">
          <h2>What the deploy does</h2>
          <span className="muted">
            {plan.writes} write{plan.writes === 1 ? '' : 's'} in {plan.resourceGroup} ({plan.location})
          </span>
        </div>
        <DataTable label="Planned changes" columns={ROW_COLUMNS} rows={rows} rowKey={(r) => r.key} />
      </section>

      {plan.roles.length > 0 && (
        <section className="card" aria-label="Custom roles">
          <h2>Custom roles</h2>
          {plan.roles.map((role) => (
            <details key={role.guid} className="policy">
              <summary>
                <Action action={role.action} /> <span className="mono">{role.roleName}</span>{' '}
                <span className="muted wrap-anywhere">
                  ({role.purpose}, defined at {role.scope})
                </span>
              </summary>
              <h3>Actions</h3>
              <ul className="mono small wrap-anywhere">
                {role.actions.map((a) => (
                  <li key={a}>
                    {a}
                    {role.addedActions.includes(a) ? ' (added)' : ''}
                  </li>
                ))}
                {role.removedActions.map((a) => (
                  <li key={`-${a}`}>{a} (removed)</li>
                ))}
              </ul>
              <h3>Assignable scopes</h3>
              <ul className="mono small wrap-anywhere">
                {role.assignableScopes.map((s) => (
                  <li key={s}>
                    {s}
                    {role.addedScopes.includes(s) ? ' (added)' : ''}
                  </li>
                ))}
                {role.removedScopes.map((s) => (
                  <li key={`-${s}`}>{s} (removed)</li>
                ))}
              </ul>
            </details>
          ))}
        </section>
      )}

      {(plan.assignments.length > 0 || plan.accessPolicies.length > 0) && (
        <section className="card" aria-label="Role assignments">
          <h2>Role assignments and access policies</h2>
          {plan.assignments.length > 0 && (
            <DataTable
              label="Role assignments"
              columns={ASSIGNMENT_COLUMNS}
              rows={plan.assignments}
              rowKey={(a) => a.name + a.scope}
            />
          )}
          {plan.accessPolicies.length > 0 && (
            <ul>
              {plan.accessPolicies.map((p) => (
                <li key={p.vaultId}>
                  <Action action={p.action} /> secrets <span className="mono">{p.secrets.join(', ')}</span> on the
                  access-policy vault <span className="mono">{p.vault}</span> for the storage identity
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {plan.permissions.length > 0 && (
        <section className="card" aria-label="Permission check">
          <div className="card__head">
            <h2>Your permissions</h2>
            <span className="muted">
              {missing.length === 0 ? 'Everything the deploy needs looks granted' : `${missing.length} to look at`}
            </span>
          </div>
          <DataTable
            label="Permission check"
            columns={PERMISSION_COLUMNS}
            rows={plan.permissions}
            rowKey={(p) => p.id}
          />
        </section>
      )}
    </>
  );
}
