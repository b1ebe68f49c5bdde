/**
 * Offline IAM evaluation with a maintained policy simulator (@cloud-copilot/iam-simulate), so the
 * doctor proves who gets in from the documents themselves, without calling anything as Studio.
 *
 * Trust policies go through `runUnsafeSimulation`: the checked entry point drops context keys it
 * does not know for the action, and an OIDC issuer with a path (studio.datachain.ai/api:sub) is one
 * of those, which would make every web-identity check an implicit deny. The documents are loaded
 * as validated policies (iam-policy) so a malformed document is reported, not evaluated.
 */
import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import { createValidatedPolicy, validateIdentityPolicy, validateTrustPolicy } from '@cloud-copilot/iam-policy';

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export interface WebIdentityToken {
  /** The IAM OIDC provider the token is presented through. */
  providerArn: string;
  issuer: string;
  subject: string;
  audience: string;
}

function problemsOf(errors: { message: string }[]): string | undefined {
  return errors.length ? errors.map((e) => e.message).join('; ') : undefined;
}

/** Whether a web-identity token may assume the role whose trust policy this is. */
export function canAssumeWithWebIdentity(
  trust: unknown,
  roleArn: string,
  accountId: string,
  token: WebIdentityToken,
): { decision: Decision; problem?: string } {
  const problem = problemsOf(validateTrustPolicy(trust));
  if (problem) return { decision: 'ImplicitlyDenied', problem };
  const result = runUnsafeSimulation(
    {
      request: {
        principal: token.providerArn,
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: { resource: roleArn, accountId },
        contextVariables: { [`${token.issuer}:sub`]: token.subject, [`${token.issuer}:aud`]: token.audience },
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: createValidatedPolicy(trust, validateTrustPolicy, { name: 'trust' }),
    },
    {},
  );
  return { decision: result as Decision };
}

/** Whether the role's own (inline) policies allow an action on a resource, as a session of that role. */
export function identityAllows(
  policies: { name: string; document: unknown }[],
  roleSessionArn: string,
  accountId: string,
  action: string,
  resource: string,
): { decision: Decision; problem?: string } {
  const invalid = policies.map((p) => problemsOf(validateIdentityPolicy(p.document))).find(Boolean);
  if (invalid) return { decision: 'ImplicitlyDenied', problem: invalid };
  const result = runUnsafeSimulation(
    {
      request: { principal: roleSessionArn, action, resource: { resource, accountId }, contextVariables: {} },
      identityPolicies: policies.map((p) => ({
        name: p.name,
        policy: createValidatedPolicy(p.document, validateIdentityPolicy, { name: p.name }),
      })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  return { decision: result as Decision };
}
