/**
 * What the wizard discovers in an AWS account, as wire types: profiles, regions, zones, buckets,
 * secrets and their keys. Each is one zod schema; the provisioners infer their types from it and
 * the contract re-exports it.
 */
import { z } from 'zod';

export const ProfileKind = z.enum([
  'static',
  'sso',
  'assume-role',
  'credential-process',
  'web-identity',
  'login',
  'incomplete',
]);
export type ProfileKind = z.infer<typeof ProfileKind>;

export const SsoSettings = z.object({
  startUrl: z.string(),
  region: z.string(),
  /** The [sso-session] name, when the profile uses one (token refresh works only then). */
  session: z.string().optional(),
  scopes: z.array(z.string()).optional(),
  accountId: z.string().optional(),
  roleName: z.string().optional(),
});
export type SsoSettings = z.infer<typeof SsoSettings>;

export const ProfileSummary = z.object({
  name: z.string(),
  kind: ProfileKind,
  /** The kind in words ("IAM Identity Center (SSO)"). */
  kindLabel: z.string(),
  /** Human description of the source, e.g. "assumes arn:… from profile base". */
  description: z.string(),
  region: z.string().optional(),
  /** The MFA device whose code this profile asks for. */
  mfaSerial: z.string().optional(),
  sso: SsoSettings.optional(),
  roleArn: z.string().optional(),
  sourceProfile: z.string().optional(),
  /** Where the profile is defined. */
  files: z.array(z.enum(['config', 'credentials'])),
});
export type ProfileSummary = z.infer<typeof ProfileSummary>;

export const RegionSummary = z.object({
  name: z.string(),
  /** `opt-in-not-required` or `opted-in`. */
  optIn: z.string(),
});
export type RegionSummary = z.infer<typeof RegionSummary>;

export const ZoneSummary = z.object({
  name: z.string(),
  zoneId: z.string(),
  /** False for zones EKS refuses; those are shown but not preselected. */
  eksSupported: z.boolean(),
  /** Why the zone is not preselected, in words. */
  note: z.string().optional(),
  selectedByDefault: z.boolean(),
});
export type ZoneSummary = z.infer<typeof ZoneSummary>;

export const ZoneListing = z.object({
  zones: z.array(ZoneSummary),
  /** Local and Wavelength zones the account opted into: never offered for a cluster. */
  skipped: z.array(z.object({ name: z.string(), type: z.string() })),
});
export type ZoneListing = z.infer<typeof ZoneListing>;

export const BucketSummary = z.object({
  name: z.string(),
  region: z.string().optional(),
  createdAt: z.string().optional(),
});
export type BucketSummary = z.infer<typeof BucketSummary>;

export const BucketPage = z.object({ buckets: z.array(BucketSummary), nextCursor: z.string().optional() });
export type BucketPage = z.infer<typeof BucketPage>;

export const KeyInfo = z.object({
  /** The key's ARN when it could be read (or was given as an ARN). */
  arn: z.string().optional(),
  /** Customer-managed keys need a grant; AWS-managed keys (aws/s3, aws/secretsmanager) do not. */
  managedBy: z.enum(['customer', 'aws', 'unknown']),
  /** Why the key could not be read, when it could not. */
  problem: z.string().optional(),
});
export type KeyInfo = z.infer<typeof KeyInfo>;

export const BucketCheck = z.object({
  name: z.string(),
  exists: z.boolean(),
  region: z.string().optional(),
  /** yours: readable with these credentials; elsewhere: exists, but access is denied. */
  access: z.enum(['yours', 'elsewhere', 'none']),
  /** Default encryption with a KMS key, when the bucket is readable. */
  kms: KeyInfo.optional(),
});
export type BucketCheck = z.infer<typeof BucketCheck>;

export const SecretSummary = z.object({
  name: z.string(),
  arn: z.string(),
  description: z.string().optional(),
  /** The KMS key id or ARN; absent means the AWS-managed aws/secretsmanager key. */
  kmsKeyId: z.string().optional(),
  /** True when a customer-managed key encrypts it (the storage role then needs kms:Decrypt). */
  customerKey: z.boolean(),
  lastChangedAt: z.string().optional(),
});
export type SecretSummary = z.infer<typeof SecretSummary>;

export const SecretPage = z.object({ secrets: z.array(SecretSummary), nextCursor: z.string().optional() });
export type SecretPage = z.infer<typeof SecretPage>;

export const SecretCheck = z.object({
  arn: z.string(),
  exists: z.boolean(),
  name: z.string().optional(),
  kms: KeyInfo.optional(),
});
export type SecretCheck = z.infer<typeof SecretCheck>;
