/**
 * How long each typed field may be, taken from the schemas themselves, so a screen never accepts
 * what the draft or the plan would then refuse (the draft's own caps are never lower: see draft.ts).
 */
import type { z } from 'zod';
import { EnvVarName, SecretKey } from '../../provisioners/core/secrets.schema';
import { IssuerHost, NamePrefix, StudioName } from '../../provisioners/core/studio.schema';

function maxOf(schema: z.ZodType): number {
  const direct = (schema as { maxLength?: number | null }).maxLength;
  if (typeof direct === 'number') return direct;
  // A pipe (trim, then check): the first stage's limit is what may be typed.
  const first = (schema as { in?: z.ZodType }).in;
  if (first) return maxOf(first);
  throw new Error('this schema has no length limit');
}

export const FIELD_LIMITS = {
  issuer: maxOf(IssuerHost),
  studioName: maxOf(StudioName),
  namePrefix: maxOf(NamePrefix),
  envName: maxOf(EnvVarName),
  secretKey: maxOf(SecretKey),
} as const;
