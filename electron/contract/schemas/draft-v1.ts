/**
 * The draft as version 1 of the app saved it (AWS only, Studio settings inside `aws`). Kept to
 * read old draft.json files; draft.ts migrates them to the current version.
 */
import { z } from 'zod';

const Short = z.string().max(256);

const DraftBucketV1 = z
  .object({
    name: Short,
    region: Short.optional(),
    /** The customer KMS key that encrypts the bucket, when it has one. */
    kmsKeyArn: Short.optional(),
    /** Whether to grant the storage role kms:Decrypt/GenerateDataKey on that key. */
    grantKms: z.boolean().default(false),
  })
  .strict();

const DraftSecretV1 = z
  .object({
    arn: z.string().max(2048),
    name: Short.optional(),
    /** The job environment variable name and the key inside the JSON secret. */
    envName: Short.default(''),
    key: Short.default(''),
    kmsKeyArn: Short.optional(),
    grantKms: z.boolean().default(false),
  })
  .strict();

const DraftAwsV1 = z
  .object({
    /** '' means the default credential chain. */
    profile: Short,
    studio: z
      .object({ issuer: Short, team: Short, computeCredentials: Short, storageCredentials: Short })
      .partial()
      .strict(),
    region: Short,
    zones: z.array(Short).max(26),
    buckets: z.array(DraftBucketV1).max(500),
    secrets: z.array(DraftSecretV1).max(500),
    secretRegions: z.array(Short).max(40),
    nodePools: z.array(z.record(z.string(), z.unknown())).max(20),
    namePrefix: Short,
    tags: z.record(Short, Short),
  })
  .partial()
  .strict();

const ActiveOperationV1 = z
  .object({
    operationId: z.string().max(128),
    kind: z.enum(['aws.deploy', 'aws.teardown', 'aws.attach']),
    stackName: Short,
    region: Short,
    profile: Short.optional(),
    stackId: z.string().max(2048).optional(),
    plannedChanges: z.number().int().nonnegative().optional(),
    cancelMeaning: z.string().max(1000).optional(),
  })
  .strict();

export const DraftV1 = z
  .object({
    version: z.literal(1),
    step: Short,
    cloud: z.enum(['aws', 'azure']).optional(),
    aws: DraftAwsV1.default({}),
    /** A deploy or teardown that was running, to re-attach to after a reload or restart. */
    activeOperation: ActiveOperationV1.optional(),
    /** The setup the outputs screen shows. */
    deployed: z
      .object({ stackName: Short, region: Short, stackId: z.string().max(2048), profile: Short.optional() })
      .strict()
      .optional(),
  })
  .strict();
export type DraftV1 = z.infer<typeof DraftV1>;
