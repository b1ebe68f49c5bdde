/**
 * The wizard's draft (version 2), saved by the main process so it survives a restart of either
 * shell. A cache of work in progress, never the source of a deployed setup: that one's record
 * lives in the cloud. Every object is strict (an unknown field is refused, not silently stored),
 * every string bounded, and there is no room for credentials or secret values: profiles are
 * names, secrets are ARNs with the name of a JSON key, never what the key holds.
 *
 * The cloud-neutral part (Studio connection, name prefix, tags, node pools) sits at the top; each
 * cloud has its own section.
 */
import { z } from 'zod';
import { withoutProtoKey } from '../../../provisioners/core/records.schema';
import { CloudId } from '../../../provisioners/core/setup.schema';
import { OperationKind } from '../events';
import { SetupRef } from './setup';
import { DraftV1 } from './draft-v1';
import { DRAFT_VERSION } from './draft-version';

const Short = z.string().max(256);

export const DraftStudio = z
  .object({ issuer: z.string().max(300), team: Short, computeCredentials: Short, storageCredentials: Short })
  .partial()
  .strict();

export const DraftBucket = z
  .object({
    name: Short,
    region: Short.optional(),
    /** The customer KMS key that encrypts the bucket, when it has one. */
    kmsKeyArn: Short.optional(),
    /** Whether to grant the storage role kms:Decrypt/GenerateDataKey on that key. */
    grantKms: z.boolean().default(false),
  })
  .strict();

export const DraftSecret = z
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

export const DraftAws = z
  .object({
    /** '' means the default credential chain. */
    profile: Short,
    region: Short,
    zones: z.array(Short).max(26),
    buckets: z.array(DraftBucket).max(500),
    secrets: z.array(DraftSecret).max(500),
    secretRegions: z.array(Short).max(40),
  })
  .partial()
  .strict();

export const DraftAzureAccount = z
  .object({ id: z.string().max(1024), name: Short, resourceGroup: Short, location: Short.optional() })
  .strict();

export const DraftAzureVault = z
  .object({
    id: z.string().max(1024),
    name: Short,
    resourceGroup: Short,
    vaultUri: z.string().max(1024),
    model: z.enum(['rbac', 'accessPolicy']),
  })
  .strict();

export const DraftAzureSecret = z
  .object({
    /** The secret's id (`https://<vault host>/secrets/<name>`) and its vault's resource id. */
    id: z.string().max(1024),
    vaultId: z.string().max(1024),
    name: Short,
    envName: Short.default(''),
    key: Short.default(''),
  })
  .strict();

/** Azure: how the user signed in (never a token), where, and what to grant. */
export const DraftAzure = z
  .object({
    method: z.enum(['cli', 'browser', 'deviceCode']),
    tenantId: Short,
    subscriptionId: Short,
    location: Short,
    resourceGroup: Short,
    /** The user chose to adopt a resource group the Terraform made. */
    adoptResourceGroup: z.boolean(),
    storageAccounts: z.array(DraftAzureAccount).max(500),
    /** Vaults granted as a whole (a vault is granted when one of its secrets is). */
    vaults: z.array(DraftAzureVault).max(200),
    secrets: z.array(DraftAzureSecret).max(500),
  })
  .partial()
  .strict();

export const ActiveOperation = z
  .object({
    operationId: z.string().max(128),
    kind: OperationKind.exclude(['sign-in']),
    target: SetupRef,
    plannedChanges: z.number().int().nonnegative().optional(),
    cancelMeaning: z.string().max(1000).optional(),
  })
  .strict();
export type ActiveOperation = z.infer<typeof ActiveOperation>;

export { DRAFT_VERSION };

export const Draft = z
  .object({
    version: z.literal(DRAFT_VERSION),
    step: Short,
    cloud: CloudId.optional(),
    studio: DraftStudio.default({}),
    namePrefix: Short.default(''),
    tags: withoutProtoKey(z.record(Short, Short).refine((t) => Object.keys(t).length <= 50, 'at most 50 tags'))
      .default({})
      .default({}),
    /** Pools as the editor holds them (possibly half-typed); validated when planned. */
    nodePools: z.array(z.record(Short, z.unknown())).max(20).default([]),
    aws: DraftAws.default({}),
    azure: DraftAzure.optional(),
    /** A deploy or teardown that was running, to re-attach to after a reload or restart. */
    activeOperation: ActiveOperation.optional(),
    /** The setup the outputs screen shows. */
    deployed: SetupRef.optional(),
  })
  .strict();
export type Draft = z.infer<typeof Draft>;
export type DraftInput = z.input<typeof Draft>;

const ACTIVE_KIND = { 'aws.deploy': 'deploy', 'aws.teardown': 'teardown', 'aws.attach': 'attach' } as const;

/** Version 1 pools said capacityType ON_DEMAND/SPOT; version 2 says capacity regular/spot. */
function migratePool(pool: Record<string, unknown>): Record<string, unknown> {
  const { capacityType, ...rest } = pool;
  return capacityType === undefined ? rest : { ...rest, capacity: capacityType === 'SPOT' ? 'spot' : 'regular' };
}

/** A version 1 draft as version 2: the same choices, nothing lost. */
export function migrateDraftV1(old: DraftV1): Draft {
  const { studio, namePrefix, tags, nodePools, ...aws } = old.aws;
  const profile = (p: string | undefined) => (p ? { profile: p } : {});
  const active = old.activeOperation;
  const deployed = old.deployed;
  return Draft.parse({
    version: DRAFT_VERSION,
    step: old.step,
    ...(old.cloud ? { cloud: old.cloud } : {}),
    studio: studio ?? {},
    namePrefix: namePrefix ?? '',
    tags: tags ?? {},
    nodePools: (nodePools ?? []).map(migratePool),
    aws,
    ...(active
      ? {
          activeOperation: {
            operationId: active.operationId,
            kind: ACTIVE_KIND[active.kind],
            target: {
              cloud: 'aws',
              ...profile(active.profile),
              region: active.region,
              stackName: active.stackName,
              ...(active.stackId ? { stackId: active.stackId } : {}),
            },
            ...(active.plannedChanges !== undefined ? { plannedChanges: active.plannedChanges } : {}),
            ...(active.cancelMeaning ? { cancelMeaning: active.cancelMeaning } : {}),
          },
        }
      : {}),
    ...(deployed
      ? {
          deployed: {
            cloud: 'aws',
            ...profile(deployed.profile),
            region: deployed.region,
            stackName: deployed.stackName,
            ...(deployed.stackId ? { stackId: deployed.stackId } : {}),
          },
        }
      : {}),
  });
}

/** Read a saved draft of any known version; undefined when it is not one (or not valid). */
export function readDraft(raw: unknown): Draft | undefined {
  const version = (raw as { version?: unknown } | null)?.version;
  if (version === DRAFT_VERSION) {
    const parsed = Draft.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }
  if (version === 1) {
    const parsed = DraftV1.safeParse(raw);
    if (!parsed.success) return undefined;
    try {
      return migrateDraftV1(parsed.data);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
