import { useEffect, type ReactNode } from 'react';
import { FIELD_LIMITS } from '@contract/field-limits';
import { NamePrefix } from '@contract/domain';
import type { SetupPlan, SetupPlanInput, SetupRef } from '@contract/schemas/setup';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/Field';
import { Notice } from '../components/Notice';
import { ScreenHeader } from '../components/ScreenHeader';
import { Spinner } from '../components/Spinner';
import { StepFooter } from '../components/StepFooter';
import { SummaryCard, type SetupSummaryData } from '../components/SummaryCard';
import { problemWith } from '../lib/validation';
import { useAppStore } from '../store';
import { TakeoverNotice } from './TakeoverNotice';

/** How a cloud words its Review screen. */
export interface ReviewWords {
  /** The header's text. */
  intro: string;
  /** What the name prefix does, for the prefix typed (empty: the Terraform's names). */
  prefixHint(prefix: string): string;
  loadingLabel: string;
  /** "Your account already matches this setup." */
  matches: string;
}

/** What a cloud gives the Review screen: its plan input, its words, its summary and its detailed plan. */
export interface ReviewParts {
  words: ReviewWords;
  /** What setup.plan is asked (the screen plans again whenever it changes). */
  input: SetupPlanInput;
  /** The current plan when it is this cloud's (the screen reads loading and errors from the store). */
  plan: SetupPlan | undefined;
  /** The plain summary, first (only for a plan with changes). */
  summary: SetupSummaryData | undefined;
  /** The detailed plan (rows, policies or roles) for the current plan. */
  details: ReactNode;
  /** After the details of a plan with changes (a permission check). */
  afterDetails?: ReactNode;
  /** Where the setup of a plan without changes is (its outputs are shown). */
  deployedRef: SetupRef | undefined;
  /**
   * Shown instead of planning while the cloud's sign-in is not ready yet (a restarted app signing in
   * again); the screen plans once this is undefined.
   */
  notReady?: ReactNode;
}

/**
 * Review, the same on every cloud: the takeover warning, the summary in plain words, the name
 * prefix, the detailed plan, what cancelling means, and Deploy. Nothing changes before Deploy.
 */
export function ReviewShell(parts: ReviewParts) {
  const { input, plan: value, words } = parts;
  const plan = useAppStore((s) => s.plan);
  const planKey = useAppStore((s) => s.planKey);
  const prefix = useAppStore((s) => s.draft.namePrefix);
  const takeoverConfirmed = useAppStore((s) => s.takeoverConfirmed);
  const { makePlan, deployPlan, goTo, setDraft, confirmTakeover } = useAppStore.getState();
  const key = JSON.stringify(input);
  const prefixProblem = problemWith(NamePrefix, prefix);

  // Plan whenever the config differs from the one planned (and a plan is not already on its way).
  const waiting = parts.notReady !== undefined;
  useEffect(() => {
    if (waiting || prefixProblem || plan.status === 'loading' || planKey === key) return;
    void makePlan(input);
  }, [waiting, key, planKey, input, plan.status, prefixProblem, makePlan]);

  // Leaving Review throws the plan away (on AWS its change set, and the empty review stack a first
  // plan made); a deployed plan is no longer kept, so this does nothing after Deploy.
  useEffect(() => () => void useAppStore.getState().discardPlan(), []);

  const suggestion = value?.suggestedPrefix;
  const applyPrefix = (namePrefix: string) => setDraft({ namePrefix });

  return (
    <div className="screen">
      <ScreenHeader title="Review the plan">{words.intro}</ScreenHeader>

      {value?.takeover && (
        <TakeoverNotice
          takeover={value.takeover}
          confirmed={takeoverConfirmed}
          onConfirm={confirmTakeover}
          suggestedPrefix={suggestion}
          onUsePrefix={applyPrefix}
        />
      )}
      {value?.kind === 'changes' && parts.summary && <SummaryCard summary={parts.summary} />}

      <section className="card" aria-label="Names">
        <h2>Names</h2>
        <TextField
          label="Name prefix"
          value={prefix}
          onChange={(v) => applyPrefix(v.trim())}
          error={prefixProblem}
          maxLength={FIELD_LIMITS.namePrefix}
          mono
          hint={words.prefixHint(prefix)}
        />
        {suggestion && suggestion !== prefix && (
          <button type="button" className="button button--secondary" onClick={() => applyPrefix(suggestion)}>
            Use the prefix “{suggestion}”
          </button>
        )}
      </section>

      {parts.notReady}
      {!waiting && plan.status === 'loading' && <Spinner label={words.loadingLabel} />}
      {!waiting && plan.status === 'error' && (
        <ErrorNotice title="The plan could not be made" error={plan.error} onRetry={() => void makePlan(input)} />
      )}
      {value && value.kind !== 'no-changes' && <h2>The plan in detail</h2>}
      {value && parts.details}
      {value?.kind === 'changes' && parts.afterDetails}
      {value?.kind === 'no-changes' && (
        <Notice tone="success" title="Nothing to change">
          {words.matches}{' '}
          {parts.deployedRef && (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setDraft({ deployed: parts.deployedRef });
                goTo('outputs');
              }}
            >
              Show the outputs
            </button>
          )}
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
