import type { ComponentType } from 'react';

/**
 * One step of a wizard, declared as data (in the manner of Podman Desktop's onboarding steps):
 * what the rail calls it, the screen that shows it, when it applies and what keeps the user from
 * moving on. The machine below knows nothing else about a step: a cloud's steps live with the
 * cloud (renderer/src/clouds/<cloud>/steps.tsx).
 */
export interface WizardStep<S, Id extends string = string> {
  id: Id;
  /** The step's name in the rail. */
  label: string;
  /** The screen shown while this is the current step. */
  screen: ComponentType;
  /** Whether the step applies to this state (default: always). A step that does not is skipped and not counted. */
  when?(state: S): boolean;
  /** Why Next is disabled, as the sentence shown beside it; undefined when the user may move on. */
  blocked?(state: S): string | undefined;
  /** While this step is blocked, the rail cannot jump to any step after it (sign-in: nothing later works without credentials). */
  gate?: boolean;
  /** False: the rail never jumps to this step; only the previous step's own action leads to it (a deploy and what follows it). */
  rail?: boolean;
}

/** Where the user is: the current step and the furthest step reached so far (ids). */
export interface WizardProgress {
  current: string;
  furthest: string;
}

export type RailStatus = 'done' | 'current' | 'todo';

/** A visible step as the rail shows it. */
export interface RailItem<Id extends string = string> {
  id: Id;
  label: string;
  /** 1-based, counting visible steps only. */
  number: number;
  status: RailStatus;
  /** The rail's button for it is enabled. */
  reachable: boolean;
}

type Steps<S, Id extends string> = readonly WizardStep<S, Id>[];

const applies = <S>(step: WizardStep<S, string>, state: S): boolean => step.when?.(state) ?? true;

/** The steps that apply to this state, in order. */
export function visibleSteps<S, Id extends string>(steps: Steps<S, Id>, state: S): WizardStep<S, Id>[] {
  return steps.filter((step) => applies(step, state));
}

export function findStep<S, Id extends string>(steps: Steps<S, Id>, id: string): WizardStep<S, Id> | undefined {
  return steps.find((step) => step.id === id);
}

/** The step's number as the user sees it (1-based, visible steps only); undefined for a step that does not apply. */
export function stepNumber<S>(steps: Steps<S, string>, state: S, id: string): number | undefined {
  const index = visibleSteps(steps, state).findIndex((step) => step.id === id);
  return index < 0 ? undefined : index + 1;
}

/** The first step after `id` that applies (also from a step that no longer applies itself). */
export function nextStepId<S, Id extends string>(steps: Steps<S, Id>, state: S, id: string): Id | undefined {
  const at = steps.findIndex((step) => step.id === id);
  if (at < 0) return undefined;
  return steps.slice(at + 1).find((step) => applies(step, state))?.id;
}

/** The last step before `id` that applies. */
export function previousStepId<S, Id extends string>(steps: Steps<S, Id>, state: S, id: string): Id | undefined {
  const at = steps.findIndex((step) => step.id === id);
  if (at < 0) return undefined;
  return steps
    .slice(0, at)
    .reverse()
    .find((step) => applies(step, state))?.id;
}

/** Why the user may not move on from `id` (the step's own predicate); undefined when they may. */
export function blockedReason<S>(steps: Steps<S, string>, state: S, id: string): string | undefined {
  return findStep(steps, id)?.blocked?.(state);
}

/**
 * Whether the rail may jump to `id`: the step applies, is not the current one, is one the rail
 * jumps to, lies no further than the furthest step reached, and no blocked gate comes before it.
 */
export function isReachable<S>(steps: Steps<S, string>, state: S, id: string, progress: WizardProgress): boolean {
  const at = steps.findIndex((step) => step.id === id);
  const step = steps[at];
  if (!step || id === progress.current || step.rail === false || !applies(step, state)) return false;
  const furthest = Math.max(
    0,
    steps.findIndex((s) => s.id === progress.furthest),
  );
  if (at > furthest) return false;
  return !steps
    .slice(0, at)
    .some((before) => before.gate && applies(before, state) && before.blocked?.(state) !== undefined);
}

/** The rail: every visible step with its number, whether it is done, current or to do, and whether it can be jumped to. */
export function railItems<S, Id extends string>(
  steps: Steps<S, Id>,
  state: S,
  progress: WizardProgress,
): RailItem<Id>[] {
  const visible = visibleSteps(steps, state);
  const currentAt = visible.findIndex((step) => step.id === progress.current);
  return visible.map((step, index) => ({
    id: step.id,
    label: step.label,
    number: index + 1,
    status: index === currentAt ? 'current' : currentAt >= 0 && index < currentAt ? 'done' : 'todo',
    reachable: isReachable(steps, state, step.id, progress),
  }));
}
