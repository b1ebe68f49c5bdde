import { CloudStep } from '../screens/CloudStep';
import { AWS_STEPS } from './aws/steps';
import { AZURE_STEPS } from './azure/steps';
import type { AppStep } from './types';

export type { AppStep } from './types';

/** The first step of every wizard: choosing the cloud. */
export const CLOUD_STEP: AppStep = { id: 'cloud', label: 'Cloud', screen: CloudStep };

/** Each cloud's own steps, after the shared cloud step. */
const CLOUD_STEPS: Record<string, readonly AppStep[]> = {
  aws: AWS_STEPS,
  azure: AZURE_STEPS,
};

// One array per cloud, made once: hooks and memos compare the steps by reference.
const WIZARDS = new Map(
  Object.entries(CLOUD_STEPS).map(([cloud, steps]) => [cloud, [CLOUD_STEP, ...steps] as readonly AppStep[]]),
);
const CLOUD_ONLY: readonly AppStep[] = [CLOUD_STEP];

/** The cloud a draft without one means (the empty draft's). */
const DEFAULT_CLOUD = 'aws';

/** The wizard's steps for a cloud: the cloud step, then the cloud's own (only the cloud step for a cloud without steps yet). */
export function stepsFor(cloud: string | undefined): readonly AppStep[] {
  return WIZARDS.get(cloud ?? DEFAULT_CLOUD) ?? CLOUD_ONLY;
}

/** The clouds that have steps. */
export const CLOUDS_WITH_STEPS: readonly string[] = Object.keys(CLOUD_STEPS);
