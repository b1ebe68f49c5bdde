import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_POOL_PRESETS } from '@contract/clouds/aws';
import { schemasLoaded } from '../../api/validation';
import type { AppState } from '../../store';
import { secretProblems } from '../secret-problems';
import {
  poolsBlocked,
  poolsCheckKey,
  regionAndPoolsBlocked,
  regionBlocked,
  reviewBlocked,
  secretsBlocked,
  signInApplies,
  signInBlocked,
  studioBlocked,
} from './predicates';

// As in the window: the predicates run once the first call answered, with the schemas loaded.
beforeAll(() => schemasLoaded);

const ISSUER = 'studio.datachain.ai/api';
const validStudio = {
  issuer: ISSUER,
  team: 'acme',
  computeCredentials: 'datachain-compute',
  storageCredentials: 'datachain-storage',
};
const pools = [NODE_POOL_PRESETS.system];

/** A store state with only what the predicates read; `patch` sets neutral fields (studio, namePrefix, nodePools) or AWS ones. */
function state(patch: Record<string, unknown> = {}, rest: Record<string, unknown> = {}): AppState {
  const { studio = validStudio, namePrefix = '', nodePools = pools, ...aws } = patch;
  return {
    draft: {
      version: 2,
      step: 'cloud',
      cloud: 'aws',
      studio,
      namePrefix,
      nodePools,
      tags: {},
      aws: { region: 'eu-north-1', zones: ['eu-north-1a', 'eu-north-1b'], secrets: [], ...aws },
    },
    identity: { status: 'ready', value: {} },
    issuer: { status: 'ready', issuer: ISSUER, value: {} },
    poolReport: { status: 'idle' },
    plan: { status: 'idle' },
    ...rest,
  } as unknown as AppState;
}

describe('the sign-in step', () => {
  it('waits for an identity', () => {
    expect(signInBlocked(state({}, { identity: { status: 'loading' } }))).toBe('Sign in first');
    expect(signInBlocked(state({}, { identity: { status: 'error', error: {} } }))).toBe('Sign in first');
    expect(signInBlocked(state())).toBeUndefined();
  });

  it('is skipped once signed in, unless the user went to it', () => {
    expect(signInApplies(state({}, { identity: { status: 'loading' } }))).toBe(true);
    expect(signInApplies(state())).toBe(false);
    const onIt = state();
    expect(signInApplies({ ...onIt, draft: { ...onIt.draft, step: 'signin' } })).toBe(true);
  });
});

describe('the Studio step', () => {
  it('asks for the team first', () => {
    expect(studioBlocked(state({ studio: { ...validStudio, team: '' } }))).toBe('Enter the Studio team');
    expect(studioBlocked(state({ studio: {} }))).toBe('Enter the Studio team');
  });

  it('waits for valid fields', () => {
    expect(studioBlocked(state({ studio: { ...validStudio, team: 'acme/*' } }))).toBe('Fix the fields above');
    expect(studioBlocked(state({ studio: { ...validStudio, computeCredentials: '' } }))).toBe('Fix the fields above');
    expect(studioBlocked(state({ studio: { ...validStudio, issuer: 'not an issuer' } }))).toBe('Fix the fields above');
  });

  it('wants two different credentials names', () => {
    expect(studioBlocked(state({ studio: { ...validStudio, storageCredentials: 'datachain-compute' } }))).toBe(
      'Use two different credentials names',
    );
  });

  it('waits for the check of this very issuer', () => {
    expect(studioBlocked(state({}, { issuer: { status: 'loading', issuer: ISSUER } }))).toBe(
      'Waiting for the issuer check',
    );
    // A failed check says so: nothing is being waited for any more.
    expect(studioBlocked(state({}, { issuer: { status: 'error', issuer: ISSUER, error: {} } }))).toBe(
      'The issuer check failed: fix the issuer, or check it again',
    );
    expect(studioBlocked(state({}, { issuer: { status: 'ready', issuer: 'other.example/api', value: {} } }))).toBe(
      'Waiting for the issuer check',
    );
  });

  it('lets a valid, checked connection through', () => {
    expect(studioBlocked(state())).toBeUndefined();
    // The issuer is compared as checked: with its scheme dropped.
    expect(studioBlocked(state({ studio: { ...validStudio, issuer: `https://${ISSUER}` } }))).toBeUndefined();
  });
});

describe('the region step', () => {
  it('wants a region and two zones', () => {
    expect(regionBlocked(state({ region: '' }))).toBe('Choose a region');
    expect(regionBlocked(state({ zones: ['eu-north-1a'] }))).toBe('Choose at least two zones');
    expect(regionBlocked(state())).toBeUndefined();
  });

  it('also waits for the node pools it holds', () => {
    expect(regionAndPoolsBlocked(state({ region: '' }))).toBe('Choose a region');
    expect(regionAndPoolsBlocked(state())).toBe('Waiting for the region check');
  });
});

describe('the secrets step', () => {
  const secret = {
    arn: 'arn:aws:secretsmanager:eu-north-1:123456789012:secret:db-AbCdEf',
    envName: 'DB_URL',
    key: 'url',
    grantKms: false,
  };

  it('finds bad and repeated variable names and bad keys', () => {
    expect(secretProblems([secret, { ...secret, arn: `${secret.arn}x` }])[1]).toEqual({
      envName: 'this variable name is used twice',
      key: undefined,
    });
    expect(secretProblems([{ ...secret, envName: '1BAD' }])[0]?.envName).toBeTruthy();
    expect(secretProblems([{ ...secret, key: 'has space' }])[0]?.key).toBeTruthy();
  });

  it('is blocked while a secret has a problem', () => {
    expect(secretsBlocked(state({ secrets: [{ ...secret, envName: '' }] }))).toBe('Fix the variable names and keys');
    expect(secretsBlocked(state({ secrets: [secret] }))).toBeUndefined();
    expect(secretsBlocked(state({ secrets: [] }))).toBeUndefined();
  });
});

describe('the node pools step', () => {
  const key = poolsCheckKey('eu-north-1', ['eu-north-1a', 'eu-north-1b'], pools);

  it('wants valid pools first', () => {
    expect(poolsBlocked(state({ nodePools: [{ ...NODE_POOL_PRESETS.system, name: 'Not A Name' }] }))).toBe(
      'Fix the pools',
    );
  });

  it('waits for the region check of these very pools', () => {
    expect(poolsBlocked(state())).toBe('Waiting for the region check');
    expect(poolsBlocked(state({}, { poolReport: { status: 'loading', key } }))).toBe('Waiting for the region check');
    expect(
      poolsBlocked(
        state({}, { poolReport: { status: 'ready', key: poolsCheckKey('us-east-1', [], pools), value: { ok: true } } }),
      ),
    ).toBe('Waiting for the region check');
  });

  it('refuses pools the region or the quota cannot run', () => {
    expect(poolsBlocked(state({}, { poolReport: { status: 'ready', key, value: { ok: false } } }))).toBe(
      'Some pools cannot run in this region or quota',
    );
    expect(poolsBlocked(state({}, { poolReport: { status: 'ready', key, value: { ok: true } } }))).toBeUndefined();
  });
});

describe('the review step', () => {
  const planned = (kind: string) => ({ plan: { status: 'ready', value: { kind } } });

  it('wants a valid name prefix', () => {
    expect(reviewBlocked(state({ namePrefix: 'Bad Prefix' }, planned('changes')))).toBe('Fix the name prefix');
  });

  it('says where the plan is', () => {
    expect(reviewBlocked(state())).toBe('Preparing the plan…');
    expect(reviewBlocked(state({}, { plan: { status: 'loading' } }))).toBe('Preparing the plan…');
    expect(reviewBlocked(state({}, { plan: { status: 'error', error: {} } }))).toBe('The plan failed');
    expect(reviewBlocked(state({}, planned('blocked')))).toBe('Resolve the problems above');
    expect(reviewBlocked(state({}, planned('no-changes')))).toBe('Nothing to deploy');
  });

  it('lets a plan with changes be deployed', () => {
    expect(reviewBlocked(state({ namePrefix: 'e2e' }, planned('changes')))).toBeUndefined();
  });
});
