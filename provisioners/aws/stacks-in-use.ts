/**
 * The stacks an operation of this app is deploying or following right now, by stack id. Nothing
 * else the app does may delete one of them: not a plan removing what looks like an unfinished
 * review (its change set may be executing a moment later), not a discarded plan taking its empty
 * stack with it. CloudFormation deletes a stack mid-creation when asked, so the check must be ours.
 */
export class StacksInUse {
  private readonly held = new Map<string, number>();

  /** Hold a stack for as long as `body` runs (taken when the body is first iterated). */
  async *during<E, R>(stackId: string, body: AsyncGenerator<E, R>): AsyncGenerator<E, R> {
    this.held.set(stackId, (this.held.get(stackId) ?? 0) + 1);
    try {
      return yield* body;
    } finally {
      const left = (this.held.get(stackId) ?? 1) - 1;
      if (left > 0) this.held.set(stackId, left);
      else this.held.delete(stackId);
    }
  }

  has(stackId: string): boolean {
    return this.held.has(stackId);
  }
}
