import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STEP_IDS, stepIndex } from '../app/steps';
import type { AppState } from '../store';
import { isReachable, nextStepId, previousStepId, stepNumber } from '../wizard/machine';
import { CLOUD_STEP, CLOUDS_WITH_STEPS, stepsFor } from './index';

const renderer = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('the clouds’ wizards', () => {
  it('start with the shared cloud step and keep every step in the store’s order', () => {
    for (const cloud of CLOUDS_WITH_STEPS) {
      const steps = stepsFor(cloud);
      expect(steps[0], cloud).toBe(CLOUD_STEP);
      const positions = steps.map((s) => STEP_IDS.indexOf(s.id));
      expect(
        positions.every((p) => p >= 0),
        cloud,
      ).toBe(true);
      expect(
        [...positions].sort((a, b) => a - b),
        cloud,
      ).toEqual(positions);
      expect(new Set(positions).size, cloud).toBe(positions.length);
    }
  });

  it('give AWS its steps, skipping sign-in once signed in (unless the user is on it)', () => {
    const steps = stepsFor('aws');
    const at = (step: string, identity = 'ready') =>
      ({ identity: { status: identity }, draft: { step } }) as unknown as AppState;
    expect(steps.map((s) => s.id)).toEqual(STEP_IDS.filter((id) => id !== 'pools'));
    const signedIn = at('studio');
    expect(steps.map((s) => stepNumber(steps, signedIn, s.id))).toEqual([1, undefined, 2, 3, 4, 5, 6, 7, 8]);
    expect(nextStepId(steps, signedIn, 'cloud')).toBe('studio');
    expect(previousStepId(steps, signedIn, 'studio')).toBe('cloud');
    expect(nextStepId(steps, at('cloud', 'error'), 'cloud')).toBe('signin');
    expect(stepNumber(steps, at('signin'), 'signin')).toBe(2);
    expect(nextStepId(steps, at('signin'), 'signin')).toBe('studio');
    expect(nextStepId(steps, signedIn, 'region')).toBe('buckets');
    expect(previousStepId(steps, signedIn, 'deploy')).toBe('review');
    expect(stepIndex('review')).toBe(7);
  });

  it('give Azure its steps: sign-in skipped once the cloud step signed in with a subscription; pools on the location screen', () => {
    const steps = stepsFor('azure');
    expect(steps.map((s) => s.id)).toEqual(STEP_IDS.filter((id) => id !== 'pools'));
    const tenant = { tenantId: 't1' };
    const at = (step: string, subscriptionId = 's1', identity = 'ready') =>
      ({
        azure: {
          identity: { status: identity, value: { method: 'cli', tenant } },
          subscriptions: { t1: { status: 'ready', value: [{ subscriptionId: 's1', enabled: true }] } },
        },
        draft: { step, azure: { tenantId: 't1', subscriptionId } },
      }) as unknown as AppState;
    expect(nextStepId(steps, at('cloud'), 'cloud')).toBe('studio');
    expect(nextStepId(steps, at('cloud', ''), 'cloud')).toBe('signin');
    expect(nextStepId(steps, at('cloud', 's1', 'idle'), 'cloud')).toBe('signin');
    expect(stepNumber(steps, at('signin'), 'signin')).toBe(2);
    expect(nextStepId(steps, at('studio'), 'studio')).toBe('region');
    expect(nextStepId(steps, at('region'), 'region')).toBe('buckets');
    expect(nextStepId(steps, at('secrets'), 'secrets')).toBe('review');
  });

  it('keep the rail before sign-in until there is an identity, and off the deploy and outputs', () => {
    const steps = stepsFor('aws');
    const far = { current: 'cloud', furthest: 'outputs' };
    const signedOut = { identity: { status: 'error' }, draft: { step: 'cloud' } } as unknown as AppState;
    const signedIn = { identity: { status: 'ready' }, draft: { step: 'cloud' } } as unknown as AppState;
    expect(isReachable(steps, signedOut, 'signin', far)).toBe(true);
    expect(isReachable(steps, signedOut, 'studio', far)).toBe(false);
    expect(isReachable(steps, signedIn, 'buckets', far)).toBe(true);
    expect(isReachable(steps, signedIn, 'deploy', far)).toBe(false);
    expect(isReachable(steps, signedIn, 'outputs', far)).toBe(false);
  });

  it('fall back to the cloud step alone for a cloud without steps', () => {
    expect(stepsFor('nowhere')).toEqual([CLOUD_STEP]);
  });
});

describe('the wizard machinery', () => {
  it('names no cloud (renderer/src/wizard and the shell)', () => {
    const files = [
      ...readdirSync(path.join(renderer, 'wizard')).map((f) => path.join('wizard', f)),
      path.join('app', 'Shell.tsx'),
    ];
    for (const file of files) {
      const code = readFileSync(path.join(renderer, file), 'utf8');
      expect(code.match(/\b\w*(aws|azure)\w*\b/gi) ?? [], file).toEqual([]);
    }
  });
});
