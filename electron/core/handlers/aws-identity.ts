import { STSClient } from '@aws-sdk/client-sts';
import { getCallerIdentity } from '../../../provisioners/aws/identity';
import type { AppContract } from '../../contract';
import type { AwsSessions } from '../aws/session';
import type { HandlersOf } from '../dispatch';

type IdentityHandlers = Pick<HandlersOf<AppContract>, 'aws.whoami'>;

export function awsIdentityHandlers(sessions: AwsSessions): IdentityHandlers {
  return {
    async 'aws.whoami'(input, ctx) {
      const session = sessions.get(input);
      const sts = new STSClient({ ...(await session.clientConfig(input.region)), maxAttempts: 2 });
      try {
        const identity = await getCallerIdentity(sts, ctx.signal);
        const expiresAt = await session.expiresAt();
        return {
          ...identity,
          partition: identity.partition as never,
          source: session.source,
          ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
        };
      } finally {
        sts.destroy();
      }
    },
  };
}
