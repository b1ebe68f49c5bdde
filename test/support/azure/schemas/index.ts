/** One ajv instance for every peer schema; `check(kind, name, data)` lists the violations. */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ARM_SCHEMAS } from './arm';
import { GRAPH_SCHEMAS } from './graph';
import { IDENTITY_SCHEMAS } from './identity';
import type { Schema } from './define';

export type SchemaKind = 'arm' | 'graph' | 'identity';
const ALL: Record<SchemaKind, Record<string, Schema>> = {
  arm: ARM_SCHEMAS,
  graph: GRAPH_SCHEMAS,
  identity: IDENTITY_SCHEMAS,
};

const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
addFormats.default(ajv);
const compiled = new Map<string, ValidateFunction>();

export function schemaOf(kind: SchemaKind, name: string): Schema {
  const schema = ALL[kind][name];
  if (!schema) throw new Error(`No peer schema ${kind}.${name}`);
  return schema;
}

/** Violations of `kind.name` by `data`, as "path message" lines (empty = valid). */
export function check(kind: SchemaKind, name: string, data: unknown): string[] {
  const key = `${kind}.${name}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schemaOf(kind, name));
    compiled.set(key, validate);
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` '${String(e.params.additionalProperty)}'` : '';
    return `${key}${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
  });
}
