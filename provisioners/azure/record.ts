/**
 * The setup's record, kept in the cloud with the setup: the Studio names and issuer, the name
 * prefix, the granted storage accounts and vaults, each secret's job variable and JSON key, the
 * node pools, and which objects were adopted from the Terraform. It lives in the resource
 * group's tags, where any computer signed in to the subscription reads it: tag values hold at
 * most 256 characters and a resource at most 50 tags, so the record is JSON, gzipped, base64,
 * cut into `datachain-record-NN` tags (at most 30 of them: about 7,600 base64 characters, some
 * 5,600 bytes gzipped — a few hundred secrets and pools). The marker tags and at most 15 tags of
 * the user's own fit beside it. A record that would not fit is a blocker at plan time.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { AzureSetupConfig } from './config.schema';
import { MANAGED_BY_TAG, MANAGED_BY_VALUE, SETUP_ID_TAG } from './naming';

export const RECORD_TAG_PREFIX = 'datachain-record-';
export const RECORD_PARTS_TAG = 'datachain-record-parts';
export const MAX_RECORD_PARTS = 30;
const PART = 256;
export const RECORD_VERSION = 1;

/** What was adopted from a Terraform footprint (found by these ids, released at teardown). */
export const Adopted = z.object({
  apps: z.object({ compute: z.string().optional(), storage: z.string().optional() }).default({}),
  roles: z.object({ compute: z.string().optional(), storage: z.string().optional() }).default({}),
  resourceGroup: z.boolean().default(false),
});
export type Adopted = z.infer<typeof Adopted>;

const StoredRecord = z.object({
  v: z.literal(RECORD_VERSION),
  setupId: z.string(),
  config: z.record(z.string(), z.unknown()),
  adopted: Adopted,
});

export interface SetupRecord {
  setupId: string;
  config: AzureSetupConfig;
  adopted: Adopted;
}

/** The config as stored: without what the reference and the group already say. */
function storedConfig(config: AzureSetupConfig) {
  const { tenantId: _t, subscriptionId: _s, resourceGroup: _r, location: _l, tags: _tags, ...rest } = config;
  void _t;
  void _s;
  void _r;
  void _l;
  void _tags;
  return rest;
}

/** The record's tags (markers included), deterministic for the same record. */
export function recordTags(record: SetupRecord): Record<string, string> {
  const json = JSON.stringify({
    v: RECORD_VERSION,
    setupId: record.setupId,
    config: storedConfig(record.config),
    adopted: record.adopted,
  });
  const packed = gzipSync(Buffer.from(json, 'utf8'), { level: 9 }).toString('base64');
  const parts: string[] = [];
  for (let i = 0; i < packed.length; i += PART) parts.push(packed.slice(i, i + PART));
  const tags: Record<string, string> = {
    [MANAGED_BY_TAG]: MANAGED_BY_VALUE,
    [SETUP_ID_TAG]: record.setupId,
    [RECORD_PARTS_TAG]: String(parts.length),
  };
  parts.forEach((p, i) => (tags[`${RECORD_TAG_PREFIX}${String(i).padStart(2, '0')}`] = p));
  return tags;
}

export function recordTooBig(tags: Record<string, string>): boolean {
  return Number(tags[RECORD_PARTS_TAG] ?? 0) > MAX_RECORD_PARTS;
}

/** Tag names the record owns (markers included), to replace or remove them as a set. */
/**
 * Set on the group when a teardown starts (its time): a teardown interrupted by a crash or a quit
 * is finished after a restart only when it had started. Part of the record, removed with it.
 */
export const TEARDOWN_TAG = 'datachain-teardown-started';

export function isRecordTag(name: string): boolean {
  return (
    name === MANAGED_BY_TAG || name === SETUP_ID_TAG || name === TEARDOWN_TAG || name.startsWith(RECORD_TAG_PREFIX)
  );
}

export type RecordReading =
  { ours: false } | { ours: true; record: SetupRecord } | { ours: true; problem: string; setupId?: string };

/** Read the record back from a resource group's tags and location. */
export function readRecord(
  tags: Record<string, string>,
  where: { tenantId: string; subscriptionId: string; resourceGroup: string; location: string },
): RecordReading {
  if (tags[MANAGED_BY_TAG] !== MANAGED_BY_VALUE) return { ours: false };
  const setupId = tags[SETUP_ID_TAG];
  const count = Number(tags[RECORD_PARTS_TAG]);
  const problem = (text: string): RecordReading => ({ ours: true, problem: text, ...(setupId ? { setupId } : {}) });
  if (!Number.isInteger(count) || count < 1 || count > MAX_RECORD_PARTS) return problem('its setup record is missing');
  let packed = '';
  for (let i = 0; i < count; i++) {
    const part = tags[`${RECORD_TAG_PREFIX}${String(i).padStart(2, '0')}`];
    if (part === undefined) return problem('its setup record is incomplete');
    packed += part;
  }
  let stored: z.infer<typeof StoredRecord>;
  try {
    const json = gunzipSync(Buffer.from(packed, 'base64'), { maxOutputLength: 1_000_000 }).toString('utf8');
    const parsed = StoredRecord.safeParse(JSON.parse(json));
    if (!parsed.success) return problem('its setup record is from another version of the app');
    stored = parsed.data;
  } catch {
    return problem('its setup record is unreadable');
  }
  const config = AzureSetupConfig.safeParse({ ...stored.config, ...where, tags: userTags(tags) });
  if (!config.success)
    return problem(
      `its setup record does not validate (${config.error.issues[0]?.path.join('.') || 'record'}: ${config.error.issues[0]?.message})`,
    );
  return { ours: true, record: { setupId: stored.setupId, config: config.data, adopted: stored.adopted } };
}

/** The group's tags that are neither ours nor Azure's own (hidden-… tags). */
export function userTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tags)
      .filter(([k]) => !isRecordTag(k) && k !== RECORD_PARTS_TAG && !k.startsWith('hidden-'))
      .slice(0, 15),
  );
}
