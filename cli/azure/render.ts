/** Human text for Azure plans and their permission pre-check (stderr, or stdout for `plan`). */
import type { AzurePlanView } from '../../electron/contract';
import type { Context } from '../context';

export function describeAzurePlan(ctx: Context, plan: AzurePlanView): string {
  const { style } = ctx;
  const where = `${plan.resourceGroup} in subscription ${plan.subscriptionId} (${plan.location})`;
  const changing = plan.rows.filter((r) => r.action !== 'none');
  const lines = [
    style.bold(
      plan.kind === 'changes'
        ? `Plan: ${plan.action === 'create' ? 'create' : 'update'} ${where} (${plan.writes} write${plan.writes === 1 ? '' : 's'})`
        : plan.kind === 'no-changes'
          ? `Plan: ${where} is up to date`
          : `Plan: ${where} is blocked`,
    ),
  ];
  for (const row of changing) {
    lines.push(
      `  ${row.action.padEnd(8)} ${row.kind} ${row.name}${row.reason ? ` ${style.dim(`(${row.reason})`)}` : ''}`,
    );
    for (const c of row.changes.slice(0, 6))
      lines.push(`           ${c.field}: ${c.before !== undefined ? `${c.before} → ` : ''}${c.after ?? '(removed)'}`);
  }
  for (const b of plan.blockers)
    lines.push(`${style.red('blocked')} ${b.message}${b.hint ? ` ${style.dim(b.hint)}` : ''}`);
  for (const w of plan.warnings)
    lines.push(`${style.yellow('warning')} ${w.message}${w.hint ? ` ${style.dim(w.hint)}` : ''}`);
  if (plan.takeover)
    lines.push(`${style.yellow('takeover')} ${plan.takeover.summary}`, ...plan.takeover.losses.map((l) => `  ${l}`));
  if (plan.permissions.length) {
    const color = { ok: style.green, missing: style.red, unknown: style.yellow };
    const notOk = plan.permissions.filter((p) => p.status !== 'ok');
    lines.push(
      style.bold(
        `Permissions: ${notOk.length ? `${notOk.filter((p) => p.status === 'missing').length} missing, ${notOk.filter((p) => p.status === 'unknown').length} unknown` : `all ${plan.permissions.length} rights the plan needs are there`}`,
      ),
    );
    for (const p of notOk)
      lines.push(`  ${color[p.status](p.status.padEnd(7))} ${p.what} (${p.action} on ${p.scope}); ask for ${p.askFor}`);
    if (notOk.some((p) => p.status === 'missing'))
      lines.push('Ask an admin for these rights, or run `plan --handoff <folder>` and give them the folder.');
  }
  return `${lines.join('\n')}\n`;
}
