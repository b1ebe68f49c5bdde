/**
 * The plan: preflight, then a change set turned into readable rows, plus the exact IAM documents
 * that will apply and how they differ from what is deployed. Nothing changes until deploy.
 */
import { ProvisionError } from '../core/errors';
import { createChangeSet, type ChangeSetRef } from './changeset';
import type { AwsClients } from './clients';
import { diffPolicies } from './policies';
import type { PlanRow, PolicyChange } from './setup.schema';
import type { Revoking } from '../core/setup.schema';
import { preflight, type PreflightResult } from './preflight';
import { removeUnfinishedReview } from './unfinished-review';
import type { AwsSetupConfig } from './schema';
import { renderTemplate, stackTags, type CfnTemplate } from './template';
import type { Sleep } from '../core/poll';

export interface PlanContext {
  accountId: string;
  /** Thumbprints of the issuer's chain, asked for only when the provider must be created. */
  thumbprints(issuer: string): Promise<string[]>;
  /** Whether an operation of this app is deploying or following the stack (by id) right now. */
  inUse?: (stackId: string) => boolean;
}

interface Planned {
  preflight: PreflightResult;
  stackName: string;
}

export type Plan =
  | (Planned & { kind: 'blocked' })
  | (Planned & { kind: 'no-changes'; stackId: string; config: AwsSetupConfig })
  | (Planned & {
      kind: 'changes';
      changeSet: ChangeSetRef;
      rows: PlanRow[];
      policies: PolicyChange[];
      /** Changes outside the stack, stated in words (e.g. adding an audience to a reused provider). */
      outsideStack: string[];
      addAudienceTo?: string;
      templateBytes: number;
      config: AwsSetupConfig;
    });

/** The config as it will deploy: the reused provider, or the thumbprints of the one to create. */
export async function effectiveConfig(
  checked: PreflightResult,
  config: AwsSetupConfig,
  context: PlanContext,
): Promise<AwsSetupConfig> {
  const effective: AwsSetupConfig = { ...config };
  delete effective.existingOidcProviderArn;
  if (checked.oidc.mode === 'reuse') {
    effective.existingOidcProviderArn = checked.oidc.arn!;
    effective.oidcThumbprints = [];
  } else if (effective.oidcThumbprints.length === 0) {
    const previous = checked.oidc.mode === 'ours' ? (checked.deployedConfig?.oidcThumbprints ?? []) : [];
    effective.oidcThumbprints = previous.length ? previous : await context.thumbprints(config.studio.issuer);
  }

  return effective;
}

export async function planSetup(
  clients: AwsClients,
  config: AwsSetupConfig,
  context: PlanContext,
  options: { signal?: AbortSignal; sleep?: Sleep; revoking?: Revoking } = {},
): Promise<Plan> {
  // The issuer's thumbprints are fetched alongside the preflight reads (not after them), and used
  // only if the stack must create the provider; a failure counts only then.
  const thumbprints = config.oidcThumbprints.length ? undefined : context.thumbprints(config.studio.issuer);
  thumbprints?.catch(() => undefined);
  const checked = await preflight(clients, config, options.signal, options.revoking);
  const base = { preflight: checked, stackName: checked.stackName };
  if (checked.blockers.length || !checked.action) return { ...base, kind: 'blocked' };

  if (checked.condition.kind === 'review') {
    // A plan never deployed nor discarded (the app was closed on Review) left this empty stack.
    await removeUnfinishedReview(clients.cloudformation, checked.condition.stackId, {
      ...options,
      ...(context.inUse ? { inUse: context.inUse } : {}),
    });
    checked.warnings.push({
      code: 'UNFINISHED_REVIEW_REMOVED',
      message: `An earlier plan that was never deployed had left an empty stack ${checked.stackName} under review; it was removed (nothing had been created).`,
      hint: 'Nothing to do: this plan starts afresh.',
    });
  }
  const effective = await effectiveConfig(checked, config, {
    ...context,
    thumbprints: (issuer) => thumbprints ?? context.thumbprints(issuer),
  });

  const rendered = renderTemplate(effective, { accountId: context.accountId });
  const before =
    checked.action === 'update' && checked.deployedBody ? (JSON.parse(checked.deployedBody) as CfnTemplate) : undefined;

  const outcome = await createChangeSet(
    clients.cloudformation,
    {
      stackName: checked.stackName,
      type: checked.action === 'create' ? 'CREATE' : 'UPDATE',
      templateBody: rendered.body,
      tags: stackTags(effective),
      description: 'Planned by DataChain Cluster Setup',
    },
    options,
  );
  if (outcome.kind === 'no-changes')
    return { ...base, kind: 'no-changes', stackId: outcome.stackId, config: effective };
  if (outcome.rows.length === 0)
    throw new ProvisionError('DEPLOY_FAILED', 'CloudFormation planned a change without any resource changes.');

  const outsideStack: string[] = [];
  if (checked.oidc.mode === 'reuse') {
    outsideStack.push(
      `Reuse the existing OIDC provider ${checked.oidc.arn} (it is not part of the stack and is never deleted by it).`,
    );
    if (checked.oidc.addAudience) outsideStack.push(`Add the audience sts.amazonaws.com to that provider.`);
  }
  return {
    ...base,
    kind: 'changes',
    changeSet: outcome.ref,
    rows: outcome.rows,
    policies: diffPolicies(before, rendered.template),
    outsideStack,
    ...(checked.oidc.mode === 'reuse' && checked.oidc.addAudience ? { addAudienceTo: checked.oidc.arn! } : {}),
    templateBytes: new TextEncoder().encode(rendered.body).length,
    config: effective,
  };
}
