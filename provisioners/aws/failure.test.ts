import { describe, expect, it } from 'vitest';
import { explainFailure, firstFailure } from './failure';

const f = (logicalId: string, reason: string) => ({
  logicalId,
  resourceType: 'AWS::IAM::Role',
  status: 'CREATE_FAILED',
  reason,
});

describe('failure explanations', () => {
  it('skips resources that were merely cancelled and finds the cause', () => {
    expect(
      firstFailure([
        f('NodeRole', 'Resource creation cancelled'),
        f('ClusterRole', 'datachain-cluster already exists in stack arn:…'),
      ])?.logicalId,
    ).toBe('ClusterRole');
  });

  it('says plainly what was denied, what exists, and which quota was hit', () => {
    expect(
      explainFailure(
        f('ClusterRole', 'User: arn:aws:iam::1:user/x is not authorized to perform: iam:CreateRole on resource'),
      ).message,
    ).toBe('Your AWS credentials are not allowed to iam:CreateRole, which ClusterRole (AWS::IAM::Role) needs.');
    expect(explainFailure(f('ClusterRole', 'Role with name datachain-cluster already exists.')).hint).toMatch(
      /name prefix/,
    );
    expect(explainFailure(f('Vpc', 'The maximum number of VPCs has been reached.')).hint).toMatch(/quota increase/);
    expect(explainFailure(undefined).hint).toMatch(/CloudFormation console/);
  });
});
