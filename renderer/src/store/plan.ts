import type { StateCreator } from 'zustand';
import type { SetupPlan, SetupPlanInput } from '@contract/schemas/setup';
import { call, errorOf } from '../api/client';
import { guarded } from '../api/guarded';
import type { AppState } from './index';
import type { Loadable } from './session';

export interface PlanSlice {
  plan: Loadable<SetupPlan>;
  /** The config the current plan (or plan attempt) was made from, as JSON. */
  planKey: string | undefined;
  /** The user read who loses access and confirmed this plan's takeover (reset with every plan). */
  takeoverConfirmed: boolean;
  confirmTakeover(confirmed: boolean): void;
  /** Preflight and plan (nothing changes in the account but, on AWS, a change set). */
  makePlan(input: SetupPlanInput): Promise<SetupPlan | undefined>;
  discardPlan(): Promise<void>;
  /** Apply the reviewed plan: the deploy operation starts and is followed. A takeover must be confirmed first. */
  deployPlan(): Promise<boolean>;
}

export const createPlanSlice: StateCreator<AppState, [['zustand/persist', unknown]], [], PlanSlice> = (set, get) => ({
  plan: { status: 'idle' },
  planKey: undefined,
  takeoverConfirmed: false,
  confirmTakeover: (confirmed) => set({ takeoverConfirmed: confirmed }),

  async makePlan(input) {
    const previous = get().plan;
    const key = JSON.stringify(input);
    set({ plan: { status: 'loading' }, planKey: key, takeoverConfirmed: false });
    // The previous plan goes first: a new plan of the same stack must not race its discard.
    if (previous.status === 'ready' && previous.value.kind === 'changes')
      await call('setup.discardPlan', { planId: previous.value.planId }).catch(() => undefined);
    try {
      const value = await guarded(() => call('setup.plan', input));
      if (get().planKey !== key) {
        // Review was left (or the config changed) while this plan was made: throw it away.
        if (value.kind === 'changes') void call('setup.discardPlan', { planId: value.planId }).catch(() => undefined);
        return undefined;
      }
      set({ plan: { status: 'ready', value } });
      return value;
    } catch (error) {
      if (get().planKey === key) set({ plan: { status: 'error', error: errorOf(error).toJSON() } });
      return undefined;
    }
  },

  async discardPlan() {
    const plan = get().plan;
    set({ plan: { status: 'idle' }, planKey: undefined });
    if (plan.status === 'ready' && plan.value.kind === 'changes')
      await call('setup.discardPlan', { planId: plan.value.planId }).catch(() => undefined);
  },

  async deployPlan() {
    const plan = get().plan;
    if (plan.status !== 'ready' || plan.value.kind !== 'changes') return false;
    const confirmTakeover = !!plan.value.takeover && get().takeoverConfirmed;
    try {
      const started = await guarded(() =>
        call('setup.deploy', { planId: plan.value.planId, ...(confirmTakeover ? { confirmTakeover } : {}) }),
      );
      if (started.target) {
        get().setDraft({
          activeOperation: {
            operationId: started.operationId,
            kind: 'deploy',
            target: started.target,
            cancelMeaning: started.cancelMeaning,
            ...(started.plannedChanges !== undefined ? { plannedChanges: started.plannedChanges } : {}),
          },
        });
      }
      // The plan is spent; its key stays until Review is left (discardPlan clears it), so Review,
      // still on screen for a moment, does not plan the same config again while the deploy starts.
      set({ plan: { status: 'idle' } });
      get().follow(started.operationId);
      return true;
    } catch (error) {
      set({ plan: { status: 'error', error: errorOf(error).toJSON() } });
      return false;
    }
  },
});
