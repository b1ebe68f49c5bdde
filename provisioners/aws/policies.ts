/**
 * The IAM documents in a template (ours are literal, so what the template says is what IAM will
 * hold), and what changes between two templates, statement by statement.
 */
import type { PolicyDocument, PolicyStatement } from './iam-policies';
import type { CfnTemplate } from './template';
import type { PolicyChange } from './setup.schema';

export interface TemplatePolicy {
  /** Stable key: `<logicalId>:<kind>`. */
  key: string;
  logicalId: string;
  role: string;
  kind: 'trust' | 'inline' | 'managed';
  name: string;
  document?: PolicyDocument;
  arns?: string[];
}

type Template = Pick<CfnTemplate, 'Resources'>;

export function policiesOfTemplate(template: Template): TemplatePolicy[] {
  const out: TemplatePolicy[] = [];
  const roleNameOf = (logicalId: string) => String(template.Resources[logicalId]?.Properties?.RoleName ?? logicalId);
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const p = resource.Properties ?? {};
    if (resource.Type === 'AWS::IAM::Role') {
      const role = String(p.RoleName ?? logicalId);
      out.push({
        key: `${logicalId}:trust`,
        logicalId,
        role,
        kind: 'trust',
        name: 'Trust policy',
        document: p.AssumeRolePolicyDocument as PolicyDocument,
      });
      const managed = (p.ManagedPolicyArns as string[] | undefined) ?? [];
      if (managed.length)
        out.push({
          key: `${logicalId}:managed`,
          logicalId,
          role,
          kind: 'managed',
          name: 'AWS managed policies',
          arns: managed,
        });
      for (const inline of (p.Policies as { PolicyName: string; PolicyDocument: PolicyDocument }[] | undefined) ?? []) {
        out.push({
          key: `${logicalId}:inline:${inline.PolicyName}`,
          logicalId,
          role,
          kind: 'inline',
          name: inline.PolicyName,
          document: inline.PolicyDocument,
        });
      }
    } else if (resource.Type === 'AWS::IAM::Policy') {
      const roles = (p.Roles as { Ref?: string }[] | undefined) ?? [];
      const role = roles[0]?.Ref ? roleNameOf(roles[0].Ref) : String(p.PolicyName);
      out.push({
        key: `${logicalId}:inline`,
        logicalId,
        role,
        kind: 'inline',
        name: String(p.PolicyName),
        document: p.PolicyDocument as PolicyDocument,
      });
    }
  }
  return out;
}

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Flatten a document into readable grant lines. */
export function grantLines(policy: Pick<TemplatePolicy, 'document' | 'arns'>): string[] {
  if (policy.arns) return policy.arns.map((arn) => `attach ${arn}`);
  return (policy.document?.Statement ?? []).flatMap((s: PolicyStatement) => {
    const who = s.Principal
      ? ` for ${Object.values(s.Principal)
          .flatMap((p) => list(p))
          .join(', ')}`
      : '';
    const condition = s.Condition ? ` when ${JSON.stringify(s.Condition)}` : '';
    const resources = s.Resource === undefined ? [''] : list(s.Resource);
    return list(s.Action).flatMap((action) =>
      resources.map((r) => `${s.Effect} ${action}${r ? ` on ${r}` : ''}${who}${condition}`),
    );
  });
}

export function diffPolicies(before: Template | undefined, after: Template): PolicyChange[] {
  const old = new Map((before ? policiesOfTemplate(before) : []).map((p) => [p.key, p]));
  const changes: PolicyChange[] = [];
  for (const policy of policiesOfTemplate(after)) {
    const previous = old.get(policy.key);
    old.delete(policy.key);
    const now = grantLines(policy);
    const then = previous ? grantLines(previous) : [];
    const added = now.filter((l) => !then.includes(l));
    const removed = then.filter((l) => !now.includes(l));
    const change = !previous
      ? 'added'
      : added.length ||
          removed.length ||
          JSON.stringify(previous.document ?? previous.arns) !== JSON.stringify(policy.document ?? policy.arns)
        ? 'modified'
        : 'unchanged';
    changes.push({
      ...policy,
      change,
      ...(previous ? { before: previous.document ?? previous.arns ?? [] } : {}),
      added: change === 'added' ? now : added,
      removed,
    });
  }
  for (const policy of old.values()) {
    changes.push({
      ...policy,
      change: 'removed',
      before: policy.document ?? policy.arns ?? [],
      added: [],
      removed: grantLines(policy),
    });
  }
  return changes;
}
