/**
 * Tiny helpers for the peer's JSON Schemas (draft-07, compiled by ajv). Every schema the peer uses is
 * written by hand in this folder from the official contract data (Graph CSDL, ARM swagger); the
 * contract test (test/azure-peer/contracts.test.ts) compares them with that data when it is present.
 */
export type Schema = { [key: string]: unknown };

export const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
export const nstr = (extra: Schema = {}): Schema => ({ type: ['string', 'null'], ...extra });
export const bool = (): Schema => ({ type: 'boolean' });
export const nbool = (): Schema => ({ type: ['boolean', 'null'] });
export const int = (extra: Schema = {}): Schema => ({ type: 'integer', ...extra });
export const arr = (items: Schema, extra: Schema = {}): Schema => ({ type: 'array', items, ...extra });
export const strMap = (): Schema => ({ type: 'object', additionalProperties: { type: 'string' } });
/** Read-only in the contract: sent by the service, ignored (never required) in request bodies. */
export const ro = (schema: Schema): Schema => ({ ...schema, readOnly: true });
export const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });

/** A closed object: unknown members are a contract violation. */
export function obj(properties: Record<string, Schema>, required: string[] = [], extra: Schema = {}): Schema {
  return {
    type: 'object',
    properties,
    ...(required.length ? { required } : {}),
    additionalProperties: false,
    ...extra,
  };
}

/** A Graph object: closed, but OData annotations (`@odata.type`, `x@odata.bind`, …) are allowed. */
export function graphObj(properties: Record<string, Schema>, required: string[] = []): Schema {
  return obj(properties, required, { patternProperties: { '@': {} } });
}
