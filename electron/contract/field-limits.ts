/**
 * How long each typed field may be, taken from the schemas themselves, so a screen never accepts
 * what the draft or the plan would then refuse (the draft's own caps are never lower: see draft.ts).
 * A field that holds a list (machine sizes, labels, taints) may hold the most items of the
 * longest kind, with their separators.
 */
import type { z } from 'zod';
import { InstanceTypeName } from '../../provisioners/aws/node-pools.schema';
import { BUCKET_REFERENCE_MAX, SecretArn } from '../../provisioners/aws/schema';
import { NewProfileName, StaticKeysInput } from '../../provisioners/aws/sign-in.schema';
import { KeyVaultSecretName, ResourceGroupName, StorageAccountName } from '../../provisioners/azure/config.schema';
import { VmSizeName } from '../../provisioners/azure/node-pools.schema';
import {
  LabelKey,
  LabelValue,
  NodePoolName,
  POOL_LIST_LIMITS,
  TaintEffect,
} from '../../provisioners/core/node-pools.schema';
import { EnvVarName, SecretKey } from '../../provisioners/core/secrets.schema';
import { IssuerHost, NamePrefix, StudioName } from '../../provisioners/core/studio.schema';

export function maxOf(schema: z.ZodType): number {
  const direct = (schema as { maxLength?: number | null }).maxLength;
  if (typeof direct === 'number') return direct;
  // A pipe (trim, then check): the first stage's limit is what may be typed.
  const first = (schema as { in?: z.ZodType }).in;
  if (first) return maxOf(first);
  throw new Error('this schema has no length limit');
}

/** `count` items of at most `item` characters, with a separator of `separator` characters between them. */
const listOf = (count: number, item: number, separator: number) => count * item + (count - 1) * separator;

/** The sizes field takes "a, b, c": the most sizes, each as long as a size may be, ", " between. */
const sizesOf = (size: z.ZodType) => listOf(POOL_LIST_LIMITS.sizes, maxOf(size), 2);

const longestEffect = Math.max(...TaintEffect.options.map((e) => e.length));

export const FIELD_LIMITS = {
  issuer: maxOf(IssuerHost),
  studioName: maxOf(StudioName),
  namePrefix: maxOf(NamePrefix),
  envName: maxOf(EnvVarName),
  secretKey: maxOf(SecretKey),
  /** A bucket's name, s3:// URI, ARN or URL (the name is then checked on its own). */
  bucketReference: BUCKET_REFERENCE_MAX,
  secretArn: maxOf(SecretArn),
  profileName: maxOf(NewProfileName),
  accessKeyId: maxOf(StaticKeysInput.shape.accessKeyId),
  secretAccessKey: maxOf(StaticKeysInput.shape.secretAccessKey),
  sessionToken: maxOf(StaticKeysInput.shape.sessionToken.unwrap()),
  resourceGroup: maxOf(ResourceGroupName),
  storageAccount: maxOf(StorageAccountName),
  keyVaultSecret: maxOf(KeyVaultSecretName),
  poolName: maxOf(NodePoolName),
  awsSizes: sizesOf(InstanceTypeName),
  azureSizes: sizesOf(VmSizeName),
  /** One `key=value` a line. */
  labels: listOf(POOL_LIST_LIMITS.labels, maxOf(LabelKey) + 1 + maxOf(LabelValue), 1),
  /** One `key=value:Effect` a line. */
  taints: listOf(POOL_LIST_LIMITS.taints, maxOf(LabelKey) + 1 + maxOf(LabelValue) + 1 + longestEffect, 1),
  /** A search over a list: never saved nor sent, bounded all the same. */
  search: 256,
} as const;
