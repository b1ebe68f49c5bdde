/** The wizard's steps, in order. Screens are registered against these ids. */
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
