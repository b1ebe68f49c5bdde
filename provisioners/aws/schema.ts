/**
 * What a DataChain setup on AWS is made of, as validated data. Pure zod (no SDK, no Node): the
 * app's contract and the renderer use these same rules, so a bad value is caught where it is
 * typed and again before any API call.
 */
import { z } from 'zod';

export const DEFAULT_ISSUER = 'studio.datachain.ai/api';
export const DEFAULT_TEAM = 'example-team';
export const DEFAULT_COMPUTE_CREDENTIALS = 'datachain-compute';
export const DEFAULT_STORAGE_CREDENTIALS = 'datachain-storage';

export const Region = z
  .string()
  .regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'not an AWS region code (expected something like eu-north-1)');

/** A standard availability zone name: the region plus one letter (no Local or Wavelength zones). */
export const ZoneName = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}[a-z]$/, 'not an availability zone name (expected something like eu-north-1a)');

/** S3 general purpose bucket naming rules (docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'must be 3 to 63 characters long';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'may contain only lowercase letters, digits, dots and hyphens';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'must begin and end with a letter or digit';
  if (name.includes('..')) return 'must not contain two adjacent dots';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'must not be formatted as an IP address';
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name)) return 'must not start with xn--, sthree- or amzn-s3-demo-';
  if (/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)) return 'must not end with a reserved suffix (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)';
  return undefined;
}

export const BucketName = z.string().superRefine((name, ctx) => {
  const problem = bucketNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: `"${name}" is not a valid S3 bucket name: it ${problem}` });
});

/** Full Secrets Manager ARN, including the 6-character suffix AWS appends to the name. */
export const SECRET_ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso[a-z-]*|aws-eusc):secretsmanager:[a-z]{2}(-[a-z]+)+-\d{1,2}:\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$/;

export const SecretArn = z
  .string()
  .regex(SECRET_ARN, 'not a full Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>)');

export const KMS_KEY_ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso[a-z-]*|aws-eusc):kms:[a-z]{2}(-[a-z]+)+-\d{1,2}:\d{12}:key\/(mrk-)?[A-Za-z0-9-]{32,36}$/;

export const KmsKeyArn = z.string().regex(KMS_KEY_ARN, 'not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>)');

/** Studio names (team/user and credentials): no wildcards, slashes, colons, quotes or spaces. */
export const StudioName = z
  .string()
  .min(1, 'is empty')
  .max(100, 'is longer than 100 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'may contain only letters, digits, dots, hyphens and underscores, and must start with a letter or digit');

/** The OIDC issuer as Studio publishes it: host and optional path, no scheme. */
export const IssuerHost = z
  .string()
  .transform((value) => value.trim().replace(/^https:\/\//, '').replace(/\/+$/, ''))
  .pipe(
    z
      .string()
      .max(255, 'is too long')
      .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(\/[A-Za-z0-9._~-]+)*$/, 'must be an https issuer host with an optional path, like studio.datachain.ai/api'),
  );

/** Optional prefix for every resource name; empty keeps the Terraform's names. */
export const NamePrefix = z
  .string()
  .regex(/^([a-z]([a-z0-9-]{0,18}[a-z0-9])?)?$/, 'must be empty, or 1 to 20 lowercase letters, digits and hyphens starting with a letter');

export const Thumbprint = z.string().regex(/^[0-9a-f]{40}$/, 'must be a SHA-1 thumbprint (40 lowercase hex digits)');

export const OidcProviderArn = z
  .string()
  .regex(/^arn:(aws|aws-cn|aws-us-gov|aws-iso[a-z-]*|aws-eusc):iam::\d{12}:oidc-provider\/.+$/, 'not an IAM OIDC provider ARN');

const TagKey = z
  .string()
  .min(1, 'tag key is empty')
  .max(128, 'tag key is longer than 128 characters')
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+@-]+$/u, 'tag key has characters AWS does not allow')
  .refine((key) => !key.toLowerCase().startsWith('aws:'), 'tag keys starting with aws: are reserved');
const TagValue = z.string().max(256, 'tag value is longer than 256 characters').regex(/^[\p{L}\p{Z}\p{N}_.:/=+@-]*$/u, 'tag value has characters AWS does not allow');

function unique<T extends z.ZodType>(item: T, what: string) {
  return z.array(item).superRefine((items, ctx) => {
    const seen = new Set<unknown>();
    items.forEach((value, index) => {
      if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [index], message: `${what} is listed twice` });
      seen.add(value);
    });
  });
}

export const StudioConnection = z.object({
  issuer: IssuerHost.default(DEFAULT_ISSUER),
  /** The Studio user or team that owns the credentials. */
  team: StudioName,
  computeCredentials: StudioName.default(DEFAULT_COMPUTE_CREDENTIALS),
  storageCredentials: StudioName.default(DEFAULT_STORAGE_CREDENTIALS),
});
export type StudioConnection = z.infer<typeof StudioConnection>;

export const AwsSetupConfig = z
  .object({
    region: Region,
    zones: unique(ZoneName, 'zone').pipe(z.array(z.string()).min(2, 'choose at least two availability zones (EKS needs two)').max(16)),
    studio: StudioConnection,
    namePrefix: NamePrefix.default(''),
    buckets: unique(BucketName, 'bucket').pipe(z.array(z.string()).max(200, 'at most 200 buckets per setup')).default([]),
    secrets: unique(SecretArn, 'secret').pipe(z.array(z.string()).max(200, 'at most 200 secrets per setup')).default([]),
    /** Customer-managed KMS keys the storage role may use (for SSE-KMS buckets and CMK secrets). */
    kmsKeys: unique(KmsKeyArn, 'key').default([]),
    /** Thumbprints of the issuer's TLS chain, computed by the app; needed when the provider is created. */
    oidcThumbprints: z.array(Thumbprint).max(5, 'IAM accepts at most 5 thumbprints').default([]),
    /** An IAM OIDC provider for the issuer that already exists in the account: reused, never managed. */
    existingOidcProviderArn: OidcProviderArn.optional(),
    tags: z.record(TagKey, TagValue).refine((tags) => Object.keys(tags).length <= 40, 'at most 40 tags').default({}),
  })
  .superRefine((config, ctx) => {
    config.zones.forEach((zone, index) => {
      if (!zone.startsWith(config.region) || zone.length !== config.region.length + 1) {
        ctx.addIssue({ code: 'custom', path: ['zones', index], message: `${zone} is not a zone of ${config.region}` });
      }
    });
    const partition = partitionOf(config.region);
    config.secrets.forEach((arn, index) => {
      if (arn.split(':')[1] !== partition) {
        ctx.addIssue({ code: 'custom', path: ['secrets', index], message: `this secret is in partition ${arn.split(':')[1]}, but ${config.region} is in ${partition}` });
      }
    });
  });
export type AwsSetupConfig = z.infer<typeof AwsSetupConfig>;
export type AwsSetupConfigInput = z.input<typeof AwsSetupConfig>;

/** The partition a region belongs to (arn:<partition>:…). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}

export function subjectFor(team: string, credentials: string): string {
  return `credentials:${team}/${credentials}`;
}

/** A job environment variable name, as Studio jobs accept it. */
export const EnvVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'use letters, digits and underscores, not starting with a digit');
/** A key inside a JSON secret (empty when the secret is a plain string). */
export const SecretKey = z.string().max(256).regex(/^[^#\s]*$/, 'may not contain # or spaces');

/** The ready-to-paste Studio job variable for a Secrets Manager secret: NAME=awssecret://<ARN>#<KEY>. */
export function secretReference(envName: string, secretArn: string, key: string): string {
  return `${envName}=awssecret://${secretArn}${key ? `#${key}` : ''}`;
}
