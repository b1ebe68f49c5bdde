import { describe, expect, it } from 'vitest';
import { EnvVarName, SecretKey } from '../../provisioners/core/secrets.schema';
import { IssuerHost, NamePrefix, StudioName } from '../../provisioners/core/studio.schema';
import { FIELD_LIMITS } from './field-limits';
import { Draft } from './schemas/draft';

const base = { version: 2, step: 'studio' };

describe('field limits on screen are the schemas’ limits', () => {
  it('are what the domain schemas accept, and no more', () => {
    expect(StudioName.safeParse('a'.repeat(FIELD_LIMITS.studioName)).success).toBe(true);
    expect(StudioName.safeParse('a'.repeat(FIELD_LIMITS.studioName + 1)).success).toBe(false);
    expect(NamePrefix.safeParse('a'.repeat(FIELD_LIMITS.namePrefix)).success).toBe(true);
    expect(NamePrefix.safeParse('a'.repeat(FIELD_LIMITS.namePrefix + 1)).success).toBe(false);
    expect(EnvVarName.safeParse('A'.repeat(FIELD_LIMITS.envName + 1)).success).toBe(false);
    expect(SecretKey.safeParse('k'.repeat(FIELD_LIMITS.secretKey + 1)).success).toBe(false);
    expect(IssuerHost.safeParse('a'.repeat(FIELD_LIMITS.issuer + 1)).success).toBe(false);
  });

  it('never exceed what the draft saves: nothing typed within them can fail to save', () => {
    const longest = (n: number) => 'a'.repeat(n);
    const draft = {
      ...base,
      namePrefix: longest(FIELD_LIMITS.namePrefix),
      studio: {
        issuer: `${longest(FIELD_LIMITS.issuer - 4)}.com`,
        team: longest(FIELD_LIMITS.studioName),
        computeCredentials: longest(FIELD_LIMITS.studioName),
        storageCredentials: longest(FIELD_LIMITS.studioName),
      },
      aws: {
        secrets: [
          {
            arn: 'arn:aws:secretsmanager:eu-north-1:123456789012:secret:db-AbCdEf',
            envName: 'A'.repeat(FIELD_LIMITS.envName),
            key: 'k'.repeat(FIELD_LIMITS.secretKey),
          },
        ],
      },
    };
    const parsed = Draft.safeParse(draft);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });
});
