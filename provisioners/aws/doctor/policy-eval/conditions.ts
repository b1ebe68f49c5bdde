/**
 * Condition operators, as AWS documents them: every operator and key of a Condition must hold
 * (AND), any value of a key may match (OR); a negated operator holds when no value matches; a
 * missing key fails a positive operator and satisfies a negated one or any `...IfExists`;
 * `ForAnyValue:` needs one request value to satisfy the operator (none when the key is missing),
 * `ForAllValues:` every one (holds when the key is missing). An operator the evaluator does not
 * know gives 'unknown', which can never allow.
 */
import { matchArn } from './arns';
import { matchPattern } from './match';
import type { ConditionClause } from './model';
import { resolve, type Context } from './variables';

export type Tri = boolean | 'unknown';

type Test = (requestValue: string, policyValue: string, context: Context, variables: boolean) => boolean;

function stringTest(opts: { wildcards: boolean; ignoreCase: boolean }): Test {
  return (value, policy, context, variables) => {
    const pattern = resolve(policy, context, { wildcards: opts.wildcards, variables, lowerCase: opts.ignoreCase });
    return pattern !== undefined && matchPattern(pattern, opts.ignoreCase ? value.toLowerCase() : value);
  };
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
function numericTest(compare: (request: number, policy: number) => boolean): Test {
  return (value, policy) => NUMBER.test(value) && NUMBER.test(policy) && compare(Number(value), Number(policy));
}

const arnTest: Test = (value, policy, context, variables) =>
  matchArn(policy, value, context, { variables, shortPatterns: false });

const boolTest: Test = (value, policy, context, variables) => {
  const resolved = resolve(policy, context, { wildcards: false, variables, lowerCase: true });
  const want = resolved && String.fromCharCode(...resolved);
  const got = value.toLowerCase();
  return (want === 'true' || want === 'false') && (got === 'true' || got === 'false') && want === got;
};

/** Positive operators; the negated ones are looked up through NEGATED. */
const POSITIVE: Record<string, Test> = {
  stringequals: stringTest({ wildcards: false, ignoreCase: false }),
  stringequalsignorecase: stringTest({ wildcards: false, ignoreCase: true }),
  stringlike: stringTest({ wildcards: true, ignoreCase: false }),
  arnequals: arnTest,
  arnlike: arnTest,
  numericequals: numericTest((r, p) => r === p),
  numericlessthan: numericTest((r, p) => r < p),
  numericlessthanequals: numericTest((r, p) => r <= p),
  numericgreaterthan: numericTest((r, p) => r > p),
  numericgreaterthanequals: numericTest((r, p) => r >= p),
  bool: boolTest,
};
const NEGATED: Record<string, string> = {
  stringnotequals: 'stringequals',
  stringnotequalsignorecase: 'stringequalsignorecase',
  stringnotlike: 'stringlike',
  arnnotequals: 'arnequals',
  arnnotlike: 'arnlike',
  numericnotequals: 'numericequals',
};

function nullTest(clause: ConditionClause, present: boolean): Tri {
  const values = clause.values.map((v) => v.toLowerCase());
  if (values.some((v) => v !== 'true' && v !== 'false')) return 'unknown';
  return values.includes(present ? 'false' : 'true');
}

/** Whether one condition (one operator, one key) holds for the request. */
export function conditionHolds(clause: ConditionClause, context: Context, variables: boolean): Tri {
  const value = context.get(clause.key);
  if (clause.base === 'null') return clause.set || clause.ifExists ? 'unknown' : nullTest(clause, value !== undefined);
  const negated = clause.base in NEGATED;
  const test = POSITIVE[NEGATED[clause.base] ?? clause.base];
  if (!test) return 'unknown';
  const satisfies = (requestValue: string) => {
    const any = clause.values.some((p) => test(requestValue, p, context, variables));
    return negated ? !any : any;
  };
  if (value === undefined) {
    if (clause.ifExists) return true;
    if (clause.set) return clause.set === 'ForAllValues';
    return negated;
  }
  if (clause.set) {
    const values = typeof value === 'string' ? [value] : value;
    return clause.set === 'ForAnyValue' ? values.some(satisfies) : values.every(satisfies);
  }
  // A multi-valued key needs a set operator; without one nothing matches it.
  if (typeof value !== 'string') return false;
  return satisfies(value);
}

/** Every clause must hold; one that does not decides, otherwise an unknown one makes it unknown. */
export function conditionsHold(clauses: ConditionClause[], context: Context, variables: boolean): Tri {
  let result: Tri = true;
  for (const clause of clauses) {
    const holds = conditionHolds(clause, context, variables);
    if (holds === false) return false;
    if (holds === 'unknown') result = 'unknown';
  }
  return result;
}

/** The operators, as written, that conditionHolds cannot evaluate (for messages). */
export function unsupportedOperators(clauses: ConditionClause[]): string[] {
  return clauses
    .filter((c) => (c.base === 'null' ? Boolean(c.set || c.ifExists) : !POSITIVE[NEGATED[c.base] ?? c.base]))
    .map((c) => c.operator);
}
