/**
 * Ask IAM whether the signed-in principal may do what a plan needs (SimulatePrincipalPolicy):
 * its identity policies, boundaries and the organisation's SCPs are evaluated by AWS itself.
 * A session of an assumed role is simulated as its role. Where IAM will not say (no right to
 * simulate, the root user, a federated user), every right is "unknown", never guessed.
 */
import { GetRoleCommand, SimulatePrincipalPolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { PermissionCheck, PermissionReport } from '../../core/checks.schema';
import { describePrincipal, parseArn } from '../arn';
import { awsErrorName } from '../clients';
import { policyFor, type RequiredRight } from './required';

/** The IAM ARN to simulate for a caller ARN, or why there is none. */
export async function simulatedPrincipal(
  iam: Pick<IAMClient, 'send'>,
  callerArn: string,
  signal?: AbortSignal,
): Promise<{ arn: string } | { reason: string }> {
  const principal = describePrincipal(callerArn);
  const parsed = parseArn(callerArn);
  if (principal.type === 'user') return { arn: callerArn };
  if (principal.type === 'assumed-role' && parsed) {
    // The role's ARN may have a path the session ARN leaves out (IAM Identity Center roles do).
    try {
      const role = await iam.send(new GetRoleCommand({ RoleName: principal.name }), { abortSignal: signal });
      if (role.Role?.Arn) return { arn: role.Role.Arn };
    } catch {
      // Not allowed to read the role: try the ARN without a path.
    }
    return { arn: `arn:${parsed.partition}:iam::${parsed.accountId}:role/${principal.name}` };
  }
  if (principal.type === 'root')
    return {
      reason: 'You are signed in as the root user, which IAM does not simulate (it may do everything an SCP allows).',
    };
  return { reason: `IAM cannot simulate ${callerArn} (only users and roles can be simulated).` };
}

const DECISION: Record<string, PermissionCheck['status']> = {
  allowed: 'ok',
  explicitDeny: 'missing',
  implicitDeny: 'missing',
};

async function simulate(
  iam: Pick<IAMClient, 'send'>,
  principalArn: string,
  resource: string,
  actions: string[],
  signal?: AbortSignal,
): Promise<PermissionCheck[]> {
  const checks: PermissionCheck[] = [];
  let marker: string | undefined;
  do {
    const out = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: principalArn,
        ActionNames: actions,
        ResourceArns: [resource],
        ...(marker ? { Marker: marker } : {}),
      }),
      { abortSignal: signal },
    );
    for (const r of out.EvaluationResults ?? []) {
      const status = DECISION[r.EvalDecision ?? ''] ?? 'unknown';
      checks.push({
        action: r.EvalActionName ?? '',
        resource,
        status,
        ...(r.EvalDecision === 'explicitDeny' ? { detail: 'explicitly denied' } : {}),
        ...(r.EvalDecision === 'implicitDeny' ? { detail: 'no policy allows it' } : {}),
      });
    }
    marker = out.IsTruncated ? out.Marker : undefined;
  } while (marker);
  return checks;
}

export async function checkPermissions(
  iam: Pick<IAMClient, 'send'>,
  callerArn: string,
  rights: RequiredRight[],
  signal?: AbortSignal,
): Promise<PermissionReport> {
  const unknownAll = (principal: string, reason: string): PermissionReport => ({
    principal,
    method: 'unknown',
    reason,
    checks: rights.map((r) => ({ ...r, status: 'unknown' })),
    summary: `Your rights could not be checked: ${reason}`,
    askAdmin: policyFor(rights),
  });
  const who = await simulatedPrincipal(iam, callerArn, signal);
  if ('reason' in who) return unknownAll(callerArn, who.reason);
  const byResource = new Map<string, string[]>();
  for (const r of rights) byResource.set(r.resource, [...(byResource.get(r.resource) ?? []), r.action]);
  let checks: PermissionCheck[] = [];
  try {
    for (const [resource, actions] of byResource)
      checks.push(...(await simulate(iam, who.arn, resource, actions, signal)));
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    const name = awsErrorName(error);
    return unknownAll(
      who.arn,
      name === 'AccessDenied' || name === 'AccessDeniedException'
        ? 'you may not ask IAM to simulate your own rights (iam:SimulatePrincipalPolicy).'
        : name === 'NoSuchEntity'
          ? `IAM does not know ${who.arn}.`
          : `IAM did not answer the simulation (${name ?? 'no answer'}).`,
    );
  }
  // Anything IAM did not answer for stays unknown.
  const answered = new Set(checks.map((c) => `${c.action}|${c.resource}`));
  checks = [
    ...checks,
    ...rights
      .filter((r) => !answered.has(`${r.action}|${r.resource}`))
      .map((r) => ({ ...r, status: 'unknown' as const })),
  ];
  const missing = checks.filter((c) => c.status !== 'ok');
  return {
    principal: who.arn,
    method: 'simulated',
    checks,
    summary: missing.length
      ? `${missing.length} of the ${checks.length} rights this plan needs ${missing.length > 1 ? 'are' : 'is'} missing or unknown: ask an admin for them, or hand the setup to an admin.`
      : `You have all ${checks.length} rights this plan needs.`,
    ...(missing.length ? { askAdmin: policyFor(missing) } : {}),
  };
}
