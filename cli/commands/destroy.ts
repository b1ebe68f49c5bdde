/** `destroy`: tear the setup down, as Manage does (only a setup this app made; never cancellable midway). */
import type { Context } from '../context';
import { resolveTarget } from './target';

export async function destroy(ctx: Context): Promise<number> {
  const target = await resolveTarget(ctx);
  await ctx.confirm(`Delete ${target.stackName} in ${target.region}? Studio loses access to everything it grants.`);
  const result = await ctx.follow(await ctx.call('setup.teardown', { target }));
  const r = result as { stackName?: string; deleted?: string[]; leftAlone?: { id: string; reason: string }[] };
  ctx.result(
    { status: 'deleted', ...r },
    [
      `Deleted ${r.stackName ?? target.stackName}.`,
      ...(r.leftAlone ?? []).map((l) => `Left alone: ${l.id} (${l.reason})`),
    ].join('\n'),
  );
  return 0;
}
