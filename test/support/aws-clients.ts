import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient } from '@aws-sdk/client-eks';
import { IAMClient } from '@aws-sdk/client-iam';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import type { AwsClients } from '../../provisioners/aws/clients';
import { TEST_KEYS } from './aws-env';

/** Real AWS SDK clients, pointed at moto. */
export function motoClients(motoUrl: string, region = 'eu-north-1'): AwsClients {
  const config = { region, endpoint: motoUrl, credentials: TEST_KEYS, maxAttempts: 2 };
  return {
    cloudformation: new CloudFormationClient(config),
    iam: new IAMClient(config),
    ec2: new EC2Client(config),
    serviceQuotas: new ServiceQuotasClient(config),
    eks: new EKSClient(config),
  };
}

/** Drain a provisioner generator, collecting its events, and return its result. */
export async function drain<E, R>(generator: AsyncGenerator<E, R>): Promise<{ events: E[]; result: R }> {
  const events: E[] = [];
  for (;;) {
    const next = await generator.next();
    if (next.done) return { events, result: next.value };
    events.push(next.value);
  }
}

/** Drain a generator that is expected to throw; returns the events and the error. */
export async function drainError<E>(generator: AsyncGenerator<E, unknown>): Promise<{ events: E[]; error: unknown }> {
  const events: E[] = [];
  try {
    for (;;) {
      const next = await generator.next();
      if (next.done) throw new Error('expected the generator to fail');
      events.push(next.value);
    }
  } catch (error) {
    return { events, error };
  }
}
