/**
 * Check a CloudFormation template against AWS's published resource specification
 * (@aws-cdk/aws-service-spec): every resource type exists, every property is known and has the
 * right shape, required properties are present, GetAtt names real attributes.
 */
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';

type SpecDb = ReturnType<typeof loadAwsServiceSpecSync>;
type PropertyType = { type: string; element?: PropertyType; types?: PropertyType[]; reference?: { $ref: string } };
type PropertySpec = { type: PropertyType; required?: boolean };

let db: SpecDb | undefined;
const spec = () => (db ??= loadAwsServiceSpecSync());

export function resourceSpec(type: string) {
  return spec().lookup('resource', 'cloudFormationType', 'equals', type)[0];
}

function isIntrinsic(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
}

function checkType(value: unknown, type: PropertyType, path: string, errors: string[]): void {
  if (isIntrinsic(value)) return;
  const fail = (expected: string): void => {
    errors.push(`${path}: expected ${expected}, got ${JSON.stringify(value)?.slice(0, 80)}`);
  };
  switch (type.type) {
    case 'string':
      if (typeof value !== 'string') fail('a string');
      return;
    case 'integer':
      if (!Number.isInteger(value)) fail('an integer');
      return;
    case 'number':
      if (typeof value !== 'number') fail('a number');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail('a boolean');
      return;
    case 'json':
      if (value === null || (typeof value !== 'object' && typeof value !== 'string')) fail('JSON');
      return;
    case 'tag': {
      const tag = value as { Key?: unknown; Value?: unknown };
      if (typeof tag?.Key !== 'string' || typeof tag?.Value !== 'string' || Object.keys(tag).length !== 2)
        fail('a {Key, Value} tag');
      return;
    }
    case 'array':
      if (!Array.isArray(value)) return fail('an array');
      value.forEach((item, index) => checkType(item, type.element!, `${path}[${index}]`, errors));
      return;
    case 'map':
      if (!value || typeof value !== 'object' || Array.isArray(value)) return fail('a map');
      for (const [key, item] of Object.entries(value)) checkType(item, type.element!, `${path}.${key}`, errors);
      return;
    case 'union': {
      const attempts = type.types!.map((t) => {
        const local: string[] = [];
        checkType(value, t, path, local);
        return local;
      });
      if (!attempts.some((a) => a.length === 0)) errors.push(...attempts[0]!);
      return;
    }
    case 'ref': {
      const definition = spec().get('typeDefinition', type.reference!.$ref) as {
        properties: Record<string, PropertySpec>;
      };
      if (!value || typeof value !== 'object' || Array.isArray(value)) return fail('an object');
      checkProperties(value as Record<string, unknown>, definition.properties, path, errors);
      return;
    }
    default:
      errors.push(`${path}: unhandled spec type ${type.type}`);
  }
}

function checkProperties(
  props: Record<string, unknown>,
  specs: Record<string, PropertySpec>,
  path: string,
  errors: string[],
): void {
  for (const [name, prop] of Object.entries(specs)) {
    if (prop.required && !(name in props)) errors.push(`${path}.${name}: required property missing`);
  }
  for (const [name, value] of Object.entries(props)) {
    const prop = specs[name];
    if (!prop) errors.push(`${path}.${name}: not a property of this type`);
    else checkType(value, prop.type, `${path}.${name}`, errors);
  }
}

function collectGetAtts(value: unknown, found: [string, string][] = []): [string, string][] {
  if (Array.isArray(value)) value.forEach((v) => collectGetAtts(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Fn::GetAtt' && Array.isArray(inner)) found.push([String(inner[0]), String(inner[1])]);
      else collectGetAtts(inner, found);
    }
  }
  return found;
}

export interface TemplateLike {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  Outputs?: Record<string, unknown>;
}

/** All problems found; empty when the template matches the specification. */
export function validateAgainstSpec(template: TemplateLike): string[] {
  const errors: string[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    const rspec = resourceSpec(resource.Type);
    if (!rspec) {
      errors.push(`${id}: unknown resource type ${resource.Type}`);
      continue;
    }
    checkProperties(resource.Properties ?? {}, rspec.properties as Record<string, PropertySpec>, id, errors);
  }
  for (const [id, attribute] of collectGetAtts(template)) {
    const resource = template.Resources[id];
    if (!resource) errors.push(`GetAtt ${id}.${attribute}: no such resource`);
    else if (!(attribute in (resourceSpec(resource.Type)?.attributes ?? {})))
      errors.push(`GetAtt ${id}.${attribute}: ${resource.Type} has no such attribute`);
  }
  return errors;
}

/** Resource ids whose type supports tags but that carry none. */
export function untaggedTaggable(template: TemplateLike): string[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => {
      const info = resourceSpec(r.Type)?.tagInformation;
      return info && !(r.Properties ?? {})[info.tagPropertyName];
    })
    .map(([id]) => id);
}
