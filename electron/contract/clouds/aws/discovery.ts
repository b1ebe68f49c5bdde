/** What the wizard discovers in an AWS account: the inputs of the discovery methods; outputs are the provisioner's schemas. */
import { z } from 'zod';
import { NodePools } from '../../../../provisioners/aws/node-pools.schema';
import { ZoneName } from '../../../../provisioners/aws/schema';
import { ProfileSummary } from '../../../../provisioners/aws/discovery.schema';
import { AwsProfileName, AwsRegion } from './session';

export {
  BucketCheck,
  BucketPage,
  KeyInfo,
  ProfileKind,
  ProfileSummary,
  RegionSummary,
  SecretCheck,
  SecretPage,
  ZoneListing,
} from '../../../../provisioners/aws/discovery.schema';
export { NodePoolReport } from '../../../../provisioners/aws/node-pools.schema';

export const ProfileListing = z.object({
  profiles: z.array(ProfileSummary),
  /** Credentials in environment variables, when present (used when no profile is chosen). */
  environment: z.object({ label: z.string(), temporary: z.boolean() }).optional(),
  /** The profile the default chain would use (AWS_PROFILE, else "default"). */
  defaultProfile: z.string(),
  /** The region the default chain would use (AWS_REGION, else the default profile's), when one is set. */
  defaultRegion: z.string().max(64).optional(),
  configFile: z.string(),
  credentialsFile: z.string(),
});
export type ProfileListing = z.infer<typeof ProfileListing>;

export const ProfileInput = z.object({ profile: AwsProfileName.optional() }).strict();

export const SignInInput = z
  .object({
    profile: AwsProfileName.optional(),
    /** The current code of the profile's MFA device, when it asks for one. */
    mfaCode: z
      .string()
      .regex(/^\d{6}$/, 'an MFA code has 6 digits')
      .optional(),
  })
  .strict();

export const SsoLoginResult = z.object({ profile: z.string(), expiresAt: z.string(), cacheFile: z.string() });

export const Cursor = z.string().min(1).max(4096);

export const NodePoolCheckInput = z
  .object({
    profile: AwsProfileName.optional(),
    region: AwsRegion,
    zones: z.array(ZoneName).min(1).max(16),
    pools: NodePools,
  })
  .strict();
