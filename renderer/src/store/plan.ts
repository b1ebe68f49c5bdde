import type { StateCreator } from 'zustand';
import type { SetupPlan } from '@contract/schemas/aws-setup';
import type { AwsSetupConfigInput } from '../../../provisioners/aws/schema';
import { call, errorOf } from '../api/client';
import { guarded } from '../api/guarded';
import type { AppState } from './index';
import type { Loadable } from './session';

export interface PlanSlice {
  plan: Loadable<SetupPlan>;
  /** The config the current plan (or plan attempt) was made from, as JSON. */
  planKey: string | undefined;
  /** Preflight and plan a config (nothing changes in the account but a change set). */
  makePlan(config: AwsSetupConfigInput): Promise<SetupPlan | undefined>;
  discardPlan(): Promise<void>;
  /** Execute the reviewed plan: the deploy operation starts and is followed. */
  deployPlan(): Promise<boolean>;
}

export const createPlanSlice: StateCreator<AppState, [['zustand/persist', unknown]], [], PlanSlice> = (set, get) => ({
  plan: { status: 'idle' },
  planKey: undefined,

  async makePlan(config) {
    const previous = get().plan;
    if (previous.status === 'ready' && previous.value.kind === 'changes') void call('aws.setup.discardPlan', { planId: previous.value.planId }).catch(() => undefined);
    set({ plan: { status: 'loading' }, planKey: JSON.stringify(config) });
    const profile = get().draft.aws?.profile;
    try {
      const value = await guarded(() => call('aws.setup.plan', { ...(profile ? { profile } : {}), config }));
      set({ plan: { status: 'ready', value } });
      return value;
    } catch (error) {
      set({ plan: { status: 'error', error: errorOf(error).toJSON() } });
      return undefined;
    }
  },

  async discardPlan() {
    const plan = get().plan;
    set({ plan: { status: 'idle' }, planKey: undefined });
    if (plan.status === 'ready' && plan.value.kind === 'changes') await call('aws.setup.discardPlan', { planId: plan.value.planId }).catch(() => undefined);
  },

  async deployPlan() {
    const plan = get().plan;
    if (plan.status !== 'ready' || plan.value.kind !== 'changes') return false;
    const profile = get().draft.aws?.profile || undefined;
    try {
      const started = await guarded(() => call('aws.setup.deploy', { planId: plan.value.planId }));
      get().setDraft({
        activeOperation: {
          operationId: started.operationId,
          kind: 'aws.deploy',
          stackName: plan.value.stackName,
          region: plan.value.region,
          plannedChanges: plan.value.rows.length,
          cancelMeaning: started.cancelMeaning,
          ...(started.stackId ? { stackId: started.stackId } : {}),
          ...(profile ? { profile } : {}),
        },
      });
      set({ plan: { status: 'idle' }, planKey: undefined });
      get().follow(started.operationId);
      return true;
    } catch (error) {
      set({ plan: { status: 'error', error: errorOf(error).toJSON() } });
      return false;
    }
  },
});
