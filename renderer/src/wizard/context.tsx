import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useAppStore, type AppState } from '../store';
import {
  blockedReason,
  nextStepId,
  previousStepId,
  railItems,
  stepNumber,
  type RailItem,
  type WizardProgress,
  type WizardStep,
} from './machine';

/** A step of this app's wizard: its predicates read the store's state. */
export type AppWizardStep = WizardStep<AppState, string>;

interface WizardContextValue {
  steps: readonly AppWizardStep[];
  current: string;
  goTo(id: string): void;
}

const WizardContext = createContext<WizardContextValue | undefined>(undefined);

/**
 * Puts a screen inside the wizard: its header shows the step's number and its footer moves to
 * the neighbouring steps (those that apply) and shows why Next is disabled. Screens outside it
 * (manage) pass their own eyebrow and actions.
 */
export function WizardProvider({ steps, current, goTo, children }: WizardContextValue & { children: ReactNode }) {
  const value = useMemo(() => ({ steps, current, goTo }), [steps, current, goTo]);
  return <WizardContext.Provider value={value}>{children}</WizardContext.Provider>;
}

/** The wizard around the current screen, if there is one. */
export function useWizard(): WizardContextValue | undefined {
  return useContext(WizardContext);
}

/** The current step's number (1-based, visible steps only); undefined outside the wizard. */
export function useStepNumber(): number | undefined {
  const wizard = useWizard();
  return useAppStore((s) => (wizard ? stepNumber(wizard.steps, s, wizard.current) : undefined));
}

export interface StepNavigation {
  previous: string | undefined;
  next: string | undefined;
  /** The current step's reason to keep Next disabled. */
  blocked: string | undefined;
  back(): void;
  forward(): void;
}

/** The current step's neighbours (skipping steps that do not apply) and its blocked reason. */
export function useStepNavigation(): StepNavigation {
  const wizard = useWizard();
  const previous = useAppStore((s) => (wizard ? previousStepId(wizard.steps, s, wizard.current) : undefined));
  const next = useAppStore((s) => (wizard ? nextStepId(wizard.steps, s, wizard.current) : undefined));
  const blocked = useAppStore((s) => (wizard ? blockedReason(wizard.steps, s, wizard.current) : undefined));
  // Moves read the state when they happen: a custom action (a deploy) may have changed it since.
  const move = (to: typeof nextStepId) => () => {
    const target = wizard && to(wizard.steps, useAppStore.getState(), wizard.current);
    if (wizard && target) wizard.goTo(target);
  };
  return { previous, next, blocked, back: move(previousStepId), forward: move(nextStepId) };
}

/** The rail's items for the visible steps; re-renders only when one of them changes. */
export function useRail(steps: readonly AppWizardStep[], progress: WizardProgress): RailItem[] {
  const { current, furthest } = progress;
  // A string snapshot: zustand compares snapshots by reference, and a fresh array would loop.
  const snapshot = useAppStore((s) => JSON.stringify(railItems(steps, s, { current, furthest })));
  return useMemo(() => JSON.parse(snapshot) as RailItem[], [snapshot]);
}
