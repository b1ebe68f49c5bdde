/**
 * Every object is strict: an unknown field is refused, not silently stored.
 *
 * The wizard's draft, saved by the main process so it survives a restart of either shell. Its
 * shape has no room for credentials or secret values: profiles are names, secrets are ARNs with
 * the name of a JSON key, never what the key holds.
 */
import { z } from 'zod';

const Short = z.string().max(256);

export const DraftBucket = z.object({
  name: Short,
  region: Short.optional(),
  /** The customer KMS key that encrypts the bucket, when it has one. */
  kmsKeyArn: Short.optional(),
  /** Whether to grant the storage role kms:Decrypt/GenerateDataKey on that key. */
  grantKms: z.boolean().default(false),
}).strict();

export const DraftSecret = z.object({
  arn: z.string().max(2048),
  name: Short.optional(),
  /** The job environment variable name and the key inside the JSON secret. */
  envName: Short.default(''),
  key: Short.default(''),
  kmsKeyArn: Short.optional(),
  grantKms: z.boolean().default(false),
}).strict();

export const DraftAws = z
  .object({
    /** '' means the default credential chain. */
    profile: Short,
    studio: z.object({ issuer: Short, team: Short, computeCredentials: Short, storageCredentials: Short }).partial().strict(),
    region: Short,
    zones: z.array(Short).max(26),
    buckets: z.array(DraftBucket).max(500),
    secrets: z.array(DraftSecret).max(500),
    secretRegions: z.array(Short).max(40),
    nodePools: z.array(z.record(z.string(), z.unknown())).max(20),
    namePrefix: Short,
    tags: z.record(Short, Short),
  })
  .partial()
  .strict();

export const ActiveOperation = z.object({
  operationId: z.string().max(128),
  kind: z.enum(['aws.deploy', 'aws.teardown', 'aws.attach']),
  stackName: Short,
  region: Short,
  profile: Short.optional(),
  stackId: z.string().max(2048).optional(),
  plannedChanges: z.number().int().nonnegative().optional(),
  cancelMeaning: z.string().max(1000).optional(),
}).strict();
export type ActiveOperation = z.infer<typeof ActiveOperation>;

export const Draft = z
  .object({
    version: z.literal(1),
    step: Short,
    cloud: z.enum(['aws', 'azure']).optional(),
    aws: DraftAws.default({}),
    /** A deploy or teardown that was running, to re-attach to after a reload or restart. */
    activeOperation: ActiveOperation.optional(),
    /** The setup the outputs screen shows. */
    deployed: z.object({ stackName: Short, region: Short, stackId: z.string().max(2048), profile: Short.optional() }).strict().optional(),
  })
  .strict();
export type Draft = z.infer<typeof Draft>;
export type DraftInput = z.input<typeof Draft>;
