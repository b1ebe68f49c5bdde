import { z } from 'zod';
import type { MethodSpec } from '../../methods/spec';
import { StartedOperation } from '../../schemas/setup';
import { BucketName, SecretArn } from '../../../../provisioners/aws/schema';
import {
  BucketCheck,
  BucketPage,
  Cursor,
  NodePoolCheckInput,
  NodePoolReport,
  ProfileInput,
  ProfileListing,
  RegionSummary,
  SecretCheck,
  SecretPage,
  SignInInput,
  ZoneListing,
} from './discovery';
import { AwsIdentity, AwsProfileName, AwsRegion, AwsSessionSelector } from './session';
import {
  InAppSession,
  SavedProfile,
  SaveProfileInput,
  SsoAccountPage,
  SsoAccountsInput,
  SsoRolePage,
  SsoRolesInput,
  SsoStartInput,
  SsoUseInput,
  StaticKeysInput,
} from './sign-in';

/** Signing in to AWS and discovering what the account has. The setup lifecycle is cloud-neutral (methods/setup.ts). */
export const awsMethods = {
  'aws.whoami': {
    summary: 'Who the local AWS credentials belong to (STS GetCallerIdentity).',
    input: AwsSessionSelector,
    output: AwsIdentity,
  },
  'aws.profiles.list': {
    summary: 'The profiles in the AWS config files, each labelled by kind, and whether environment credentials exist.',
    input: z.object({}).strict(),
    output: ProfileListing,
  },
  'aws.signIn': {
    summary: 'Use a profile (or the default chain), with an MFA code when it asks for one, and say who that is.',
    input: SignInInput,
    output: AwsIdentity,
  },
  'aws.sso.login': {
    summary:
      'Sign in to IAM Identity Center for an SSO profile (device code shown in the app); the token is shared with the AWS CLI.',
    input: z.object({ profile: AwsProfileName }).strict(),
    output: StartedOperation,
  },
  'aws.sso.start': {
    summary:
      'Sign in to IAM Identity Center from its start URL, without a profile (device code shown in the app). The token stays in main; the result is a login id.',
    input: SsoStartInput,
    output: StartedOperation,
  },
  'aws.sso.accounts': {
    summary: 'One page of the accounts the IAM Identity Center sign-in may use.',
    input: SsoAccountsInput,
    output: SsoAccountPage,
  },
  'aws.sso.roles': {
    summary: 'One page of the roles the IAM Identity Center sign-in has in an account.',
    input: SsoRolesInput,
    output: SsoRolePage,
  },
  'aws.sso.use': {
    summary: 'Use a role of an account from the sign-in: its credentials stay in main; the result names the session.',
    input: SsoUseInput,
    output: InAppSession,
  },
  'aws.keys.use': {
    summary: 'Use access keys typed into the app: held in memory only, never written unless saved as a profile.',
    input: StaticKeysInput,
    output: InAppSession,
  },
  'aws.profile.save': {
    summary:
      'Save an in-app sign-in as a profile: SSO as an sso-session and a profile in ~/.aws/config, keys in ~/.aws/credentials (0600).',
    input: SaveProfileInput,
    output: SavedProfile,
  },
  'aws.regions.list': {
    summary: 'Regions enabled for the account.',
    input: ProfileInput,
    output: z.array(RegionSummary),
  },
  'aws.zones.list': {
    summary: "A region's availability zones, with those EKS cannot use marked (Local and Wavelength zones left out).",
    input: z.object({ profile: AwsProfileName.optional(), region: AwsRegion }).strict(),
    output: ZoneListing,
  },
  'aws.buckets.list': {
    summary: "One page of the account's buckets with their regions.",
    input: z
      .object({
        profile: AwsProfileName.optional(),
        cursor: Cursor.optional(),
        prefix: z.string().max(63).optional(),
        pageSize: z.number().int().min(1).max(10_000).optional(),
      })
      .strict(),
    output: BucketPage,
  },
  'aws.buckets.check': {
    summary: 'Whether a bucket exists, where, whether it is yours, and whether a customer KMS key encrypts it.',
    input: z.object({ profile: AwsProfileName.optional(), name: BucketName, region: AwsRegion.optional() }).strict(),
    output: BucketCheck,
  },
  'aws.secrets.list': {
    summary: 'One page of Secrets Manager secrets in a region (names, ARNs, keys; never values).',
    input: z
      .object({
        profile: AwsProfileName.optional(),
        region: AwsRegion,
        cursor: Cursor.optional(),
        namePrefix: z.string().max(512).optional(),
      })
      .strict(),
    output: SecretPage,
  },
  'aws.secrets.check': {
    summary: 'Whether a secret exists and whether a customer KMS key encrypts it (its value is never read).',
    input: z.object({ profile: AwsProfileName.optional(), arn: SecretArn }).strict(),
    output: SecretCheck,
  },
  'aws.nodePools.check': {
    summary: 'Check node pools against the region: instance types, zones, Spot support, GPUs and vCPU quotas.',
    input: NodePoolCheckInput,
    output: NodePoolReport,
  },
} as const satisfies Record<string, MethodSpec>;
