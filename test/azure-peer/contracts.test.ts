/**
 * The peer's schemas (test/support/azure/schemas) agree with the official contract data in
 * ../shared/reference/azure-contracts (Graph CSDL-derived JSON Schemas, trimmed ARM swagger): every
 * member the peer models exists there with a compatible type, nullability, format and enum, the same
 * readOnly flag, and every member the contract requires is required by the peer too.
 * Skipped, with one line saying why, when that folder is not beside the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ARM_CONTRACTS, ARM_SCHEMAS } from '../support/azure/schemas/arm';
import type { Schema } from '../support/azure/schemas/define';
import { GRAPH_CONTRACTS, GRAPH_SCHEMAS } from '../support/azure/schemas/graph';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const candidates = [
  path.resolve(repo, '../shared/reference/azure-contracts'),
  path.resolve(repo, '../../shared/reference/azure-contracts'),
  '/work/shared/reference/azure-contracts',
];
const contracts = candidates.find((dir) => existsSync(path.join(dir, 'arm')) && existsSync(path.join(dir, 'graph')));
if (!contracts) console.log(`Azure contract check skipped: no azure-contracts folder at ${candidates.join(' or ')}.`);

/** Known disagreements between a contract file and the service, each with its reason. */
const DEVIATIONS: Record<string, string> = {
  'SubscriptionListResult required nextLink':
    'the 2022-12-01 swagger marks nextLink required, but ARM omits it on the last page; the peer sends it only when there is a next page',
  'TenantListResult required nextLink': 'same as SubscriptionListResult',
};

/** Contract files are untyped JSON. */
type Json = { [key: string]: any };
const readJson = (file: string): Json => JSON.parse(readFileSync(file, 'utf8')) as Json;

const typesOf = (s: Schema | Json | undefined): string[] => {
  if (!s) return [];
  if (Array.isArray(s.type)) return s.type as string[];
  if (typeof s.type === 'string') return [s.type];
  if (Array.isArray(s.anyOf)) return (s.anyOf as Json[]).flatMap((x) => (x.$ref ? ['object'] : typesOf(x)));
  if (s.properties || s.$ref || s.allOf) return ['object'];
  return [];
};
const nonNull = (types: string[]) => types.filter((t) => t !== 'null');
const compatible = (peer: string, contract: string[]) =>
  contract.includes(peer) || (peer === 'integer' && contract.includes('number'));

interface Resolved {
  properties: Record<string, Json>;
  required: string[];
  types: string[];
  node: Json;
}

/** Compare one peer schema node with the resolved contract node; push findings to `out`. */
function compare(
  peer: Schema,
  contract: Resolved,
  where: string,
  resolve: (node: Json) => Resolved,
  out: string[],
  direction: 'request' | 'response',
): void {
  const peerProps = (peer.properties ?? {}) as Record<string, Schema>;
  for (const req of contract.required) {
    const peerRequired = (peer.required as string[] | undefined) ?? [];
    if (req in peerProps && !peerRequired.includes(req)) {
      const key = `${where} required ${req}`;
      if (!DEVIATIONS[key]) out.push(`${key}: the contract requires it, the peer does not`);
    }
  }
  for (const [name, p] of Object.entries(peerProps)) {
    const at = `${where}.${name}`;
    const c = contract.properties[name];
    if (!c) {
      out.push(`${at}: not in the contract`);
      continue;
    }
    if (Boolean(p.readOnly) !== Boolean(c.readOnly))
      out.push(`${at}: readOnly ${Boolean(p.readOnly)} here, ${Boolean(c.readOnly)} in the contract`);
    const cr = resolve(c);
    const pt = nonNull(typesOf(p));
    const ct = nonNull(cr.types);
    if (ct.length)
      for (const t of pt) if (!compatible(t, ct)) out.push(`${at}: type ${t} here, ${ct.join('|')} in the contract`);
    const pNull = typesOf(p).includes('null');
    const cNull = cr.types.includes('null');
    if (pNull && !cNull) out.push(`${at}: nullable here, not in the contract`);
    if (direction === 'request' && cNull && !pNull) out.push(`${at}: the contract accepts null, the peer refuses it`);
    const pSchema = pickObject(p);
    if (pSchema.format && cr.node.format && pSchema.format !== cr.node.format)
      out.push(`${at}: format ${String(pSchema.format)} here, ${String(cr.node.format)} there`);
    if (Array.isArray(pSchema.enum)) {
      const allowed = cr.node.enum as string[] | undefined;
      if (allowed)
        for (const v of pSchema.enum as string[])
          if (!allowed.includes(v)) out.push(`${at}: enum value ${v} not in the contract`);
    } else if (cr.node.enum && cr.node['x-ms-enum']?.modelAsString === false && direction === 'response') {
      out.push(`${at}: the contract's enum is closed, the peer does not restrict it`);
    }
    if (pt.includes('object') && pSchema.properties) compare(pSchema, cr, at, resolve, out, direction);
    if (pt.includes('array')) {
      const pItems = pickObject((pSchema.items ?? {}) as Schema);
      const cItems = resolve((cr.node.items ?? {}) as Json);
      const it = nonNull(typesOf(pItems));
      const cit = nonNull(cItems.types);
      if (cit.length)
        for (const t of it)
          if (!compatible(t, cit)) out.push(`${at}[]: type ${t} here, ${cit.join('|')} in the contract`);
      if (pItems.properties && Object.keys(cItems.properties).length)
        compare(pItems, cItems, `${at}[]`, resolve, out, direction);
    }
  }
}

/** The object branch of an `anyOf [X, null]`, or the schema itself. */
const pickObject = (s: Schema): Schema =>
  Array.isArray(s.anyOf) ? ((s.anyOf as Schema[]).find((x) => x.type !== 'null') ?? s) : s;

function armResolver(file: Json) {
  const resolve = (node: Json): Resolved => {
    if (node.$ref) {
      const name = String(node.$ref).replace('#/definitions/', '');
      const target = file.definitions[name];
      if (!target) throw new Error(`dangling $ref ${node.$ref}`);
      const r = resolve(target);
      return { ...r, node: { ...r.node, readOnly: node.readOnly ?? r.node.readOnly } };
    }
    const properties: Record<string, Json> = { ...(node.properties ?? {}) };
    const required: string[] = [...(node.required ?? [])];
    for (const part of (node.allOf ?? []) as Json[]) {
      const r = resolve(part);
      Object.assign(properties, r.properties);
      required.push(...r.required);
    }
    const types = node.type
      ? [node.type as string, ...(node['x-nullable'] ? ['null'] : [])]
      : Object.keys(properties).length
        ? ['object']
        : [];
    return { properties, required, types, node };
  };
  return resolve;
}

function graphResolver(dir: string) {
  const cache = new Map<string, Json>();
  const load = (name: string) => {
    if (!cache.has(name)) cache.set(name, readJson(path.join(dir, name)));
    return cache.get(name)!;
  };
  const resolve = (node: Json): Resolved => {
    if (node.$ref) return resolve(load(String(node.$ref)));
    if (Array.isArray(node.anyOf)) {
      const branches = node.anyOf as Json[];
      const obj = branches.find((b) => b.type !== 'null');
      const r = obj ? resolve(obj) : { properties: {}, required: [], types: [], node };
      return { ...r, types: [...r.types, ...(branches.some((b) => b.type === 'null') ? ['null'] : [])] };
    }
    const properties: Record<string, Json> = { ...(node.properties ?? {}) };
    const required: string[] = [...(node.required ?? [])];
    for (const part of (node.allOf ?? []) as Json[]) {
      const r = resolve(part);
      Object.assign(properties, r.properties);
      required.push(...r.required);
    }
    return { properties, required, types: typesOf(node), node };
  };
  return resolve;
}

const direction = (name: string): 'request' | 'response' =>
  /Write$|Put$|CreateParameters$|RegistrationRequest$|referenceCreate/.test(name) ? 'request' : 'response';

describe.skipIf(!contracts)('peer schemas agree with the official Azure contract data', () => {
  test('every peer schema names its contract (or says it has none)', () => {
    expect(Object.keys(ARM_SCHEMAS).sort()).toEqual(Object.keys(ARM_CONTRACTS).sort());
    expect(Object.keys(GRAPH_SCHEMAS).sort()).toEqual(Object.keys(GRAPH_CONTRACTS).sort());
  });

  test.each(Object.entries(ARM_CONTRACTS).filter(([, c]) => c !== null))('ARM %s', (name, contract) => {
    const [file, definition] = contract!;
    const data = readJson(path.join(contracts!, 'arm', file));
    const resolve = armResolver(data);
    const target = data.definitions[definition];
    expect(target, `${file} has ${definition}`).toBeDefined();
    const out: string[] = [];
    compare(ARM_SCHEMAS[name]!, resolve(target), name, resolve, out, direction(name));
    expect(out).toEqual([]);
  });

  test.each(Object.entries(GRAPH_CONTRACTS).filter(([, c]) => c !== null))('Graph %s', (name, file) => {
    const dir = path.join(contracts!, 'graph');
    const resolve = graphResolver(dir);
    const out: string[] = [];
    compare(GRAPH_SCHEMAS[name]!, resolve({ $ref: file }), name, resolve, out, direction(name));
    expect(out).toEqual([]);
  });

  test('the comparison catches a disagreement (a wrong type, an unknown member, a readOnly mismatch)', () => {
    const data = readJson(path.join(contracts!, 'arm', 'authorization-RoleAssignmentsCalls.2022-04-01.json'));
    const resolve = armResolver(data);
    const wrong = {
      type: 'object',
      properties: {
        name: { type: 'integer', readOnly: true },
        id: { type: 'string' },
        bogus: { type: 'string' },
      },
    };
    const out: string[] = [];
    compare(wrong, resolve(data.definitions.RoleAssignment), 'RoleAssignment', resolve, out, 'response');
    expect(out).toEqual([
      'RoleAssignment.name: type integer here, string in the contract',
      'RoleAssignment.id: readOnly false here, true in the contract',
      'RoleAssignment.bogus: not in the contract',
    ]);
  });
});
