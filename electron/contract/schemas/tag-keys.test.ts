import { describe, expect, it } from 'vitest';
import { Draft } from './draft';
import { AwsSetupConfig } from '../../../provisioners/aws/schema';

describe('a __proto__ tag key', () => {
  const tags = JSON.parse('{"__proto__":"x","team":"data"}') as Record<string, string>;

  it('is refused with a message in the setup config, not dropped', () => {
    const parsed = AwsSetupConfig.safeParse({ region: 'eu-north-1', zones: [], tags });
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues.find((i) => i.path[0] === 'tags');
    expect(issue?.message).toBe('the tag key __proto__ cannot be used');
  });

  it('is refused in the draft too, so what is typed is never silently lost', () => {
    const parsed = Draft.safeParse({ version: 2, step: 'tags', tags });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain('the tag key __proto__ cannot be used');
  });
});
