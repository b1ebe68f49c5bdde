import { describe, expect, it } from 'vitest';
import {
  blockedReason,
  isReachable,
  nextStepId,
  previousStepId,
  railItems,
  stepNumber,
  visibleSteps,
  type WizardStep,
} from './machine';

interface State {
  advanced: boolean;
  signedIn: boolean;
  name: string;
}

const Screen = () => null;
const steps: WizardStep<State>[] = [
  { id: 'start', label: 'Start', screen: Screen },
  {
    id: 'signin',
    label: 'Sign in',
    screen: Screen,
    gate: true,
    blocked: (s) => (s.signedIn ? undefined : 'Sign in first'),
  },
  { id: 'name', label: 'Name', screen: Screen, blocked: (s) => (s.name ? undefined : 'Enter a name') },
  { id: 'extras', label: 'Extras', screen: Screen, when: (s) => s.advanced },
  { id: 'review', label: 'Review', screen: Screen },
  { id: 'deploy', label: 'Deploy', screen: Screen, rail: false },
];
const state = (patch: Partial<State> = {}): State => ({ advanced: false, signedIn: true, name: 'x', ...patch });

describe('the step machine', () => {
  it('shows only the steps whose `when` holds', () => {
    expect(visibleSteps(steps, state()).map((s) => s.id)).toEqual(['start', 'signin', 'name', 'review', 'deploy']);
    expect(visibleSteps(steps, state({ advanced: true })).map((s) => s.id)).toEqual([
      'start',
      'signin',
      'name',
      'extras',
      'review',
      'deploy',
    ]);
  });

  it('numbers the visible steps only', () => {
    expect(stepNumber(steps, state(), 'review')).toBe(4);
    expect(stepNumber(steps, state({ advanced: true }), 'review')).toBe(5);
    expect(stepNumber(steps, state({ advanced: true }), 'extras')).toBe(4);
    expect(stepNumber(steps, state(), 'extras')).toBeUndefined();
    expect(stepNumber(steps, state(), 'nowhere')).toBeUndefined();
  });

  it('moves next and back over steps that do not apply', () => {
    expect(nextStepId(steps, state(), 'name')).toBe('review');
    expect(previousStepId(steps, state(), 'review')).toBe('name');
    expect(nextStepId(steps, state({ advanced: true }), 'name')).toBe('extras');
    expect(previousStepId(steps, state({ advanced: true }), 'review')).toBe('extras');
  });

  it('has no step before the first, none after the last, and none around an unknown id', () => {
    expect(previousStepId(steps, state(), 'start')).toBeUndefined();
    expect(nextStepId(steps, state(), 'deploy')).toBeUndefined();
    expect(nextStepId(steps, state(), 'nowhere')).toBeUndefined();
    expect(previousStepId(steps, state(), 'nowhere')).toBeUndefined();
  });

  it('still finds the neighbours of a current step that stopped applying', () => {
    expect(nextStepId(steps, state(), 'extras')).toBe('review');
    expect(previousStepId(steps, state(), 'extras')).toBe('name');
  });

  it('asks the step itself why Next is disabled', () => {
    expect(blockedReason(steps, state({ name: '' }), 'name')).toBe('Enter a name');
    expect(blockedReason(steps, state({ name: 'acme' }), 'name')).toBeUndefined();
    expect(blockedReason(steps, state({ name: '' }), 'review')).toBeUndefined();
  });

  it('lets the rail jump back, and forward no further than the furthest step reached', () => {
    const progress = { current: 'name', furthest: 'review' };
    expect(isReachable(steps, state(), 'start', progress)).toBe(true);
    expect(isReachable(steps, state(), 'review', progress)).toBe(true);
    expect(isReachable(steps, state(), 'name', progress)).toBe(false); // the current step
    expect(isReachable(steps, state(), 'review', { current: 'start', furthest: 'name' })).toBe(false);
  });

  it('never jumps to a rail: false step, a hidden step, or past a blocked gate', () => {
    const far = { current: 'start', furthest: 'deploy' };
    expect(isReachable(steps, state(), 'deploy', far)).toBe(false);
    expect(isReachable(steps, state(), 'extras', far)).toBe(false);
    expect(isReachable(steps, state({ advanced: true }), 'extras', far)).toBe(true);
    expect(isReachable(steps, state({ signedIn: false }), 'signin', far)).toBe(true);
    expect(isReachable(steps, state({ signedIn: false }), 'name', far)).toBe(false);
    // A blocked step that is not a gate does not stop the rail.
    expect(isReachable(steps, state({ name: '' }), 'review', far)).toBe(true);
  });

  it('gives the rail each visible step with its number and state', () => {
    const rail = railItems(steps, state({ advanced: true }), { current: 'extras', furthest: 'review' });
    expect(rail.map((r) => [r.id, r.number, r.status, r.reachable])).toEqual([
      ['start', 1, 'done', true],
      ['signin', 2, 'done', true],
      ['name', 3, 'done', true],
      ['extras', 4, 'current', false],
      ['review', 5, 'todo', true],
      ['deploy', 6, 'todo', false],
    ]);
  });
});
