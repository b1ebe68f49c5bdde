/** `status`: the setups this app made (or adopted from an admin's hand-off) that the account can see. */
import type { SetupList } from '../../electron/contract';
import { flag } from '../args';
import type { Context } from '../context';
import { account } from '../setup-input';

export async function status(ctx: Context): Promise<number> {
  const list = await ctx.call<SetupList>('setups.list', { account: account(ctx) });
  const stack = flag(ctx.args, 'stack');
  const setups = list.setups.filter(
    (s) =>
      s.ref.cloud === 'aws' &&
      (!stack || s.ref.stackName === stack) &&
      (!ctx.region || !flag(ctx.args, 'region') || s.ref.region === ctx.region),
  );
  const lines = setups.map((s) => {
    const ref = s.ref as { region: string; stackName: string };
    const team = 'team' in s && s.team ? ` team ${s.team}` : '';
    return `${ref.stackName}  ${ref.region}  ${s.status}${team}${s.updatedAt ? `  ${s.updatedAt}` : ''}`;
  });
  for (const u of list.unreadable) lines.push(`(could not read ${u.where}: ${u.reason})`);
  ctx.result({ setups, unreadable: list.unreadable }, lines.length ? lines.join('\n') : 'No setups found.');
  return 0;
}
