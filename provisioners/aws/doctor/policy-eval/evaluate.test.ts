/** The evaluator's rules, each as AWS documents it, on small hand-written policies. */
import { describe, expect, it } from 'vitest';
import { evaluatePolicies } from './evaluate';
import { LIMITS } from './limits';
import type { EvalRequest } from './model';
import { parsePolicy, type PolicyKind } from './parse';

const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
function decide(statements: object | object[], request: Partial<EvalRequest>, kind: PolicyKind = 'identity') {
  const parsed = parsePolicy(Array.isArray(statements) ? doc(...statements) : doc(statements), kind);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return evaluatePolicies([parsed.policy], { action: 's3:GetObject', context: {}, ...request });
}
const allow = (extra: object = {}) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...extra });
const obj = 'arn:aws:s3:::acme/key';

describe('actions and resources', () => {
  it('denies by default, allows on a match, and an explicit Deny wins', () => {
    expect(decide({ ...allow(), Action: 's3:PutObject' }, { resource: obj })).toBe('ImplicitlyDenied');
    expect(decide(allow(), { resource: obj })).toBe('Allowed');
    expect(decide([allow(), { ...allow(), Effect: 'Deny' }], { resource: obj })).toBe('ExplicitlyDenied');
  });

  it('matches actions case-insensitively with * and ?, and NotAction by exclusion', () => {
    expect(decide(allow({ Action: 'S3:get*' }), { action: 's3:GetObject', resource: obj })).toBe('Allowed');
    expect(decide(allow({ Action: 's3:?etObject' }), { action: 's3:SetObject', resource: obj })).toBe('Allowed');
    expect(decide(allow({ Action: 's3:?etObject' }), { action: 's3:GGetObject', resource: obj })).toBe(
      'ImplicitlyDenied',
    );
    const notAction = { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' };
    expect(decide(notAction, { resource: obj })).toBe('Allowed');
    expect(decide(notAction, { action: 'iam:PassRole', resource: obj })).toBe('ImplicitlyDenied');
  });

  it('matches ARNs case-sensitively, part by part, a trailing * expanding across colons', () => {
    expect(decide(allow({ Resource: 'arn:aws:s3:::acme/*' }), { resource: obj })).toBe('Allowed');
    expect(decide(allow({ Resource: 'arn:aws:s3:::ACME/*' }), { resource: obj })).toBe('ImplicitlyDenied');
    expect(decide(allow({ Resource: 'arn:aws:s3:*' }), { resource: obj })).toBe('Allowed');
    expect(decide(allow({ Resource: 'arn:aws:s3' }), { resource: obj })).toBe('ImplicitlyDenied');
    // A * inside the region part does not swallow the account.
    const secret = 'arn:aws:secretsmanager:eu-north-1:123456789012:secret:a-AbCdEf';
    expect(decide(allow({ Resource: 'arn:aws:secretsmanager:eu-*:secret:*' }), { resource: secret })).toBe(
      'ImplicitlyDenied',
    );
    expect(decide(allow({ Resource: 'arn:aws:secretsmanager:eu-*:*:secret:a-??????' }), { resource: secret })).toBe(
      'Allowed',
    );
    const notResource = { Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret*' };
    expect(decide(notResource, { resource: obj })).toBe('Allowed');
    expect(decide(notResource, { resource: 'arn:aws:s3:::secret-bucket' })).toBe('ImplicitlyDenied');
  });

  it('matches a pathological wildcard pattern without blowing up', () => {
    const pattern = `arn:aws:s3:::${'a*'.repeat(900)}b`;
    expect(decide(allow({ Resource: pattern }), { resource: `arn:aws:s3:::${'a'.repeat(2000)}` })).toBe(
      'ImplicitlyDenied',
    );
  });
});

describe('conditions', () => {
  const cond = (Condition: object) => allow({ Condition });
  const ctx = (context: EvalRequest['context']) => ({ resource: obj, context });

  it('ANDs operators and keys, ORs values', () => {
    const c = cond({ StringEquals: { 'aws:a': ['1', '2'], 'aws:b': 'x' }, StringLike: { 'aws:c': 'y*' } });
    expect(decide(c, ctx({ 'aws:a': '2', 'aws:b': 'x', 'aws:c': 'yes' }))).toBe('Allowed');
    expect(decide(c, ctx({ 'aws:a': '3', 'aws:b': 'x', 'aws:c': 'yes' }))).toBe('ImplicitlyDenied');
    expect(decide(c, ctx({ 'aws:a': '1', 'aws:b': 'x' }))).toBe('ImplicitlyDenied');
  });

  it('looks keys up case-insensitively and compares values case-sensitively unless IgnoreCase', () => {
    expect(decide(cond({ StringEquals: { 'AWS:A': 'x' } }), ctx({ 'aws:a': 'x' }))).toBe('Allowed');
    expect(decide(cond({ StringEquals: { 'aws:a': 'X' } }), ctx({ 'aws:a': 'x' }))).toBe('ImplicitlyDenied');
    expect(decide(cond({ StringEqualsIgnoreCase: { 'aws:a': 'X' } }), ctx({ 'aws:a': 'x' }))).toBe('Allowed');
    expect(decide(cond({ StringEquals: { 'aws:a': 'x*' } }), ctx({ 'aws:a': 'xy' }))).toBe('ImplicitlyDenied');
  });

  it('a missing key fails positive operators, satisfies negated ones and IfExists', () => {
    expect(decide(cond({ StringEquals: { 'aws:a': 'x' } }), ctx({}))).toBe('ImplicitlyDenied');
    expect(decide(cond({ StringNotEquals: { 'aws:a': 'x' } }), ctx({}))).toBe('Allowed');
    expect(decide(cond({ StringEqualsIfExists: { 'aws:a': 'x' } }), ctx({}))).toBe('Allowed');
    expect(decide(cond({ StringEqualsIfExists: { 'aws:a': 'x' } }), ctx({ 'aws:a': 'y' }))).toBe('ImplicitlyDenied');
    expect(decide(cond({ StringNotLike: { 'aws:a': ['x*', 'y*'] } }), ctx({ 'aws:a': 'yes' }))).toBe(
      'ImplicitlyDenied',
    );
  });

  it('Null, Bool, numeric and ARN operators', () => {
    expect(decide(cond({ Null: { 'aws:a': 'true' } }), ctx({}))).toBe('Allowed');
    expect(decide(cond({ Null: { 'aws:a': 'false' } }), ctx({}))).toBe('ImplicitlyDenied');
    expect(decide(cond({ Bool: { 'aws:SecureTransport': true } }), ctx({ 'aws:securetransport': 'TRUE' }))).toBe(
      'Allowed',
    );
    expect(decide(cond({ Bool: { 'aws:SecureTransport': 'true' } }), ctx({ 'aws:securetransport': 'yes' }))).toBe(
      'ImplicitlyDenied',
    );
    expect(decide(cond({ NumericLessThan: { 'aws:n': '10' } }), ctx({ 'aws:n': '9.5' }))).toBe('Allowed');
    expect(decide(cond({ NumericLessThan: { 'aws:n': '10' } }), ctx({ 'aws:n': 'ten' }))).toBe('ImplicitlyDenied');
    expect(decide(cond({ NumericGreaterThanEquals: { 'aws:n': 10 } }), ctx({ 'aws:n': '10' }))).toBe('Allowed');
    const arn = 'arn:aws:iam::123456789012:role/datachain-x';
    expect(
      decide(
        cond({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/datachain-*' } }),
        ctx({ 'aws:principalarn': arn }),
      ),
    ).toBe('Allowed');
    expect(
      decide(
        cond({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam:*:role/datachain-*' } }),
        ctx({ 'aws:principalarn': arn }),
      ),
    ).toBe('ImplicitlyDenied');
    expect(decide(cond({ ArnNotEquals: { 'aws:PrincipalArn': arn } }), ctx({ 'aws:principalarn': arn }))).toBe(
      'ImplicitlyDenied',
    );
  });

  it('ForAnyValue needs one value and fails on a missing key; ForAllValues needs all and holds on a missing key', () => {
    const any = cond({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a', 'b'] } });
    const all = cond({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } });
    expect(decide(any, ctx({ 'aws:TagKeys': ['c', 'b'] }))).toBe('Allowed');
    expect(decide(any, ctx({}))).toBe('ImplicitlyDenied');
    expect(decide(all, ctx({ 'aws:TagKeys': ['c', 'b'] }))).toBe('ImplicitlyDenied');
    expect(decide(all, ctx({ 'aws:TagKeys': ['a', 'b'] }))).toBe('Allowed');
    expect(decide(all, ctx({}))).toBe('Allowed');
    // A multi-valued key without a set operator matches nothing.
    expect(decide(cond({ StringEquals: { 'aws:TagKeys': 'a' } }), ctx({ 'aws:TagKeys': ['a'] }))).toBe(
      'ImplicitlyDenied',
    );
  });

  it('resolves policy variables literally, with defaults, and not at all in 2008 policies', () => {
    const home = allow({ Resource: 'arn:aws:s3:::home/${aws:username}/*' });
    expect(decide(home, { resource: 'arn:aws:s3:::home/ann/x', context: { 'aws:username': 'ann' } })).toBe('Allowed');
    expect(decide(home, { resource: 'arn:aws:s3:::home/bob/x', context: { 'aws:username': 'ann' } })).toBe(
      'ImplicitlyDenied',
    );
    expect(decide(home, { resource: 'arn:aws:s3:::home/ann/x', context: {} })).toBe('ImplicitlyDenied');
    // A * in the variable's value is not a wildcard.
    expect(decide(home, { resource: 'arn:aws:s3:::home/annx/x', context: { 'aws:username': 'ann*' } })).toBe(
      'ImplicitlyDenied',
    );
    const team = cond({ StringEquals: { 'aws:a': "${aws:PrincipalTag/team, 'none'}" } });
    expect(decide(team, ctx({ 'aws:a': 'none' }))).toBe('Allowed');
    expect(decide(cond({ StringLike: { 'aws:a': 'x${*}' } }), ctx({ 'aws:a': 'x*' }))).toBe('Allowed');
    expect(decide(cond({ StringLike: { 'aws:a': 'x${*}' } }), ctx({ 'aws:a': 'xy' }))).toBe('ImplicitlyDenied');
    const old = parsePolicy({ Version: '2008-10-17', Statement: [home] }, 'identity');
    if ('problem' in old) throw new Error(old.problem);
    const literal = { action: 's3:GetObject', resource: 'arn:aws:s3:::home/${aws:username}/x', context: {} };
    expect(evaluatePolicies([old.policy], literal)).toBe('Allowed');
  });

  it('an operator it does not know is Unknown, never Allowed, unless a Deny decides', () => {
    const date = cond({ DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } });
    expect(decide(date, ctx({ 'aws:CurrentTime': '2026-01-01T00:00:00Z' }))).toBe('Unknown');
    expect(decide([allow(), { ...date, Effect: 'Deny' }], ctx({}))).toBe('Unknown');
    expect(decide([date, { ...allow(), Effect: 'Deny' }], ctx({}))).toBe('ExplicitlyDenied');
    expect(decide([date, allow()], ctx({}))).toBe('Allowed');
    // A condition that fails decides even next to an unknown one.
    const both = cond({ DateLessThan: { 'aws:CurrentTime': 'x' }, StringEquals: { 'aws:a': 'x' } });
    expect(decide(both, ctx({}))).toBe('ImplicitlyDenied');
  });
});

describe('principals of a trust policy', () => {
  const provider = 'arn:aws:iam::123456789012:oidc-provider/studio.datachain.ai/api';
  const web = { action: 'sts:AssumeRoleWithWebIdentity', principal: { kind: 'federated', id: provider } } as const;
  const trust = (Principal: unknown, extra: object = {}) => ({
    Effect: 'Allow',
    Principal,
    Action: 'sts:AssumeRoleWithWebIdentity',
    ...extra,
  });

  it('names a federated caller only by its provider, or everyone', () => {
    expect(decide(trust({ Federated: provider }), web, 'trust')).toBe('Allowed');
    expect(decide(trust({ Federated: `${provider}x` }), web, 'trust')).toBe('ImplicitlyDenied');
    expect(decide(trust({ Federated: 'arn:aws:iam::123456789012:oidc-provider/*' }), web, 'trust')).toBe(
      'ImplicitlyDenied',
    );
    expect(decide(trust('*'), web, 'trust')).toBe('Allowed');
    expect(decide(trust({ AWS: '*' }), web, 'trust')).toBe('Allowed');
    expect(decide(trust({ AWS: '123456789012' }), web, 'trust')).toBe('ImplicitlyDenied');
    expect(decide(trust({ Service: 'eks.amazonaws.com' }), web, 'trust')).toBe('ImplicitlyDenied');
  });

  it('an account-level principal never allows by itself but does deny; NotPrincipal excludes', () => {
    const caller = {
      kind: 'aws',
      arn: 'arn:aws:sts::123456789012:assumed-role/Ops/s',
      accountId: '123456789012',
    } as const;
    const assume = { action: 'sts:AssumeRole', principal: caller };
    const as = (p: unknown, effect = 'Allow') => ({ Effect: effect, Principal: p, Action: 'sts:AssumeRole' });
    expect(decide(as({ AWS: 'arn:aws:iam::123456789012:root' }), assume, 'trust')).toBe('ImplicitlyDenied');
    expect(decide(as({ AWS: 'arn:aws:iam::123456789012:role/team/Ops' }), assume, 'trust')).toBe('Allowed');
    expect(decide([as('*'), as({ AWS: '123456789012' }, 'Deny')], assume, 'trust')).toBe('ExplicitlyDenied');
    const notOps = { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:role/Ops' }, Action: 'sts:*' };
    expect(decide([as('*'), notOps], assume, 'trust')).toBe('Allowed');
    expect(
      decide(
        [as('*'), notOps],
        { ...assume, principal: { ...caller, arn: caller.arn.replace('Ops', 'Dev') } },
        'trust',
      ),
    ).toBe('ExplicitlyDenied');
  });
});

describe('what it refuses to evaluate', () => {
  const problem = (document: unknown, kind: PolicyKind = 'identity') => {
    const parsed = parsePolicy(document, kind);
    return 'problem' in parsed ? parsed.problem : undefined;
  };

  it('malformed documents, with a message that says what is wrong', () => {
    expect(problem(doc({ ...allow(), Effect: 'allow' }))).toMatch(/Effect/);
    expect(problem(doc({ ...allow(), Principal: '*' }))).toMatch(/no Principal/);
    expect(problem(doc({ Effect: 'Allow', Action: 'sts:AssumeRole' }), 'trust')).toMatch(/Principal or NotPrincipal/);
    expect(problem(doc({ ...allow(), Action: 's3 GetObject' }))).toMatch(/not an action/);
    expect(problem(doc({ ...allow(), Condition: { 'For:StringEquals': { a: 'b' } } }))).toMatch(/invalid operator/);
    expect(problem({ Statement: [] })).toMatch(/no Statement/);
    expect(problem('{}')).toMatch(/JSON object/);
    const cyclic: Record<string, unknown> = { Version: '2012-10-17' };
    cyclic.Statement = cyclic;
    expect(problem(cyclic)).toMatch(/not plain JSON/);
  });

  it('anything beyond the bounds', () => {
    expect(problem(doc(allow({ Resource: `arn:aws:s3:::${'a'.repeat(LIMITS.stringChars)}` })))).toMatch(/longer/);
    const many = Array.from({ length: LIMITS.statements + 1 }, () => allow());
    expect(problem(doc(...many))).toMatch(/statements/);
    const huge = Array.from({ length: 700 }, (_, i) => `arn:aws:s3:::bucket-number-${i}-${'x'.repeat(80)}`);
    expect(problem(doc(allow({ Resource: huge })))).toMatch(/larger than/);
  });
});
