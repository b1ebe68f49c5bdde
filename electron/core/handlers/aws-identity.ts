import { ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { getCallerIdentity } from '../../../provisioners/aws/identity';
import type { AppContract, AwsIdentity } from '../../contract';
import type { AwsSession, AwsSessions } from '../aws/session';
import type { HandlersOf } from '../dispatch';

export type IdentityHandlers = Pick<HandlersOf<AppContract>, 'aws.whoami' | 'aws.signIn'>;

/** Who the session's credentials belong to: account (and alias), principal, source, expiry. */
export async function identify(
  session: AwsSession,
  region: string | undefined,
  signal?: AbortSignal,
): Promise<AwsIdentity> {
  return session.clients.use(async (pool) => {
    const [sts, iam] = await Promise.all([pool.client('sts', region), pool.client('iam', region)]);
    // The alias is a nicety: not every principal may read it. Asked alongside the identity, and
    // stopped when the identity fails (a failed sign-in leaves no request retrying behind it).
    const aliasAsk = new AbortController();
    const stopAlias = () => aliasAsk.abort();
    signal?.addEventListener('abort', stopAlias, { once: true });
    let identity: Awaited<ReturnType<typeof getCallerIdentity>>;
    let alias: string | undefined;
    try {
      const asked = iam
        .send(new ListAccountAliasesCommand({}), { abortSignal: aliasAsk.signal })
        .then((out) => out.AccountAliases?.[0])
        .catch(() => undefined);
      identity = await getCallerIdentity(sts, signal).catch((error: unknown) => {
        aliasAsk.abort();
        throw error;
      });
      alias = await asked;
    } finally {
      signal?.removeEventListener('abort', stopAlias);
    }
    const expiresAt = await session.expiresAt();
    return {
      ...identity,
      partition: identity.partition as AwsIdentity['partition'],
      ...(alias ? { accountAlias: alias } : {}),
      source: session.source,
      ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
    };
  });
}

export function awsIdentityHandlers(sessions: AwsSessions): IdentityHandlers {
  return {
    async 'aws.whoami'(input, ctx) {
      return identify(sessions.get(input), input.region, ctx.signal);
    },
    async 'aws.signIn'({ profile, mfaCode }, ctx) {
      // A fresh session: new credentials are resolved, with the MFA code when one was typed.
      const session = sessions.renew(profile, mfaCode ? { mfaCode } : {});
      return identify(session, undefined, ctx.signal);
    },
  };
}
