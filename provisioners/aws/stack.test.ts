import { describe, expect, it } from 'vitest';
import { classifyStack, nextStepFor } from './stack';

const stack = (StackStatus: string) =>
  ({ StackStatus, StackId: 'arn:stack', StackName: 'datachain-cluster', CreationTime: new Date() }) as never;

describe('stack states and the next action', () => {
  it.each([
    [undefined, 'absent', undefined],
    ['DELETE_COMPLETE', 'absent', undefined],
    ['CREATE_COMPLETE', 'ready', undefined],
    ['UPDATE_COMPLETE', 'ready', undefined],
    ['UPDATE_ROLLBACK_COMPLETE', 'ready', undefined],
    ['REVIEW_IN_PROGRESS', 'review', undefined],
    ['CREATE_IN_PROGRESS', 'busy', 'wait'],
    ['UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'busy', 'wait'],
    ['ROLLBACK_COMPLETE', 'failed-create', 'remove-failed-stack'],
    ['UPDATE_ROLLBACK_FAILED', 'update-rollback-failed', 'continue-rollback'],
    ['UPDATE_FAILED', 'update-failed', 'rollback'],
    ['ROLLBACK_FAILED', 'delete-failed', 'delete-stack'],
    ['DELETE_FAILED', 'delete-failed', 'delete-stack'],
  ])('%s → %s (%s)', (status, kind, action) => {
    const condition = classifyStack(status ? stack(status) : undefined);
    expect(condition.kind).toBe(kind);
    const step = nextStepFor(condition, 'datachain-cluster');
    expect(step?.action).toBe(action);
    if (step) {
      expect(step.message).toContain('datachain-cluster');
      expect(step.hint.length).toBeGreaterThan(20);
    }
  });
});
