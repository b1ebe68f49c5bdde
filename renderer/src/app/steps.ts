/** The wizard's steps, in order. */
export const STEPS = [
  { id: 'cloud', label: 'Cloud' },
  { id: 'signin', label: 'Sign in' },
  { id: 'studio', label: 'Studio connection' },
  { id: 'region', label: 'Region' },
  { id: 'buckets', label: 'Buckets' },
  { id: 'secrets', label: 'Secrets' },
  { id: 'pools', label: 'Node pools' },
  { id: 'review', label: 'Review' },
  { id: 'deploy', label: 'Deploy' },
  { id: 'outputs', label: 'Outputs' },
] as const;

export type StepId = (typeof STEPS)[number]['id'];

export const stepIndex = (id: string): number => Math.max(0, STEPS.findIndex((s) => s.id === id));
export const isStepId = (id: string): id is StepId => STEPS.some((s) => s.id === id);
