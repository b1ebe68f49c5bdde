/**
 * Wildcard matching for IAM: `*` is any run of characters (also none), `?` any one character.
 * Patterns are compiled to code arrays (a substituted policy variable stays literal, so a `*` in a
 * user name never becomes a wildcard) and matched by the classic two-pointer scan, which keeps
 * only the last star to resume from: no regular expressions, no recursion, at most
 * pattern × value steps on bounded inputs.
 */
export const STAR = -1;
export const ONE = -2;

/** A compiled pattern: char codes, STAR or ONE. */
export type Pattern = number[];

export function literal(text: string): Pattern {
  const out: Pattern = [];
  for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i));
  return out;
}

/** `*` and `?` are wildcards; everything else is literal. */
export function wildcard(text: string): Pattern {
  const out: Pattern = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    out.push(c === '*' ? STAR : c === '?' ? ONE : text.charCodeAt(i));
  }
  return out;
}

export function matchPattern(pattern: Pattern, value: string): boolean {
  let p = 0;
  let v = 0;
  let starP = -1;
  let starV = 0;
  while (v < value.length) {
    const token = pattern[p];
    if (p < pattern.length && (token === ONE || token === value.charCodeAt(v))) {
      p++;
      v++;
    } else if (p < pattern.length && token === STAR) {
      starP = p++;
      starV = v;
    } else if (starP >= 0) {
      p = starP + 1;
      v = ++starV;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === STAR) p++;
  return p === pattern.length;
}

/** Case-insensitive wildcard match, as IAM matches actions (`s3:Get*` matches `S3:GETOBJECT`). */
export function matchActionPattern(pattern: string, action: string): boolean {
  return matchPattern(wildcard(pattern.toLowerCase()), action.toLowerCase());
}

/** The six parts of an ARN (the resource part keeps its colons), or undefined for anything else. */
export function splitArn(arn: string): [string, string, string, string, string, string] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = arn.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(arn.slice(start, colon));
    start = colon + 1;
  }
  parts.push(arn.slice(start));
  return parts[0] === 'arn' ? (parts as [string, string, string, string, string, string]) : undefined;
}
