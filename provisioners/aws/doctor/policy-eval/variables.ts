/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`, and the escapes
 * `${*}`, `${?}`, `${$}`) resolved from the request context into a compiled pattern. A variable's
 * value is always literal. A variable without a value (and no default) makes the pattern match
 * nothing, as AWS treats it. Policies of Version 2008-10-17 have no variables.
 */
import { literal, ONE, STAR, type Pattern } from './match';

/** Request context: keys lower-cased (IAM condition keys are case-insensitive). */
export type Context = ReadonlyMap<string, string | readonly string[]>;

const ESCAPES: Record<string, string> = { '*': '*', '?': '?', $: '$' };
const VARIABLE = /^\s*([A-Za-z0-9:/._-]+)\s*(?:,\s*'([^']*)'\s*)?$/;

function valueOf(body: string, context: Context): string | undefined {
  const escape = ESCAPES[body];
  if (escape !== undefined) return escape;
  const m = VARIABLE.exec(body);
  if (!m) return undefined;
  const value = context.get(m[1]!.toLowerCase());
  if (typeof value === 'string') return value;
  return m[2];
}

/**
 * Compile a policy string. `wildcards` says whether a bare `*`/`?` is a wildcard (StringLike,
 * ArnLike, Resource) or literal (StringEquals). Undefined when a variable has no value.
 */
export function resolve(
  text: string,
  context: Context,
  opts: { wildcards: boolean; variables: boolean; lowerCase?: boolean },
): Pattern | undefined {
  const out: Pattern = [];
  const push = (s: string) => out.push(...literal(opts.lowerCase ? s.toLowerCase() : s));
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (opts.variables && c === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i + 2);
      if (end > 0) {
        const value = valueOf(text.slice(i + 2, end), context);
        if (value === undefined) return undefined;
        push(value);
        i = end + 1;
        continue;
      }
    }
    if (opts.wildcards && c === '*') out.push(STAR);
    else if (opts.wildcards && c === '?') out.push(ONE);
    else push(c);
    i++;
  }
  return out;
}
