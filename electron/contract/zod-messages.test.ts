import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LabelKey } from '../../provisioners/core/node-pools.schema';
import './zod-messages';

describe('messages for people', () => {
  it('a record key with its own rule says which rule it broke, with an excerpt of the key', () => {
    const labels = z.record(LabelKey, z.string());
    const result = labels.safeParse({ [`${'k'.repeat(300)}`]: 'v' });
    expect(result.success).toBe(false);
    const message = result.error!.issues[0]!.message;
    expect(message).toMatch(/^has a field name that is not allowed: ".*" is not a Kubernetes label key/);
    expect(message.length).toBeLessThan(300);
  });

  it("zod's own texts are replaced", () => {
    const result = z.object({ n: z.number().int() }).safeParse({ n: 1.5 });
    expect(result.error!.issues[0]!.message).not.toMatch(/Invalid input|expected int/);
  });
});
