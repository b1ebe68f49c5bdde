/** What the wizard discovers in an AWS account: profiles, regions, zones, buckets, secrets, node-pool checks. */
import { z } from 'zod';
import { NodePools } from '../../../provisioners/aws/node-pools.schema';
import { BucketName, SecretArn, ZoneName } from '../../../provisioners/aws/schema';
import { AwsProfileName, AwsRegion } from './aws';

export const ProfileKind = z.enum(['static', 'sso', 'assume-role', 'credential-process', 'web-identity', 'login', 'incomplete']);

export const ProfileSummary = z.object({
  name: z.string(),
  kind: ProfileKind,
  kindLabel: z.string(),
  description: z.string(),
  region: z.string().optional(),
  mfaSerial: z.string().optional(),
  sso: z
    .object({
      startUrl: z.string(),
      region: z.string(),
      session: z.string().optional(),
      accountId: z.string().optional(),
      roleName: z.string().optional(),
    })
    .optional(),
  roleArn: z.string().optional(),
  sourceProfile: z.string().optional(),
  files: z.array(z.enum(['config', 'credentials'])),
});
export type ProfileSummary = z.infer<typeof ProfileSummary>;

export const ProfileListing = z.object({
  profiles: z.array(ProfileSummary),
  /** Credentials in environment variables, when present (used when no profile is chosen). */
  environment: z.object({ label: z.string(), temporary: z.boolean() }).optional(),
  /** The profile the default chain would use (AWS_PROFILE, else "default"). */
  defaultProfile: z.string(),
  configFile: z.string(),
  credentialsFile: z.string(),
});
export type ProfileListing = z.infer<typeof ProfileListing>;

export const ProfileInput = z.object({ profile: AwsProfileName.optional() }).strict();

export const SignInInput = z
  .object({
    profile: AwsProfileName.optional(),
    /** The current code of the profile's MFA device, when it asks for one. */
    mfaCode: z.string().regex(/^\d{6}$/, 'an MFA code has 6 digits').optional(),
  })
  .strict();

export const SsoLoginResult = z.object({ profile: z.string(), expiresAt: z.string(), cacheFile: z.string() });

export const RegionSummary = z.object({ name: z.string(), optIn: z.string() });

export const ZoneListing = z.object({
  zones: z.array(
    z.object({ name: z.string(), zoneId: z.string(), eksSupported: z.boolean(), note: z.string().optional(), selectedByDefault: z.boolean() }),
  ),
  skipped: z.array(z.object({ name: z.string(), type: z.string() })),
});
export type ZoneListing = z.infer<typeof ZoneListing>;

export const Cursor = z.string().min(1).max(4096);

export const BucketPage = z.object({
  buckets: z.array(z.object({ name: z.string(), region: z.string().optional(), createdAt: z.string().optional() })),
  nextCursor: z.string().optional(),
});
export type BucketPage = z.infer<typeof BucketPage>;

export const KeyInfo = z.object({
  arn: z.string().optional(),
  managedBy: z.enum(['customer', 'aws', 'unknown']),
  problem: z.string().optional(),
});

export const BucketCheck = z.object({
  name: z.string(),
  exists: z.boolean(),
  region: z.string().optional(),
  access: z.enum(['yours', 'elsewhere', 'none']),
  kms: KeyInfo.optional(),
});
export type BucketCheck = z.infer<typeof BucketCheck>;

export const SecretPage = z.object({
  secrets: z.array(
    z.object({
      name: z.string(),
      arn: z.string(),
      description: z.string().optional(),
      kmsKeyId: z.string().optional(),
      customerKey: z.boolean(),
      lastChangedAt: z.string().optional(),
    }),
  ),
  nextCursor: z.string().optional(),
});
export type SecretPage = z.infer<typeof SecretPage>;

export const SecretCheck = z.object({ arn: z.string(), exists: z.boolean(), name: z.string().optional(), kms: KeyInfo.optional() });
export type SecretCheck = z.infer<typeof SecretCheck>;

export const NodePoolCheckInput = z
  .object({ profile: AwsProfileName.optional(), region: AwsRegion, zones: z.array(ZoneName).min(1), pools: NodePools })
  .strict();

export const NodePoolReport = z.object({
  pools: z.array(
    z.object({
      name: z.string(),
      findings: z.array(z.object({ severity: z.enum(['blocker', 'warning']), field: z.string().optional(), message: z.string(), hint: z.string().optional(), link: z.string().optional() })),
    }),
  ),
  instanceTypes: z.array(
    z.object({
      type: z.string(),
      vcpus: z.number(),
      memoryMiB: z.number(),
      spot: z.boolean(),
      architectures: z.array(z.string()),
      gpu: z.object({ name: z.string(), manufacturer: z.string(), count: z.number(), memoryMiB: z.number() }).optional(),
      zones: z.array(z.string()),
    }),
  ),
  quotas: z.array(
    z.object({
      group: z.string(),
      capacity: z.enum(['ON_DEMAND', 'SPOT']),
      code: z.string(),
      needed: z.number(),
      limit: z.number().optional(),
      source: z.enum(['applied', 'default', 'unknown']),
      pools: z.array(z.string()),
      ok: z.boolean(),
      message: z.string(),
      link: z.string(),
    }),
  ),
  ok: z.boolean(),
});
export type NodePoolReport = z.infer<typeof NodePoolReport>;

export { BucketName, SecretArn, NodePools };
