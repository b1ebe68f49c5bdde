/**
 * ARN patterns, as the Resource element and the Arn condition operators match them: the six
 * colon-separated parts are matched one by one (a wildcard never spans a colon before the resource
 * part), case-sensitively. In a Resource element a pattern with fewer parts still matches when its
 * last part ends in `*` (AWS: such a wildcard "can expand to match beyond the colon boundaries").
 */
import { matchPattern, splitArn } from './match';
import { resolve, type Context } from './variables';

function partsOf(pattern: string, short: boolean): string[] | undefined {
  const parts = pattern.split(':');
  if (parts[0] !== 'arn') return undefined;
  if (parts.length >= 6) return [...parts.slice(0, 5), parts.slice(5).join(':')];
  if (!short || !parts[parts.length - 1]!.endsWith('*')) return undefined;
  while (parts.length < 6) parts.push('*');
  return parts;
}

/** Whether an ARN pattern (wildcards and variables allowed) matches an ARN. */
export function matchArn(
  pattern: string,
  arn: string,
  context: Context,
  opts: { variables: boolean; shortPatterns: boolean },
): boolean {
  if (pattern === '*' && opts.shortPatterns) return true;
  const target = splitArn(arn);
  const parts = partsOf(pattern, opts.shortPatterns);
  if (!target || !parts) return false;
  return parts.every((part, i) => {
    const compiled = resolve(part, context, { wildcards: true, variables: opts.variables });
    return compiled !== undefined && matchPattern(compiled, target[i]!);
  });
}
