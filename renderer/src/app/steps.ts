/**
 * Every wizard step id, in wizard order. Each cloud's steps (renderer/src/clouds/) are declared
 * as data with their labels, screens and predicates; this list only gives the store an order to
 * count the furthest step reached in (a unit test keeps every cloud's steps in this order). It
 * has no React and no screens, so the store can import it.
 */
export const STEP_IDS = [
  'cloud',
  'signin',
  'studio',
  'region',
  'buckets',
  'secrets',
  'pools',
  'review',
  'deploy',
  'outputs',
] as const;

export type StepId = (typeof STEP_IDS)[number];

export const stepIndex = (id: string): number => Math.max(0, STEP_IDS.indexOf(id as StepId));
export const isStepId = (id: string): id is StepId => (STEP_IDS as readonly string[]).includes(id);
