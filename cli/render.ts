/** Human text for plans, permission checklists, doctor reports and setups (stderr or stdout). */
import type { DoctorReport, PermissionReport, AwsPlanView as SetupPlan } from '../electron/contract';
import type { Context } from './context';

export function describePlan(ctx: Context, plan: SetupPlan): string {
  const { style } = ctx;
  const lines = [
    style.bold(
      plan.kind === 'changes'
        ? `Plan: ${plan.action === 'create' ? 'create' : 'update'} ${plan.stackName} in ${plan.region} (${plan.rows.length} change${plan.rows.length === 1 ? '' : 's'})`
        : plan.kind === 'no-changes'
          ? `Plan: ${plan.stackName} in ${plan.region} is up to date`
          : `Plan: ${plan.stackName} in ${plan.region} is blocked`,
    ),
  ];
  for (const row of plan.rows) lines.push(`  ${row.action.padEnd(8)} ${row.logicalId} (${row.resourceType})`);
  for (const policy of plan.policies.filter((p) => p.change !== 'unchanged')) {
    for (const grant of policy.added) lines.push(`  ${style.green('+')} ${policy.role}: ${grant}`);
    for (const grant of policy.removed) lines.push(`  ${style.red('-')} ${policy.role}: ${grant}`);
  }
  for (const line of plan.outsideStack) lines.push(`  outside the stack: ${line}`);
  for (const b of plan.blockers)
    lines.push(`${style.red('blocked')} ${b.message}${b.hint ? ` ${style.dim(b.hint)}` : ''}`);
  for (const w of plan.warnings)
    lines.push(`${style.yellow('warning')} ${w.message}${w.hint ? ` ${style.dim(w.hint)}` : ''}`);
  if (plan.takeover)
    lines.push(`${style.yellow('takeover')} ${plan.takeover.summary}`, ...plan.takeover.losses.map((l) => `  ${l}`));
  return `${lines.join('\n')}\n`;
}

const MARK = { ok: 'ok', missing: 'missing', unknown: 'unknown' } as const;

export function describePermissions(ctx: Context, report: PermissionReport): string {
  const { style } = ctx;
  const color = { ok: style.green, missing: style.red, unknown: style.yellow };
  const lines = [style.bold(`Permissions of ${report.principal}: ${report.summary}`)];
  const notOk = report.checks.filter((c) => c.status !== 'ok');
  for (const c of notOk.slice(0, 40))
    lines.push(`  ${color[c.status](MARK[c.status].padEnd(7))} ${c.action} on ${c.resource}`);
  if (notOk.length > 40) lines.push(`  … and ${notOk.length - 40} more (see --json)`);
  if (report.askAdmin && notOk.length)
    lines.push('Ask an admin for this policy (or give them `plan --handoff`):', report.askAdmin.trimEnd());
  return `${lines.join('\n')}\n`;
}

export function describeDoctor(ctx: Context, report: DoctorReport): string {
  const { style } = ctx;
  const mark = { pass: style.green('pass'), fail: style.red('FAIL'), unknown: style.yellow('????') };
  const lines: string[] = [];
  for (const f of report.findings) {
    lines.push(`${mark[f.status]} ${f.title}`);
    if (f.status !== 'pass') {
      if (f.detail) lines.push(`     ${f.detail}`);
      if (f.fix) lines.push(`     ${style.dim(`fix: ${f.fix}`)}`);
      // What --fix applies: on AWS a role's documents put back, on Azure a deploy from the record.
      if (f.remedy?.kind === (ctx.cloud === 'azure' ? 'redeploy' : 'restore-policy')) {
        lines.push(`     ${style.dim(`doctor --fix can: ${f.remedy.label}`)}`);
        // And what that writes, when the doctor could read it: grants put back (+), taken away (-).
        for (const line of f.remedy.changes?.added ?? []) lines.push(`       ${style.green(`+ ${line}`)}`);
        for (const line of f.remedy.changes?.removed ?? []) lines.push(`       ${style.red(`- ${line}`)}`);
      }
    }
  }
  lines.push('', style.bold(report.summary));
  return `${lines.join('\n')}\n`;
}
