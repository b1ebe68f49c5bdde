import type { StepId } from '../app/steps';
import type { AppState } from '../store';
import type { WizardStep } from '../wizard/machine';

/** A step of this app's wizard: one of the known step ids, with predicates over the store's state. */
export type AppStep = WizardStep<AppState, StepId>;
