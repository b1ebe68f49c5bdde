import { FIELD_LIMITS } from '@contract/field-limits';
import { useEffect, useMemo } from 'react';
import { NamePrefix } from '@contract/domain';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/Field';
import { Notice } from '../components/Notice';
import { ScreenHeader } from '../components/ScreenHeader';
import { Spinner } from '../components/Spinner';
import { StepFooter } from '../components/StepFooter';
import { configFromDraft } from '../lib/config';
import { problemWith } from '../lib/validation';
import { useAppStore } from '../store';
import { awsSetupSummary, type BucketFacts } from '../clouds/aws/summary';
import { SummaryCard } from '../components/SummaryCard';
import { PermissionChecklist } from './PermissionChecklist';
import { PlanView } from './PlanView';
import { TakeoverNotice } from './TakeoverNotice';

export function ReviewStep() {
  const draft = useAppStore((s) => s.draft);
  const plan = useAppStore((s) => s.plan);
  const planKey = useAppStore((s) => s.planKey);
  const takeoverConfirmed = useAppStore((s) => s.takeoverConfirmed);
  const identity = useAppStore((s) => (s.identity.status === 'ready' ? s.identity.value : undefined));
  const bucketChecks = useAppStore((s) => s.bucketChecks);
  const { makePlan, deployPlan, goTo, setDraft, confirmTakeover } = useAppStore.getState();
  const profile = draft.aws?.profile || undefined;
  const input = useMemo(
    () => ({ cloud: 'aws' as const, ...(profile ? { profile } : {}), config: configFromDraft(draft) }),
    [draft, profile],
  );
  const key = JSON.stringify(input);
  const prefix = draft.namePrefix;
  const prefixProblem = problemWith(NamePrefix, prefix);

  // Plan whenever the config differs from the one planned (and a plan is not already on its way).
  useEffect(() => {
    if (prefixProblem || plan.status === 'loading' || planKey === key) return;
    void makePlan(input);
  }, [key, planKey, input, plan.status, prefixProblem, makePlan]);

  const value = plan.status === 'ready' && plan.value.cloud === 'aws' ? plan.value : undefined;
  const suggestion = value?.suggestedPrefix;
  const applyPrefix = (namePrefix: string) => setDraft({ namePrefix });
  const summary = useMemo(() => {
    if (value?.cloud !== 'aws' || value.kind !== 'changes' || !value.config) return undefined;
    const buckets: Record<string, BucketFacts> = {};
    for (const b of draft.aws?.buckets ?? []) {
      const check = bucketChecks[b.name];
      const checked = check?.status === 'ready' ? check.value : undefined;
      buckets[b.name] = { region: b.region ?? checked?.region, access: checked?.access };
    }
    return awsSetupSummary({ plan: value, config: value.config, identity, buckets });
  }, [value, draft.aws?.buckets, bucketChecks, identity]);

  return (
    <div className="screen">
      <ScreenHeader title="Review the plan">
        Nothing has changed in your account yet. First the setup in short, then exactly what CloudFormation will do,
        with every IAM document as it will apply.
      </ScreenHeader>

      {value?.takeover && (
        <TakeoverNotice
          takeover={value.takeover}
          confirmed={takeoverConfirmed}
          onConfirm={confirmTakeover}
          suggestedPrefix={suggestion}
          onUsePrefix={applyPrefix}
        />
      )}
      {summary && <SummaryCard summary={summary} />}

      <section className="card" aria-label="Names">
        <h2>Names</h2>
        <TextField
          label="Name prefix"
          value={prefix}
          onChange={(v) => applyPrefix(v.trim())}
          error={prefixProblem}
          maxLength={FIELD_LIMITS.namePrefix}
          mono
          hint={
            prefix
              ? `Resources will be named ${prefix}-datachain-cluster, ${prefix}-datachain-oidc-compute, …`
              : 'Empty keeps the Terraform names (datachain-cluster, datachain-oidc-compute, …). Set one to install a second setup in the same account.'
          }
        />
        {suggestion && suggestion !== prefix && (
          <button type="button" className="button button--secondary" onClick={() => applyPrefix(suggestion)}>
            Use the prefix “{suggestion}”
          </button>
        )}
      </section>

      {plan.status === 'loading' && <Spinner label="Checking your account and preparing the plan…" />}
      {plan.status === 'error' && (
        <ErrorNotice title="The plan could not be made" error={plan.error} onRetry={() => void makePlan(input)} />
      )}
      {value && value.kind !== 'no-changes' && <h2>The plan in detail</h2>}
      {value && <PlanView plan={value} />}
      {value?.kind === 'changes' && <PermissionChecklist input={input} />}
      {value?.kind === 'no-changes' && (
        <Notice tone="success" title="Nothing to change">
          Your account already matches this setup.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setDraft({
                deployed: {
                  cloud: 'aws',
                  stackName: value.stackName,
                  region: value.region,
                  ...(profile ? { profile } : {}),
                },
              });
              goTo('outputs');
            }}
          >
            Show the outputs
          </button>
        </Notice>
      )}
      {value?.kind === 'changes' && value.cancelMeaning && (
        <section className="card" aria-label="Cancelling">
          <h2>If you cancel the deploy</h2>
          <p className="muted">{value.cancelMeaning}</p>
        </section>
      )}

      <StepFooter
        onNext={async (next) => {
          if (await deployPlan()) next();
        }}
        nextLabel="Deploy"
      />
    </div>
  );
}
