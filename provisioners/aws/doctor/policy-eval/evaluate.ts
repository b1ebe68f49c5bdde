/**
 * AWS's evaluation logic for one kind of policy at a time (a role's permissions policies, or its
 * trust policy): a matching Deny wins over everything, a matching Allow allows, and nothing
 * matching is an implicit deny. A statement matches when its action, resource (or principal) and
 * every condition match. A condition that cannot be evaluated makes its statement 'Unknown': an
 * unknown Deny leaves the answer unknown unless another Deny decides, an unknown Allow matters only
 * when nothing else allows; 'Unknown' is never 'Allowed'.
 *
 * Out of scope, because the doctor evaluates a role's own documents: SCPs, RCPs, permission
 * boundaries, session policies and resource policies of the target (bucket, key, secret).
 */
import { matchArn } from './arns';
import { conditionsHold, type Tri } from './conditions';
import { matchActionPattern } from './match';
import type { Decision, EvalRequest, Policy, Statement } from './model';
import { LIMITS } from './limits';
import { principalMatches } from './principal';
import type { Context } from './variables';

export function contextOf(values: EvalRequest['context']): Context {
  const context = new Map<string, string | readonly string[]>();
  for (const [key, value] of Object.entries(values)) context.set(key.toLowerCase(), value);
  return context;
}

function actionMatches(s: Statement, action: string): boolean {
  const any = s.actions.values.some((pattern) => matchActionPattern(pattern, action));
  return s.actions.not ? !any : any;
}

function resourceMatches(s: Statement, request: EvalRequest, context: Context, variables: boolean): boolean {
  if (!s.resources) return true;
  const resource = request.resource ?? '';
  const any = s.resources.values.some((pattern) =>
    matchArn(pattern, resource, context, { variables, shortPatterns: true }),
  );
  return s.resources.not ? !any : any;
}

/** Whether the statement applies: true, false, 'unknown'; an account-level principal match is 'account'. */
function statementApplies(s: Statement, request: EvalRequest, context: Context, variables: boolean): Tri | 'account' {
  let principal: Tri | 'account' = true;
  if (s.principals) {
    if (!request.principal) return false;
    const m = principalMatches(s.principals.set, request.principal);
    principal = s.principals.not ? !m : m === 'account' ? 'account' : m === 'direct';
  }
  if (!principal || !actionMatches(s, request.action) || !resourceMatches(s, request, context, variables)) return false;
  const conditions = conditionsHold(s.conditions, context, variables);
  if (conditions !== true) return conditions;
  return principal;
}

export function evaluatePolicies(policies: Policy[], request: EvalRequest): Decision {
  const context = contextOf(request.context);
  let allowed = false;
  let unknownAllow = false;
  let unknownDeny = false;
  for (const policy of policies) {
    for (const s of policy.statements) {
      const applies = statementApplies(s, request, context, policy.variables);
      if (applies === false) continue;
      if (s.effect === 'Deny') {
        if (applies !== 'unknown') return 'ExplicitlyDenied';
        unknownDeny = true;
      } else if (applies === 'unknown') unknownAllow = true;
      else if (applies === true) allowed = true;
    }
  }
  if (unknownDeny) return 'Unknown';
  if (allowed) return 'Allowed';
  return unknownAllow ? 'Unknown' : 'ImplicitlyDenied';
}

/** What is out of bounds in a request, if anything (the doctor's requests come from a bounded config). */
export function requestProblem(request: EvalRequest): string | undefined {
  const strings = [request.action, request.resource ?? '', ...Object.keys(request.context)];
  const entries = Object.values(request.context);
  if (entries.length > LIMITS.contextKeys) return 'the request has too many context keys';
  for (const value of entries) {
    if (Array.isArray(value) && value.length > LIMITS.contextValues) return 'a context key has too many values';
    strings.push(...(Array.isArray(value) ? value : [value as string]));
  }
  return strings.some((s) => s.length > LIMITS.stringChars) ? 'a request value is too long' : undefined;
}
