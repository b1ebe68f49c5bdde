/**
 * Reads a policy document (as IAM returns it, already JSON-decoded) into the evaluator's model,
 * refusing anything malformed or oversized with a message that says what is wrong, so a broken
 * policy is reported instead of evaluated. Trust policies need a Principal and have no Resource;
 * identity policies the other way round.
 */
import { LIMITS } from './limits';
import type { ConditionClause, Policy, PrincipalSet, SetOperator, Statement } from './model';

export type PolicyKind = 'identity' | 'trust';

class Invalid extends Error {}
const fail = (message: string): never => {
  throw new Invalid(message);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function boundedString(v: unknown, where: string): string {
  if (typeof v !== 'string') return fail(`${where} must be a string`);
  if (v.length > LIMITS.stringChars) return fail(`${where} is longer than ${LIMITS.stringChars} characters`);
  return v;
}

function stringList(v: unknown, where: string, scalars = false): string[] {
  const list = Array.isArray(v) ? v : [v];
  if (list.length === 0) return fail(`${where} is empty`);
  if (list.length > LIMITS.valuesPerElement) return fail(`${where} has more than ${LIMITS.valuesPerElement} values`);
  return list.map((item) =>
    scalars && (typeof item === 'boolean' || typeof item === 'number') ? String(item) : boundedString(item, where),
  );
}

const ACTION = /^(\*|[A-Za-z0-9-]+:[A-Za-z0-9*?-]+)$/;

function actions(values: string[], where: string): string[] {
  for (const a of values) if (!ACTION.test(a)) fail(`${where} "${a}" is not an action (service:Action or *)`);
  return values;
}

const PRINCIPAL_KEYS = {
  AWS: 'aws',
  Federated: 'federated',
  Service: 'service',
  CanonicalUser: 'canonicalUser',
} as const;

function principals(v: unknown, where: string): PrincipalSet {
  const set: PrincipalSet = { all: false, aws: [], federated: [], service: [], canonicalUser: [] };
  if (v === '*') return { ...set, all: true };
  if (!isObject(v)) return fail(`${where} must be "*" or an object`);
  const keys = Object.keys(v);
  if (keys.length === 0) return fail(`${where} is empty`);
  for (const key of keys) {
    const field = PRINCIPAL_KEYS[key as keyof typeof PRINCIPAL_KEYS];
    if (!field) return fail(`${where} has an unknown principal type "${key}"`);
    set[field] = stringList(v[key], `${where}.${key}`);
  }
  return set;
}

const OPERATOR = /^(?:(ForAnyValue|ForAllValues):)?([A-Za-z]+?)(IfExists)?$/i;

function conditions(v: unknown, where: string): ConditionClause[] {
  if (v === undefined) return [];
  if (!isObject(v)) return fail(`${where} must be an object`);
  const operators = Object.keys(v);
  if (operators.length > LIMITS.conditionOperators) fail(`${where} has too many operators`);
  const clauses: ConditionClause[] = [];
  for (const operator of operators) {
    if (operator.length > 64) fail(`${where} has an operator name that is too long`);
    const m = OPERATOR.exec(operator);
    if (!m) return fail(`${where} has an invalid operator "${operator}"`);
    const body = v[operator];
    if (!isObject(body)) return fail(`${where}.${operator} must be an object of condition keys`);
    const keys = Object.keys(body);
    if (keys.length === 0) fail(`${where}.${operator} has no condition keys`);
    if (keys.length > LIMITS.conditionKeys) fail(`${where}.${operator} has too many condition keys`);
    const set = m[1]
      ? ((m[1].toLowerCase() === 'foranyvalue' ? 'ForAnyValue' : 'ForAllValues') as SetOperator)
      : undefined;
    for (const key of keys) {
      boundedString(key, `${where}.${operator} key`);
      clauses.push({
        operator,
        base: m[2]!.toLowerCase(),
        ...(set ? { set } : {}),
        ifExists: Boolean(m[3]),
        key: key.toLowerCase(),
        values: stringList(body[key], `${where}.${operator}.${key}`, true),
      });
    }
  }
  return clauses;
}

const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);

function oneOf(s: Record<string, unknown>, a: string, b: string, where: string): { not: boolean; value: unknown } {
  if (s[a] !== undefined && s[b] !== undefined) fail(`${where} has both ${a} and ${b}`);
  if (s[a] === undefined && s[b] === undefined) fail(`${where} needs ${a} or ${b}`);
  return s[a] !== undefined ? { not: false, value: s[a] } : { not: true, value: s[b] };
}

function statement(s: unknown, kind: PolicyKind, where: string): Statement {
  if (!isObject(s)) return fail(`${where} must be an object`);
  for (const key of Object.keys(s)) if (!STATEMENT_KEYS.has(key)) fail(`${where} has an unknown element "${key}"`);
  if (s.Sid !== undefined) boundedString(s.Sid, `${where}.Sid`);
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') fail(`${where}.Effect must be "Allow" or "Deny"`);
  const action = oneOf(s, 'Action', 'NotAction', where);
  const out: Statement = {
    effect: s.Effect as Statement['effect'],
    actions: { not: action.not, values: actions(stringList(action.value, `${where}.Action`), `${where}.Action`) },
    conditions: conditions(s.Condition, `${where}.Condition`),
  };
  if (kind === 'trust') {
    if (s.Resource !== undefined || s.NotResource !== undefined) fail(`${where}: a trust policy has no Resource`);
    const p = oneOf(s, 'Principal', 'NotPrincipal', where);
    out.principals = { not: p.not, set: principals(p.value, `${where}.Principal`) };
  } else {
    if (s.Principal !== undefined || s.NotPrincipal !== undefined)
      fail(`${where}: a permissions policy has no Principal`);
    const r = oneOf(s, 'Resource', 'NotResource', where);
    out.resources = { not: r.not, values: stringList(r.value, `${where}.Resource`) };
  }
  return out;
}

function size(document: unknown): number {
  try {
    return JSON.stringify(document)?.length ?? 0;
  } catch {
    return Infinity;
  }
}

/** The policy, or what is wrong with it. */
export function parsePolicy(document: unknown, kind: PolicyKind): { policy: Policy } | { problem: string } {
  try {
    const chars = size(document);
    if (chars === Infinity) return { problem: 'the policy is not plain JSON' };
    if (chars > LIMITS.policyChars) return { problem: `the policy is larger than ${LIMITS.policyChars} characters` };
    if (!isObject(document)) return fail('the policy must be a JSON object');
    for (const key of Object.keys(document))
      if (!['Version', 'Id', 'Statement'].includes(key)) fail(`the policy has an unknown element "${key}"`);
    const version = document.Version ?? '2008-10-17';
    if (version !== '2012-10-17' && version !== '2008-10-17') fail('Version must be "2012-10-17"');
    const list = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    if (document.Statement === undefined || list.length === 0) fail('the policy has no Statement');
    if (list.length > LIMITS.statements) fail(`the policy has more than ${LIMITS.statements} statements`);
    return {
      policy: {
        variables: version === '2012-10-17',
        statements: list.map((s, i) => statement(s, kind, `Statement[${i}]`)),
      },
    };
  } catch (error) {
    if (error instanceof Invalid) return { problem: error.message };
    throw error;
  }
}
