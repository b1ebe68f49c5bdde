import { z } from 'zod';

/**
 * A record refusing a `__proto__` key, which zod's record drops without a word (the key names a
 * JavaScript object's prototype): the user is told instead of losing what they typed.
 */
export function withoutProtoKey<T extends z.ZodType>(record: T): T {
  // Typed as the record: the check only ever refuses, it changes nothing.
  return z
    .unknown()
    .superRefine((value, ctx) => {
      if (value && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, '__proto__')) {
        ctx.addIssue({ code: 'custom', path: ['__proto__'], message: 'the tag key __proto__ cannot be used' });
      }
    })
    .pipe(record) as unknown as T;
}
