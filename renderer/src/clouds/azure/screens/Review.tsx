import { useEffect, useMemo } from 'react';
import { NamePrefix } from '@contract/domain';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { TextField } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { ScreenHeader } from '../../../components/ScreenHeader';
import { Spinner } from '../../../components/Spinner';
import { StepFooter } from '../../../components/StepFooter';
import { problemWith } from '../../../lib/validation';
import { TakeoverNotice } from '../../../screens/TakeoverNotice';
import { useAppStore } from '../../../store';
import { azureConfigFromDraft } from '../config';
import { AzurePlanView } from './AzurePlanView';

export function AzureReviewStep() {
  const draft = useAppStore((s) => s.draft);
  const plan = useAppStore((s) => s.plan);
  const planKey = useAppStore((s) => s.planKey);
  const takeoverConfirmed = useAppStore((s) => s.takeoverConfirmed);
  const { makePlan, deployPlan, goTo, setDraft, confirmTakeover } = useAppStore.getState();
  const input = useMemo(() => {
    const config = azureConfigFromDraft(draft);
    return { cloud: 'azure' as const, tenantId: config.tenantId, subscriptionId: config.subscriptionId, config };
  }, [draft]);
  const key = JSON.stringify(input);
  const prefix = draft.namePrefix;
  const prefixProblem = problemWith(NamePrefix, prefix);

  useEffect(() => {
    if (prefixProblem || plan.status === 'loading' || planKey === key) return;
    void makePlan(input);
  }, [key, planKey, input, plan.status, prefixProblem, makePlan]);

  const value = plan.status === 'ready' && plan.value.cloud === 'azure' ? plan.value : undefined;
  const suggestion = value?.suggestedPrefix;
  const applyPrefix = (namePrefix: string) => setDraft({ namePrefix });

  return (
    <div className="screen">
      <ScreenHeader title="Review the plan">
        Nothing has changed in your subscription or tenant yet. This is every object the deploy makes or changes, every
        role it defines and assigns, and whether you may do it.
      </ScreenHeader>

      <section className="card" aria-label="Names">
        <h2>Names</h2>
        <TextField
          label="Name prefix"
          value={prefix}
          onChange={(v) => applyPrefix(v.trim())}
          error={prefixProblem}
          mono
          hint={
            prefix
              ? `App registrations will be named ${prefix}-datachain-oidc-compute and ${prefix}-datachain-oidc-storage.`
              : "Empty keeps the Terraform's names (datachain-oidc-compute, datachain-oidc-storage)."
          }
        />
        {suggestion && suggestion !== prefix && (
          <button type="button" className="button button--secondary" onClick={() => applyPrefix(suggestion)}>
            Use the prefix “{suggestion}”
          </button>
        )}
      </section>

      {plan.status === 'loading' && <Spinner label="Reading your subscription and tenant and preparing the plan…" />}
      {plan.status === 'error' && (
        <ErrorNotice title="The plan could not be made" error={plan.error} onRetry={() => void makePlan(input)} />
      )}
      {value?.takeover && (
        <TakeoverNotice
          takeover={value.takeover}
          confirmed={takeoverConfirmed}
          onConfirm={confirmTakeover}
          suggestedPrefix={suggestion}
          onUsePrefix={applyPrefix}
        />
      )}
      {value && <AzurePlanView plan={value} />}
      {value?.kind === 'no-changes' && (
        <Notice tone="success" title="Nothing to change">
          Your subscription already matches this setup.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setDraft({
                deployed: {
                  cloud: 'azure',
                  tenantId: value.tenantId,
                  subscriptionId: value.subscriptionId,
                  resourceGroup: value.resourceGroup,
                },
              });
              goTo('outputs');
            }}
          >
            Show the outputs
          </button>
        </Notice>
      )}
      {value?.kind === 'changes' && (
        <section className="card" aria-label="Cost and cancelling">
          <h2>What it costs</h2>
          <p>
            Nothing, by itself: a resource group, app registrations, service principals, federated credentials, custom
            roles, role assignments and access policies are free. You pay for the AKS clusters and nodes Studio creates
            later, when jobs run.
          </p>
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
