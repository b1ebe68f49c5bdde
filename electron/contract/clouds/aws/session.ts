/** AWS sign-in as the renderer sees it: whose credentials, from where. Never the credentials. */
import { z } from 'zod';
import { Region } from '../../../../provisioners/aws/schema';
import { AwsProfileName } from '../../../../provisioners/aws/setup.schema';

export { AwsProfileName };

/** Region codes follow the provisioner's rule (one definition, shared with the renderer). */
export const AwsRegion = Region;
export type AwsRegion = z.infer<typeof AwsRegion>;

export const AwsAccountId = z.string().regex(/^\d{12}$/, 'an AWS account id has 12 digits');

export const AwsPartition = z.enum([
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
]);
export type AwsPartition = z.infer<typeof AwsPartition>;

/** Where the credentials in use came from. Never the credentials themselves. */
export const AwsCredentialSource = z.object({
  kind: z.enum(['environment', 'profile', 'default-chain', 'in-app']),
  /** Human label: `environment variables`, `profile "dev"`, ... */
  label: z.string(),
  profile: z.string().optional(),
});
export type AwsCredentialSource = z.infer<typeof AwsCredentialSource>;

export const AwsSessionSelector = z
  .object({
    /** Profile to use; omitted means the default chain (environment, then AWS_PROFILE / default). */
    profile: AwsProfileName.optional(),
    region: AwsRegion.optional(),
  })
  .strict();
export type AwsSessionSelector = z.infer<typeof AwsSessionSelector>;

export const AwsIdentity = z.object({
  accountId: AwsAccountId,
  /** The account alias, when one is set and readable. */
  accountAlias: z.string().optional(),
  arn: z.string(),
  userId: z.string(),
  partition: AwsPartition,
  principal: z.object({
    type: z.enum(['root', 'user', 'assumed-role', 'federated-user', 'other']),
    /** User name, or role name for an assumed role. */
    name: z.string(),
    /** Session name for an assumed role. */
    session: z.string().optional(),
  }),
  source: AwsCredentialSource,
  /** ISO time the temporary credentials expire, when they do. */
  expiresAt: z.string().optional(),
});
export type AwsIdentity = z.infer<typeof AwsIdentity>;
