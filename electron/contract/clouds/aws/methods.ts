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
