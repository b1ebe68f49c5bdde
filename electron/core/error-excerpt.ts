import type { ApiErrorShape } from '../contract';

const MESSAGE = 400;
const FIELD_MESSAGE = 240;
const FIELD_PATH = 120;
const FIELDS = 20;
const DETAIL = 400;

/** At most `max` characters of a text, marked as cut when it was. */
export function excerpt(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Every error leaves the dispatcher bounded: a message that quotes a 10,000-character input (or a
 * cloud's own long text) is cut to a short excerpt, and at most 20 fields are listed.
 */
export function boundedError(error: ApiErrorShape): ApiErrorShape {
  const details = error.details;
  const bounded: ApiErrorShape = { code: error.code, message: excerpt(error.message, MESSAGE) };
  if (!details) return bounded;
  const out: NonNullable<ApiErrorShape['details']> = {};
  for (const [key, value] of Object.entries(details)) {
    if (typeof value === 'string') (out as Record<string, unknown>)[key] = excerpt(value, DETAIL);
  }
  if (details.fields) {
    out.fields = details.fields.slice(0, FIELDS).map((field) => ({
      path: excerpt(field.path, FIELD_PATH),
      message: excerpt(field.message, FIELD_MESSAGE),
    }));
  }
  return { ...bounded, details: out };
}
