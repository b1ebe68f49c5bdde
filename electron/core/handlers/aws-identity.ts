import { ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { getCallerIdentity } from '../../../provisioners/aws/identity';
import type { AppContract, AwsIdentity } from '../../contract';
import { RegionalClients } from '../aws/clients';
import type { AwsSession, AwsSessions } from '../aws/session';
import type { HandlersOf } from '../dispatch';

type IdentityHandlers = Pick<HandlersOf<AppContract>, 'aws.whoami' | 'aws.signIn'>;

/** Who the session's credentials belong to: account (and alias), principal, source, expiry. */
export async function identify(session: AwsSession, env: AwsSessions['env'], region: string | undefined, signal?: AbortSignal): Promise<AwsIdentity> {
  const sts = new STSClient({ ...(await session.clientConfig(region)), maxAttempts: 2 });
  const clients = new RegionalClients(session, env);
  try {
    const identity = await getCallerIdentity(sts, signal);
    const expiresAt = await session.expiresAt();
    // The alias is a nicety: not every principal may read it.
    const alias = await (await clients.iam())
      .send(new ListAccountAliasesCommand({}), { abortSignal: signal })
      .then((out) => out.AccountAliases?.[0])
      .catch(() => undefined);
    return {
      ...identity,
      partition: identity.partition as AwsIdentity['partition'],
      ...(alias ? { accountAlias: alias } : {}),
      source: session.source,
      ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
    };
  } finally {
    sts.destroy();
    clients.destroy();
  }
}

export function awsIdentityHandlers(sessions: AwsSessions): IdentityHandlers {
  return {
    async 'aws.whoami'(input, ctx) {
      return identify(sessions.get(input), sessions.env, input.region, ctx.signal);
    },
    async 'aws.signIn'({ profile, mfaCode }, ctx) {
      // A fresh session: new credentials are resolved, with the MFA code when one was typed.
      const session = sessions.renew(profile, mfaCode ? { mfaCode } : {});
      return identify(session, sessions.env, undefined, ctx.signal);
    },
  };
}
