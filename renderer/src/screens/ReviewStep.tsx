import { useMemo } from 'react';
import { configFromDraft } from '../lib/config';
import { useAppStore } from '../store';
import { awsSetupSummary, type BucketFacts } from '../clouds/aws/summary';
import { PermissionChecklist } from './PermissionChecklist';
import { PlanView } from './PlanView';
import { ReviewShell, type ReviewWords } from './ReviewShell';

const AWS_REVIEW: ReviewWords = {
  intro:
    'Nothing has changed in your account yet. First the setup in short, then exactly what CloudFormation will do, with every IAM document as it will apply.',
  prefixHint: (prefix) =>
    prefix
      ? `Resources will be named ${prefix}-datachain-cluster, ${prefix}-datachain-oidc-compute, …`
      : 'Empty keeps the Terraform names (datachain-cluster, datachain-oidc-compute, …). Set one to install a second setup in the same account.',
  loadingLabel: 'Checking your account and preparing the plan…',
  matches: 'Your account already matches this setup.',
};

/** Review on AWS: the neutral screen with the CloudFormation plan, its summary and the permission checklist. */
export function ReviewStep() {
  const draft = useAppStore((s) => s.draft);
  const plan = useAppStore((s) => s.plan);
  const identity = useAppStore((s) => (s.identity.status === 'ready' ? s.identity.value : undefined));
  const bucketChecks = useAppStore((s) => s.bucketChecks);
  const profile = draft.aws?.profile || undefined;
  const input = useMemo(
    () => ({ cloud: 'aws' as const, ...(profile ? { profile } : {}), config: configFromDraft(draft) }),
    [draft, profile],
  );
  const value = plan.status === 'ready' && plan.value.cloud === 'aws' ? plan.value : undefined;
  const summary = useMemo(() => {
    if (value?.kind !== 'changes' || !value.config) return undefined;
    const buckets: Record<string, BucketFacts> = {};
    for (const b of draft.aws?.buckets ?? []) {
      const check = bucketChecks[b.name];
      const checked = check?.status === 'ready' ? check.value : undefined;
      buckets[b.name] = { region: b.region ?? checked?.region, access: checked?.access };
    }
    return awsSetupSummary({ plan: value, config: value.config, identity, buckets });
  }, [value, draft.aws?.buckets, bucketChecks, identity]);

  return (
    <ReviewShell
      input={input}
      plan={value}
      words={AWS_REVIEW}
      summary={summary}
      details={value && <PlanView plan={value} />}
      afterDetails={<PermissionChecklist input={input} />}
      deployedRef={
        value && { cloud: 'aws', stackName: value.stackName, region: value.region, ...(profile ? { profile } : {}) }
      }
    />
  );
}
