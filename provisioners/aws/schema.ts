/**
 * What a DataChain setup on AWS is made of, as validated data. Pure zod (no SDK, no Node): the
 * app's contract and the renderer use these same rules, so a bad value is caught where it is
 * typed and again before any API call.
 */
import { z } from 'zod';
import { NodePools } from './node-pools.schema';
import { EnvVarName, formatSecretReference, SecretKey } from '../core/secrets.schema';
import { NamePrefix, StudioConnection } from '../core/studio.schema';
import { withoutProtoKey } from '../core/records.schema';
import { uniqueBy } from '../core/lists.schema';

export {
  DEFAULT_COMPUTE_CREDENTIALS,
  DEFAULT_ISSUER,
  DEFAULT_STORAGE_CREDENTIALS,
  DEFAULT_TEAM,
  IssuerHost,
  NamePrefix,
  StudioConnection,
  StudioName,
  subjectFor,
} from '../core/studio.schema';
export { EnvVarName, SecretKey } from '../core/secrets.schema';

export const Region = z
  .string()
  .max(32, 'is longer than an AWS region code can be')
  .regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'not an AWS region code (expected something like eu-north-1)');

/** A standard availability zone name: the region plus one letter (no Local or Wavelength zones). */
export const ZoneName = z
  .string()
  .max(33, 'is longer than an availability zone name can be')
  .regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}[a-z]$/, 'not an availability zone name (expected something like eu-north-1a)');

/** S3 general purpose bucket naming rules (docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'must be 3 to 63 characters long';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'may contain only lowercase letters, digits, dots and hyphens';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'must begin and end with a letter or digit';
  if (name.includes('..')) return 'must not contain two adjacent dots';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'must not be formatted as an IP address';
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name)) return 'must not start with xn--, sthree- or amzn-s3-demo-';
  if (/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name))
    return 'must not end with a reserved suffix (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)';
  return undefined;
}

/**
 * The bucket a pasted value names: `s3://bucket/key`, `arn:aws:s3:::bucket/key`, a virtual-hosted
 * or path-style bucket URL (`https://bucket.s3.eu-north-1.amazonaws.com/…`,
 * `https://s3.eu-north-1.amazonaws.com/bucket/…`), or a plain name (returned as typed, trimmed).
 */
/** The longest bucket reference understood (a URL with a path): what a field for one may take. */
export const BUCKET_REFERENCE_MAX = 2048;

export function bucketNameFrom(input: string): string {
  const value = input.trim().slice(0, BUCKET_REFERENCE_MAX);
  const s3Uri = /^s3:\/\/([^/?#]+)/i.exec(value);
  if (s3Uri) return s3Uri[1]!;
  const arn = /^arn:aws[a-z-]*:s3:::([^/]+)/.exec(value);
  if (arn) return arn[1]!;
  if (!/^https?:\/\//i.test(value)) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value;
  }
  const host = url.hostname.toLowerCase();
  if (host.length > 253) return value;
  const virtual = /^(.+)\.s3(?:[.-](?:dualstack\.)?[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.exec(host);
  if (virtual && !virtual[1]!.startsWith('s3.')) return virtual[1]!;
  if (/^s3(?:[.-](?:dualstack\.)?[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.test(host)) {
    const first = url.pathname.split('/').find(Boolean);
    if (first) return decodeURIComponent(first);
  }
  return value;
}

export const BucketName = z.string().superRefine((name, ctx) => {
  const problem = bucketNameProblem(name);
  const shown = name.length > 70 ? `${name.slice(0, 69)}…` : name;
  if (problem) ctx.addIssue({ code: 'custom', message: `"${shown}" is not a valid S3 bucket name: it ${problem}` });
});

/** Full Secrets Manager ARN, including the 6-character suffix AWS appends to the name. */
export const SECRET_ARN =
  /^arn:(aws|aws-cn|aws-us-gov|aws-iso[a-z-]*|aws-eusc):secretsmanager:[a-z]{2}(-[a-z]+)+-\d{1,2}:\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$/;

export const SecretArn = z
  .string()
  .max(2048, 'is longer than a secret ARN can be')
  .regex(
    SECRET_ARN,
    'not a full Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>)',
  );

export const KMS_KEY_ARN =
  /^arn:(aws|aws-cn|aws-us-gov|aws-iso[a-z-]*|aws-eusc):kms:[a-z]{2}(-[a-z]+)+-\d{1,2}:\d{12}:key\/(mrk-)?[A-Za-z0-9-]{32,36}$/;

export const KmsKeyArn = z
  .string()
  .max(2048, 'is longer than a KMS key ARN can be')
  .regex(KMS_KEY_ARN, 'not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>)');

export const Thumbprint = z.string().regex(/^[0-9a-f]{40}$/, 'must be a SHA-1 thumbprint (40 lowercase hex digits)');

export const OidcProviderArn = z
  .string()
  .max(2048, 'is longer than an OIDC provider ARN can be')
  .regex(
    /^arn:(aws|aws-cn|aws-us-gov|aws-iso[a-z-]*|aws-eusc):iam::\d{12}:oidc-provider\/.+$/,
    'not an IAM OIDC provider ARN',
  );

const TagKey = z
  .string()
  .min(1, 'tag key is empty')
  .max(128, 'tag key is longer than 128 characters')
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+@-]+$/u, 'tag key has characters AWS does not allow')
  .refine((key) => !key.toLowerCase().startsWith('aws:'), 'tag keys starting with aws: are reserved');
const TagValue = z
  .string()
  .max(256, 'tag value is longer than 256 characters')
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+@-]*$/u, 'tag value has characters AWS does not allow');

function unique<T extends z.ZodType>(item: T, what: string) {
  return z.array(item).superRefine((items, ctx) => {
    const seen = new Set<unknown>();
    items.forEach((value, index) => {
      if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [index], message: `${what} is listed twice` });
      seen.add(value);
    });
  });
}

/** A bucket the storage role may use, with the customer KMS key that encrypts it (when granted too). */
export const BucketGrant = z.object({ name: BucketName, kmsKeyArn: KmsKeyArn.optional() }).strict();
export type BucketGrant = z.infer<typeof BucketGrant>;

/**
 * A secret the storage role may read, with the job variable Studio jobs name it by and the key
 * inside a JSON secret ('' for a plain string), and its customer KMS key when granted too.
 */
export const SecretGrant = z
  .object({ arn: SecretArn, envName: EnvVarName, key: SecretKey.default(''), kmsKeyArn: KmsKeyArn.optional() })
  .strict();
export type SecretGrant = z.infer<typeof SecretGrant>;

export const AwsSetupConfig = z
  .object({
    region: Region,
    zones: unique(ZoneName, 'zone').pipe(
      z.array(z.string()).min(2, 'choose at least two availability zones (EKS needs two)').max(16),
    ),
    studio: StudioConnection,
    namePrefix: NamePrefix.default(''),
    buckets: z
      .array(BucketGrant)
      .max(200, 'at most 200 buckets per setup')
      .superRefine(uniqueBy<BucketGrant>('bucket', (b) => b.name, 'name'))
      .default([]),
    secrets: z
      .array(SecretGrant)
      .max(200, 'at most 200 secrets per setup')
      .superRefine(uniqueBy<SecretGrant>('secret', (s) => s.arn, 'arn'))
      .superRefine(uniqueBy<SecretGrant>('this job variable', (s) => s.envName, 'envName'))
      .default([]),
    /**
     * Customer KMS keys granted without a known bucket or secret: setups made before the app
     * recorded which grant needs which key. Kept until the user removes them.
     */
    otherKmsKeys: unique(KmsKeyArn, 'key').default([]),
    /** The node pools Studio creates in each cluster (absent for setups made before they were recorded). */
    nodePools: NodePools.optional(),
    /** Thumbprints of the issuer's TLS chain, computed by the app; needed when the provider is created. */
    oidcThumbprints: z.array(Thumbprint).max(5, 'IAM accepts at most 5 thumbprints').default([]),
    /** An IAM OIDC provider for the issuer that already exists in the account: reused, never managed. */
    existingOidcProviderArn: OidcProviderArn.optional(),
    tags: withoutProtoKey(z.record(TagKey, TagValue))
      .refine((tags) => Object.keys(tags).length <= 40, 'at most 40 tags')
      .default({}),
  })
  .superRefine((config, ctx) => {
    config.zones.forEach((zone, index) => {
      if (!zone.startsWith(config.region) || zone.length !== config.region.length + 1) {
        ctx.addIssue({ code: 'custom', path: ['zones', index], message: `${zone} is not a zone of ${config.region}` });
      }
    });
    const partition = partitionOf(config.region);
    const inPartition = (arn: string, path: (string | number)[], what: string) => {
      if (arn.split(':')[1] !== partition)
        ctx.addIssue({
          code: 'custom',
          path,
          message: `this ${what} is in partition ${arn.split(':')[1]}, but ${config.region} is in ${partition}`,
        });
    };
    config.secrets.forEach((s, index) => {
      inPartition(s.arn, ['secrets', index, 'arn'], 'secret');
      if (s.kmsKeyArn) inPartition(s.kmsKeyArn, ['secrets', index, 'kmsKeyArn'], 'key');
    });
    config.buckets.forEach(
      (b, index) => b.kmsKeyArn && inPartition(b.kmsKeyArn, ['buckets', index, 'kmsKeyArn'], 'key'),
    );
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

/** The customer KMS keys the storage role needs: those of its grants, each once, sorted. */
export function kmsKeysOf(config: Pick<AwsSetupConfig, 'buckets' | 'secrets' | 'otherKmsKeys'>): string[] {
  const keys = [
    ...config.buckets.map((b) => b.kmsKeyArn),
    ...config.secrets.map((s) => s.kmsKeyArn),
    ...config.otherKmsKeys,
  ];
  return [...new Set(keys.filter((k): k is string => !!k))].sort();
}

/** The grants that need a key, in words, for Manage. */
export function usersOfKey(config: Pick<AwsSetupConfig, 'buckets' | 'secrets'>, keyArn: string): string[] {
  return [
    ...config.buckets.filter((b) => b.kmsKeyArn === keyArn).map((b) => `bucket ${b.name}`),
    ...config.secrets.filter((s) => s.kmsKeyArn === keyArn).map((s) => `secret ${secretNameOf(s.arn)}`),
  ];
}

/** A secret's name from its ARN, without the six-character suffix Secrets Manager appends. */
export function secretNameOf(arn: string): string {
  return arn.split(':secret:')[1]?.replace(/-[A-Za-z0-9]{6}$/, '') ?? arn;
}

/** The ready-to-paste Studio job variable for a Secrets Manager secret: NAME=awssecret://<ARN>#<KEY>. */
export function secretReference(envName: string, secretArn: string, key: string): string {
  return formatSecretReference(envName, `awssecret://${secretArn}`, key);
}
