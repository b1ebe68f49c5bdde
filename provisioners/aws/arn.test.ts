import { describe, expect, it } from 'vitest';
import { describePrincipal, parseArn } from './arn';

describe('ARNs', () => {
  it('parses any partition', () => {
    expect(parseArn('arn:aws-cn:iam::123456789012:role/x')).toMatchObject({
      partition: 'aws-cn',
      service: 'iam',
      accountId: '123456789012',
      resource: 'role/x',
    });
    expect(parseArn('arn:aws:secretsmanager:us-east-1:123456789012:secret:a/b-Xy12Zq')?.resource).toBe(
      'secret:a/b-Xy12Zq',
    );
    expect(parseArn('nope')).toBeUndefined();
  });

  it('describes the principals STS reports', () => {
    expect(describePrincipal('arn:aws:iam::123456789012:root')).toEqual({ type: 'root', name: 'root' });
    expect(describePrincipal('arn:aws:iam::123456789012:user/dev/alice')).toEqual({ type: 'user', name: 'alice' });
    expect(
      describePrincipal('arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_abc/alice@example.com'),
    ).toEqual({
      type: 'assumed-role',
      name: 'AWSReservedSSO_Admin_abc',
      session: 'alice@example.com',
    });
    expect(describePrincipal('arn:aws-us-gov:sts::123456789012:federated-user/bob')).toEqual({
      type: 'federated-user',
      name: 'bob',
    });
  });
});
