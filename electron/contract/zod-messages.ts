/**
 * Zod's own texts ("Invalid input: expected int, received number", "Too big: expected string to
 * have <=256 characters") are written for programmers. Every schema of the contract, in main and
 * in the renderer, answers with these instead; a schema's own message still wins.
 */
import { z } from 'zod';

const KIND: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'yes or no (true or false)',
  array: 'a list',
  object: 'a set of fields',
  bigint: 'a number',
  date: 'a date',
  null: 'empty',
};

const plural = (n: number | bigint, one: string, many: string) => `${n} ${Number(n) === 1 ? one : many}`;
const MAX_QUOTED = 40;
const quote = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `“${text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text}”`;
};

type Issue = z.core.$ZodRawIssue;

function tooBig(issue: Issue & { origin?: string; maximum?: number | bigint }): string {
  const max = issue.maximum ?? 0;
  if (issue.origin === 'string') return `is longer than ${plural(max, 'character', 'characters')}`;
  if (issue.origin === 'array' || issue.origin === 'set') return `has more than ${plural(max, 'entry', 'entries')}`;
  return `must be at most ${max}`;
}

function tooSmall(issue: Issue & { origin?: string; minimum?: number | bigint }): string {
  const min = issue.minimum ?? 0;
  if (issue.origin === 'string')
    return Number(min) <= 1 ? 'is empty' : `is shorter than ${plural(min, 'character', 'characters')}`;
  if (issue.origin === 'array' || issue.origin === 'set') return `needs at least ${plural(min, 'entry', 'entries')}`;
  return `must be at least ${min}`;
}

/** A sentence fragment for one zod issue ("is longer than 256 characters"). */
export function humanIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = String((issue as { expected?: unknown }).expected);
      if ((expected === 'number' || expected === 'int') && typeof issue.input === 'number') {
        return Number.isFinite(issue.input) ? 'must be a whole number' : 'must be a number';
      }
      return issue.input === undefined ? 'is missing' : `must be ${KIND[expected] ?? expected}`;
    }
    case 'too_big':
      return tooBig(issue as Issue & { origin?: string; maximum?: number });
    case 'too_small':
      return tooSmall(issue as Issue & { origin?: string; minimum?: number });
    case 'invalid_format': {
      const format = (issue as { format?: string }).format;
      return format === 'regex' || !format ? 'is not in the expected form' : `is not a valid ${format}`;
    }
    case 'invalid_value': {
      const values = ((issue as { values?: unknown[] }).values ?? []).slice(0, 6).map(quote);
      return values.length === 1 ? `must be ${values[0]}` : `must be one of ${values.join(', ')}`;
    }
    case 'unrecognized_keys': {
      const keys = ((issue as { keys?: string[] }).keys ?? []).slice(0, 3).map(quote);
      return `has a field this app does not know (${keys.join(', ')})`;
    }
    case 'invalid_union':
      return 'is not any of the accepted forms';
    case 'invalid_key': {
      // A record's key (a label or tag key) with its own rule: say which rule, not only that it failed.
      const inner = (issue as { issues?: { message?: string }[] }).issues?.[0]?.message;
      return inner ? `has a field name that is not allowed: ${inner}` : 'has a field name that is not allowed';
    }
    case 'invalid_element':
      return 'has an entry that is not allowed';
    case 'not_multiple_of':
      return `must be a multiple of ${(issue as { divisor?: number }).divisor}`;
    default:
      return 'is not valid';
  }
}

z.config({ customError: (issue) => humanIssue(issue) });
