import { lazy } from 'react';
import { useAppStore } from '../../store';
import type { AppStep } from '../types';
import {
  regionAndPoolsBlocked,
  reviewBlocked,
  secretsBlocked,
  signInApplies,
  signInBlocked,
  studioBlocked,
} from './predicates';

// Every step is loaded when first reached: the first screen (choosing a cloud) needs none of them.
const SignInStep = lazy(async () => ({ default: (await import('../../screens/SignInStep')).SignInStep }));
const StudioStep = lazy(async () => ({ default: (await import('../../screens/StudioStep')).StudioStep }));
const RegionStep = lazy(async () => ({ default: (await import('../../screens/RegionStep')).RegionStep }));
const BucketsStep = lazy(async () => ({ default: (await import('../../screens/BucketsStep')).BucketsStep }));
const SecretsStep = lazy(async () => ({ default: (await import('../../screens/SecretsStep')).SecretsStep }));
const ReviewStep = lazy(async () => ({ default: (await import('../../screens/ReviewStep')).ReviewStep }));
const DeployStep = lazy(async () => ({ default: (await import('../../screens/DeployStep')).DeployStep }));

/** The outputs screen, with its way to the dashboard. */
const Outputs = lazy(async () => {
  const { OutputsStep } = await import('../../screens/OutputsStep');
  return { default: () => <OutputsStep onManage={() => useAppStore.getState().showView('manage')} /> };
});

/**
 * The AWS wizard after the shared cloud step, as data: each step's rail label, screen, and why
 * Next is disabled (the predicates in ./predicates.ts read the store through its selectors).
 */
export const AWS_STEPS: readonly AppStep[] = [
  // Nothing after sign-in works without an identity: the rail goes no further while it is blocked.
  // Signed in already (the cloud step shows who), it has nothing to decide and is skipped; the
  // cloud step's "Use other credentials" opens it.
  { id: 'signin', label: 'Sign in', screen: SignInStep, when: signInApplies, blocked: signInBlocked, gate: true },
  { id: 'studio', label: 'Studio connection', screen: StudioStep, blocked: studioBlocked },
  // Region, zones and node pools on one screen: the pools are checked against the region.
  { id: 'region', label: 'Region and pools', screen: RegionStep, blocked: regionAndPoolsBlocked },
  { id: 'buckets', label: 'Buckets', screen: BucketsStep },
  { id: 'secrets', label: 'Secrets', screen: SecretsStep, blocked: secretsBlocked },
  { id: 'review', label: 'Review', screen: ReviewStep, blocked: reviewBlocked },
  // Reached by deploying from the review, and from the deploy: never jumped to from the rail.
  { id: 'deploy', label: 'Deploy', screen: DeployStep, rail: false },
  { id: 'outputs', label: 'Outputs', screen: Outputs, rail: false },
];
