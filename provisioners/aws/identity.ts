import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { describePrincipal, parseArn, type Principal } from './arn';

export interface CallerIdentity {
  accountId: string;
  arn: string;
  userId: string;
  partition: string;
  principal: Principal;
}

/** STS GetCallerIdentity: needs no permissions, so it is the first real call the wizard makes. */
export async function getCallerIdentity(sts: Pick<STSClient, 'send'>, signal?: AbortSignal): Promise<CallerIdentity> {
  const out = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
  if (!out.Account || !out.Arn || !out.UserId) {
    throw new Error('STS GetCallerIdentity returned an incomplete identity.');
  }
  return {
    accountId: out.Account,
    arn: out.Arn,
    userId: out.UserId,
    partition: parseArn(out.Arn)?.partition ?? 'aws',
    principal: describePrincipal(out.Arn),
  };
}
