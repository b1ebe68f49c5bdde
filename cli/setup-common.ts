/**
 * What both clouds' setup inputs read the same way: a setup file (JSON or YAML, bounded), the
 * Studio connection of an exported Studio config, and the cloud-neutral flags (--team, --issuer,
 * the two credential names, --prefix, --tags).
 */
import yaml from 'js-yaml';
import { flag, listFlag, UsageError } from './args';
import type { Context } from './context';

const MAX_FILE = 1_000_000;

/** A setup file's object: read, bounded, parsed as YAML (.yaml, .yml) or JSON. */
export async function readSetupObject(ctx: Context, file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await ctx.io.readFile(file);
  } catch {
    throw new UsageError(`Cannot read the setup file ${file}.`);
  }
  if (text.length > MAX_FILE) throw new UsageError(`The setup file ${file} is larger than 1 MB.`);
  const isYaml = /\.ya?ml$/i.test(file);
  let data: unknown;
  try {
    data = isYaml ? yaml.load(text, { schema: yaml.JSON_SCHEMA }) : JSON.parse(text);
  } catch {
    throw new UsageError(`The setup file ${file} is not valid ${isYaml ? 'YAML' : 'JSON'}.`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new UsageError(`The setup file ${file} is not an object.`);
  return data as Record<string, unknown>;
}

/** The Studio connection as an exported Studio config writes it. */
export interface ExportedStudio {
  issuer?: string;
  team?: string;
  credentials?: { compute?: { name?: string }; storage?: { name?: string } };
}

export interface StudioInput {
  issuer?: string;
  team?: string;
  computeCredentials?: string;
  storageCredentials?: string;
}

/** An exported Studio config's connection as a setup's studio input (what it leaves out stays out). */
export function studioOfExport(studio: ExportedStudio | undefined): StudioInput {
  return {
    ...(studio?.issuer ? { issuer: studio.issuer } : {}),
    ...(studio?.team ? { team: studio.team } : {}),
    ...(studio?.credentials?.compute?.name ? { computeCredentials: studio.credentials.compute.name } : {}),
    ...(studio?.credentials?.storage?.name ? { storageCredentials: studio.credentials.storage.name } : {}),
  };
}

/** KEY=VALUE pairs of a list flag. */
function tagsOf(values: string[] | undefined): Record<string, string> | undefined {
  if (!values) return undefined;
  return Object.fromEntries(
    values.map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new UsageError(`--tags wants KEY=VALUE pairs, not "${pair}".`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

/** The flags every cloud's setup takes; only those given appear. */
export function neutralFlags(ctx: Context): {
  namePrefix?: string;
  tags?: Record<string, string>;
  studio?: StudioInput;
} {
  const a = ctx.args;
  const studio: StudioInput = {
    ...(flag(a, 'team') ? { team: flag(a, 'team')! } : {}),
    ...(flag(a, 'issuer') ? { issuer: flag(a, 'issuer')! } : {}),
    ...(flag(a, 'compute-credentials') ? { computeCredentials: flag(a, 'compute-credentials')! } : {}),
    ...(flag(a, 'storage-credentials') ? { storageCredentials: flag(a, 'storage-credentials')! } : {}),
  };
  const tags = tagsOf(listFlag(a, 'tags'));
  return {
    ...(flag(a, 'prefix') !== undefined ? { namePrefix: flag(a, 'prefix')! } : {}),
    ...(tags ? { tags } : {}),
    ...(Object.keys(studio).length ? { studio } : {}),
  };
}
