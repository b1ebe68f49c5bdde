import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient } from '@aws-sdk/client-eks';
import { IAMClient } from '@aws-sdk/client-iam';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import type { AwsClients } from '../../../provisioners/aws/clients';
import type { AwsSession } from './session';

/**
 * The clients a provisioner gets, built here in the main process from a session (credentials
 * never leave it). Adaptive retries back off on throttling before our own polling does.
 */
export async function awsClients(session: AwsSession, region: string): Promise<AwsClients & { destroy(): void }> {
  const config = { ...(await session.clientConfig(region)), maxAttempts: 6, retryMode: 'adaptive' as const };
  const clients = {
    cloudformation: new CloudFormationClient(config),
    iam: new IAMClient(config),
    ec2: new EC2Client(config),
    serviceQuotas: new ServiceQuotasClient(config),
    eks: new EKSClient(config),
  };
  return { ...clients, destroy: () => Object.values(clients).forEach((c) => c.destroy()) };
}
