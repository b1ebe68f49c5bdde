/** `login` and `whoami`: the same sign-in the app's first step does, with the AWS conventions. */
import type { Context } from '../context';
import { flag } from '../args';

interface Identity {
  accountId: string;
  arn: string;
  principal: { type: string; name: string };
  source: { label: string };
  expiresAt?: string;
}

const describe = (who: Identity) =>
  `${who.arn}\naccount ${who.accountId}, ${who.principal.type} ${who.principal.name}, credentials from ${who.source.label}${who.expiresAt ? `, until ${who.expiresAt}` : ''}`;

export async function whoami(ctx: Context): Promise<number> {
  const who = await ctx.call<Identity>('aws.whoami', { ...(ctx.profile ? { profile: ctx.profile } : {}) });
  ctx.result(who, describe(who));
  return 0;
}

/** Sign in: an SSO profile gets IAM Identity Center's device code on stderr; MFA takes --mfa-code. */
export async function login(ctx: Context): Promise<number> {
  const profiles = await ctx.call<{ profiles: { name: string; kind: string }[] }>('aws.profiles.list', {});
  const chosen = ctx.profile ? profiles.profiles.find((p) => p.name === ctx.profile) : undefined;
  if (chosen && chosen.kind === 'sso') {
    const started = await ctx.call('aws.sso.login', { profile: chosen.name });
    await ctx.follow(started);
  }
  const mfa = flag(ctx.args, 'mfa-code');
  const who = await ctx.call<Identity>('aws.signIn', {
    ...(ctx.profile ? { profile: ctx.profile } : {}),
    ...(mfa ? { mfaCode: mfa } : {}),
  });
  ctx.result(who, `Signed in as ${describe(who)}`);
  return 0;
}
