/**
 * The setup's record, kept in the cloud with the setup: everything the export and Manage need
 * that IAM documents do not say — the Studio names, each secret's job variable and JSON key,
 * which KMS key belongs to which grant, the node pools. It sits in the Metadata of the storage
 * role (resource metadata is applied on its own; template-level Metadata is not), and the
 * grants themselves are read from the storage policy, so each bucket and secret is written once
 * per list and the template stays under CloudFormation's 51,200-byte limit. Any computer signed
 * in to the account reads the same record; the local draft is never the source of a setup.
 */
import { z } from 'zod';
import type { PolicyDocument, PolicyStatement } from './iam-policies';
import { LOGICAL_IDS } from './naming';
import { AwsSetupConfig, secretNameOf, type AwsSetupConfigInput } from './schema';
import { suggestEnvName } from '../core/secrets.schema';

export const TEMPLATE_METADATA_KEY = 'DataChain::Setup';
export const GENERATOR = 'datachain-cluster-setup';
export const RECORD_SCHEMA_VERSION = 2;

/** What the template's own Metadata says: made by this app, and where its record is. */
export function setupMarker() {
  return { generator: GENERATOR, schemaVersion: RECORD_SCHEMA_VERSION, record: LOGICAL_IDS.storageRole };
}

const StoredSecret = z.object({ envName: z.string(), key: z.string().optional(), kmsKeyArn: z.string().optional() });

/** The record as stored (version 2). Loose on purpose: the config schema validates the result. */
const StoredRecord = z.object({
  generator: z.literal(GENERATOR),
  schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
  settings: z.record(z.string(), z.unknown()),
  nodePools: z.array(z.unknown()).optional(),
  bucketKeys: z.record(z.string(), z.string()).default({}),
  secrets: z.record(z.string(), StoredSecret).default({}),
  otherKmsKeys: z.array(z.string()).default([]),
});

export function setupRecord(config: AwsSetupConfig) {
  const { buckets, secrets, otherKmsKeys, nodePools, ...settings } = config;
  return {
    generator: GENERATOR,
    schemaVersion: RECORD_SCHEMA_VERSION,
    settings,
    ...(nodePools ? { nodePools } : {}),
    bucketKeys: Object.fromEntries(buckets.filter((b) => b.kmsKeyArn).map((b) => [b.name, b.kmsKeyArn!])),
    secrets: Object.fromEntries(
      secrets.map((s) => [
        s.arn,
        { envName: s.envName, ...(s.key ? { key: s.key } : {}), ...(s.kmsKeyArn ? { kmsKeyArn: s.kmsKeyArn } : {}) },
      ]),
    ),
    otherKmsKeys,
  };
}

interface TemplateLike {
  Metadata?: Record<string, unknown>;
  Resources?: Record<string, { Metadata?: Record<string, unknown>; Properties?: Record<string, unknown> }>;
}

function resourcesOf(statements: PolicyStatement[], sid: string): string[] {
  const resource = statements.find((s) => s.Sid === sid)?.Resource;
  return resource === undefined ? [] : Array.isArray(resource) ? resource : [resource];
}

/** Job variables for secrets the record does not name (setups made before it did), each unique. */
function suggestedNames(arns: string[]): Map<string, string> {
  const used = new Set<string>();
  return new Map(
    arns.map((arn) => {
      const base = suggestEnvName(secretNameOf(arn));
      let name = base;
      for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
      used.add(name);
      return [arn, name];
    }),
  );
}

export type RecordReading =
  { ours: false } | { ours: true; config: AwsSetupConfig; version: number } | { ours: true; problem: string };

/**
 * Read the config back from a deployed template: the record (or, for setups made before it
 * existed, the template's metadata), with the grants from the storage policy.
 */
export function readSetupRecord(templateBody: string | object): RecordReading {
  let parsed: TemplateLike;
  try {
    parsed = (typeof templateBody === 'string' ? JSON.parse(templateBody) : templateBody) as TemplateLike;
  } catch {
    return { ours: false };
  }
  const marker = parsed.Metadata?.[TEMPLATE_METADATA_KEY] as
    { generator?: string; schemaVersion?: number; config?: Record<string, unknown> } | undefined;
  if (!marker || marker.generator !== GENERATOR) return { ours: false };
  const policy = parsed.Resources?.[LOGICAL_IDS.storagePolicy]?.Properties?.PolicyDocument as
    PolicyDocument | undefined;
  const statements = policy?.Statement ?? [];
  const bucketNames = resourcesOf(statements, 'GrantedBuckets')
    .filter((arn) => !arn.endsWith('/*'))
    .map((arn) => arn.slice(arn.indexOf(':::') + 3));
  const secretArns = resourcesOf(statements, 'GrantedSecrets');
  const policyKeys = resourcesOf(statements, 'GrantedKmsKeys');

  let input: AwsSetupConfigInput;
  if (marker.schemaVersion === 1 && marker.config) {
    // Version 1 kept the settings only: which key belonged to which grant, the job variables
    // and the node pools were never recorded. Keys stay granted until the user removes them.
    const names = suggestedNames(secretArns);
    input = {
      ...(marker.config as Omit<AwsSetupConfigInput, 'buckets' | 'secrets'>),
      buckets: bucketNames.map((name) => ({ name })),
      secrets: secretArns.map((arn) => ({ arn, envName: names.get(arn)!, key: '' })),
      otherKmsKeys: policyKeys,
    };
  } else {
    const stored = StoredRecord.safeParse(
      parsed.Resources?.[LOGICAL_IDS.storageRole]?.Metadata?.[TEMPLATE_METADATA_KEY],
    );
    if (!stored.success) return { ours: true, problem: 'its setup record is missing or unreadable' };
    const record = stored.data;
    const names = suggestedNames(secretArns.filter((arn) => !record.secrets[arn]));
    const buckets = bucketNames.map((name) => ({
      name,
      ...(record.bucketKeys[name] ? { kmsKeyArn: record.bucketKeys[name] } : {}),
    }));
    const secrets = secretArns.map((arn) => {
      const s = record.secrets[arn];
      return {
        arn,
        envName: s?.envName ?? names.get(arn)!,
        key: s?.key ?? '',
        ...(s?.kmsKeyArn ? { kmsKeyArn: s.kmsKeyArn } : {}),
      };
    });
    const attributed = new Set([...buckets.map((b) => b.kmsKeyArn), ...secrets.map((s) => s.kmsKeyArn)]);
    const other = [...new Set([...record.otherKmsKeys, ...policyKeys.filter((k) => !attributed.has(k))])].filter((k) =>
      policyKeys.includes(k),
    );
    input = {
      ...(record.settings as Omit<AwsSetupConfigInput, 'buckets' | 'secrets'>),
      ...(record.nodePools ? { nodePools: record.nodePools as AwsSetupConfigInput['nodePools'] } : {}),
      buckets,
      secrets,
      otherKmsKeys: other,
    };
  }
  const config = AwsSetupConfig.safeParse(input);
  if (!config.success)
    return {
      ours: true,
      problem: `its setup record does not validate (${config.error.issues[0]?.path.join('.') || 'record'}: ${config.error.issues[0]?.message})`,
    };
  return { ours: true, config: config.data, version: marker.schemaVersion ?? 1 };
}

/** The config a deployed template was made from; undefined when this app did not make it. */
export function readDeployedConfig(templateBody: string | object): AwsSetupConfig | undefined {
  const reading = readSetupRecord(templateBody);
  return reading.ours && 'config' in reading ? reading.config : undefined;
}
