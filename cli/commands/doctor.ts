/**
 * `doctor`: prove that Studio's tokens get in and nothing else does (exit 6 when a check fails);
 * `doctor --fix` applies the fixes the doctor can make itself (after confirming), then checks again.
 */
import type { DoctorReport } from '../../electron/contract';
import type { Context } from '../context';
import { EXIT } from '../exit-codes';
import { describeDoctor } from '../render';
import { resolveTarget } from './target';

export async function doctor(ctx: Context): Promise<number> {
  const target = await resolveTarget(ctx);
  let report = await ctx.call<DoctorReport>('setup.doctor', { target });
  const fixable = report.findings.filter((f) => f.status === 'fail' && f.remedy?.kind === 'restore-policy');
  if (ctx.args.flags.fix === true && fixable.length) {
    if (!ctx.json) ctx.io.stderr.write(describeDoctor(ctx, report));
    const remedies = [...new Map(fixable.map((f) => [f.remedy!.target, f.remedy!])).values()];
    await ctx.confirm(
      `Apply ${remedies.length} fix${remedies.length > 1 ? 'es' : ''}: ${remedies.map((r) => r.label).join('; ')}?`,
    );
    for (const remedy of remedies)
      ctx.note((await ctx.call<{ done: string }>('setup.repair', { target, remedy })).done);
    report = await ctx.call<DoctorReport>('setup.doctor', { target });
  }
  ctx.result(report, describeDoctor(ctx, report));
  return report.verdict === 'problems' ? EXIT.doctorProblems : EXIT.ok;
}
