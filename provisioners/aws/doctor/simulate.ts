/**
 * Offline IAM evaluation of a role's own documents, so the doctor proves who gets in from the
 * documents themselves, without calling anything as Studio. The evaluator (policy-eval/) follows
 * AWS's documented evaluation logic; a differential test checks it against a maintained simulator.
 * A malformed document is reported, not evaluated; a condition the evaluator cannot evaluate
 * gives 'Unknown' (never 'Allowed').
 */
import { unsupportedOperators } from './policy-eval/conditions';
import { evaluatePolicies, requestProblem } from './policy-eval/evaluate';
import type { Decision, EvalRequest, Policy } from './policy-eval/model';
import { parsePolicy, type PolicyKind } from './policy-eval/parse';

export type { Decision } from './policy-eval/model';

export interface WebIdentityToken {
  /** The IAM OIDC provider the token is presented through. */
  providerArn: string;
  issuer: string;
  subject: string;
  audience: string;
}

export interface Verdict {
  decision: Decision;
  problem?: string;
}

function run(documents: { name: string; document: unknown }[], kind: PolicyKind, request: EvalRequest): Verdict {
  const policies: Policy[] = [];
  for (const { name, document } of documents) {
    const parsed = parsePolicy(document, kind);
    if ('problem' in parsed)
      return {
        decision: 'ImplicitlyDenied',
        problem: documents.length > 1 ? `${name}: ${parsed.problem}` : parsed.problem,
      };
    policies.push(parsed.policy);
  }
  const tooBig = requestProblem(request);
  if (tooBig) return { decision: 'Unknown', problem: tooBig };
  const decision = evaluatePolicies(policies, request);
  if (decision !== 'Unknown') return { decision };
  const operators = [
    ...new Set(policies.flatMap((p) => p.statements.flatMap((st) => unsupportedOperators(st.conditions)))),
  ];
  return {
    decision,
    problem: `it uses the condition operator ${operators.join(', ')}, which the doctor does not evaluate offline`,
  };
}

/** The context AWS sets for sts:AssumeRoleWithWebIdentity with an OIDC token. */
export function webIdentityRequest(token: WebIdentityToken): EvalRequest {
  return {
    action: 'sts:AssumeRoleWithWebIdentity',
    principal: { kind: 'federated', id: token.providerArn },
    context: { [`${token.issuer}:sub`]: token.subject, [`${token.issuer}:aud`]: token.audience },
  };
}

/** Whether a web-identity token may assume the role whose trust policy this is. */
export function canAssumeWithWebIdentity(
  trust: unknown,
  _roleArn: string,
  _accountId: string,
  token: WebIdentityToken,
): Verdict {
  return run([{ name: 'trust', document: trust }], 'trust', webIdentityRequest(token));
}

/** The context AWS sets for any request of a role session that the doctor can know offline. */
export function roleSessionRequest(
  roleSessionArn: string,
  accountId: string,
  action: string,
  resource: string,
): EvalRequest {
  const m = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(roleSessionArn);
  return {
    action,
    resource,
    context: {
      'aws:PrincipalAccount': accountId,
      'aws:PrincipalType': 'AssumedRole',
      ...(m ? { 'aws:PrincipalArn': `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` } : {}),
    },
  };
}

/** Whether the role's own (inline) policies allow an action on a resource, as a session of that role. */
export function identityAllows(
  policies: { name: string; document: unknown }[],
  roleSessionArn: string,
  accountId: string,
  action: string,
  resource: string,
): Verdict {
  return run(policies, 'identity', roleSessionRequest(roleSessionArn, accountId, action, resource));
}
