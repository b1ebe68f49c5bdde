import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { EKSClient } from '@aws-sdk/client-eks';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';

/**
 * The AWS clients a provisioner needs, injected by the caller (which owns credentials, region
 * and endpoints). Only `send` is used, so tests may pass any object that answers commands.
 */
export interface AwsClients {
  cloudformation: Pick<CloudFormationClient, 'send'>;
  iam: Pick<IAMClient, 'send'>;
  ec2: Pick<EC2Client, 'send'>;
  serviceQuotas: Pick<ServiceQuotasClient, 'send'>;
  eks: Pick<EKSClient, 'send'>;
}

/** The AWS error name (`ValidationError`, `NoSuchEntity`, …) of a thrown SDK error. */
export function awsErrorName(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  return (error as { Code?: string }).Code ?? error.name;
}
