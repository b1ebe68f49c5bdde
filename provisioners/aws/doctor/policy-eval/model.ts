/** The evaluator's view of a policy, after parse.ts has checked and bounded it. */
export type Effect = 'Allow' | 'Deny';

export type SetOperator = 'ForAnyValue' | 'ForAllValues';

export interface ConditionClause {
  /** As written, for messages. */
  operator: string;
  /** Lower-cased base operator without set prefix or IfExists, e.g. `stringlike`. */
  base: string;
  set?: SetOperator;
  ifExists: boolean;
  /** Lower-cased condition key. */
  key: string;
  values: string[];
}

export interface PrincipalSet {
  /** `"Principal": "*"`. */
  all: boolean;
  aws: string[];
  federated: string[];
  service: string[];
  canonicalUser: string[];
}

export interface Statement {
  effect: Effect;
  actions: { not: boolean; values: string[] };
  resources?: { not: boolean; values: string[] };
  principals?: { not: boolean; set: PrincipalSet };
  conditions: ConditionClause[];
}

export interface Policy {
  /** Policy variables exist only in 2012-10-17 policies. */
  variables: boolean;
  statements: Statement[];
}

/** Who makes the request, for resource policies (trust policies) only. */
export type RequestPrincipal =
  { kind: 'federated'; id: string } | { kind: 'aws'; arn: string; accountId: string } | { kind: 'service'; id: string };

export interface EvalRequest {
  action: string;
  /** Absent for a trust policy (the role is the resource). */
  resource?: string;
  principal?: RequestPrincipal;
  /** Condition keys as given; looked up case-insensitively. */
  context: Record<string, string | string[]>;
}

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied' | 'Unknown';
