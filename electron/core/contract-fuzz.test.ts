/**
 * Every method of the contract against generated input: a fixed seed, a bounded budget. For each
 * input, validation alone (the size bounds, then the schema) is timed in CPU time; an input that
 * looks slow is timed again and its fastest run counts, so a loaded machine does not decide. No input may
 * take more than 10 ms to validate, none may make the dispatcher answer INTERNAL or throw, and no
 * error may echo more than a short excerpt of what was sent.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, methods, type MethodSpec } from '../contract';
import { createDispatcher, validateInput, type HandlersOf } from './dispatch';

const SEED = 0x12;
const PER_METHOD = Number(process.env.FUZZ_PER_METHOD ?? 80);
const LIMIT_MS = 10;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Strings known to hurt: backtracking bait for every kind of pattern, long runs, odd characters.
const LONG = [
  'a' + '1-'.repeat(9_000),
  'arn:aws:secretsmanager:' + 'eu-'.repeat(6_000),
  'x'.repeat(19_999),
  'a'.repeat(25_000),
  '-'.repeat(20_000),
  'ab' + '-a'.repeat(9_000) + '!',
  'https://' + 'a.'.repeat(9_000),
  ' '.repeat(15_000) + '\u0000',
];
const SHORT = ['', 'a', '__proto__', 'constructor', '0', '-1', 'NaN', 'm6i.large', 'eu-north-1', '%', '\u202e', '😀'];

function deep(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

const DEEP = [deep(30), deep(500), deep(9_000)];
const WIDE = [0, 5, 600, 5_000].map((length) => Array.from({ length }, () => 'x'));

type Json = Record<string, unknown>;

class Generator {
  constructor(
    private readonly rand: () => number,
    private readonly defs: Record<string, Json>,
  ) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rand() * items.length)]!;
  }

  junk(depth = 0): unknown {
    const r = this.rand();
    if (r < 0.15) return this.pick(SHORT);
    if (r < 0.25) return this.pick(LONG);
    if (r < 0.35) return this.pick([0, -1, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, 4294967296]);
    if (r < 0.4) return this.pick([null, true, false]);
    if (r < 0.45) return this.pick(DEEP);
    if (r < 0.5) return this.pick(WIDE);
    if (depth > 3) return 'x';
    if (r < 0.75) return Array.from({ length: 1 + Math.floor(this.rand() * 3) }, () => this.junk(depth + 1));
    return Object.fromEntries([
      [this.pick(SHORT) || 'k', this.junk(depth + 1)],
      ['__proto__', { polluted: true }],
    ]);
  }

  string(node: Json): string {
    if (Array.isArray(node.enum)) return String(this.pick(node.enum as unknown[]));
    const max = typeof node.maxLength === 'number' ? node.maxLength : 64;
    const r = this.rand();
    if (r < 0.3) return this.pick(LONG);
    if (r < 0.45) return this.pick(SHORT);
    const length = Math.min(this.pick([max, max + 1, max * 3, 1 + Math.floor(this.rand() * 30)]), 25_000);
    const alphabet = 'abcdefghij0123456789-._:/ aA#';
    let unit = '';
    for (let i = 0; i < Math.min(length, 64); i++) unit += alphabet[Math.floor(this.rand() * alphabet.length)];
    return unit.repeat(Math.ceil(length / Math.max(unit.length, 1))).slice(0, length);
  }

  value(node: Json | undefined, depth = 0): unknown {
    if (!node || depth > 12 || this.rand() < 0.08) return this.junk();
    if (typeof node.$ref === 'string') return this.value(this.defs[node.$ref.split('/').pop()!], depth + 1);
    const alternatives = (node.anyOf ?? node.oneOf) as Json[] | undefined;
    if (alternatives?.length) return this.value(this.pick(alternatives), depth + 1);
    if (node.allOf) return this.value((node.allOf as Json[])[0], depth + 1);
    if ('const' in node) return node.const;
    if (Array.isArray(node.enum)) return this.pick(node.enum as unknown[]);
    const type = Array.isArray(node.type) ? this.pick(node.type as string[]) : node.type;
    switch (type) {
      case 'string':
        return this.string(node);
      case 'number':
      case 'integer':
        return this.pick([0, 1, 2, 3, 7, 100, 65536, -5, 0.5, 1e9]);
      case 'boolean':
        return this.rand() < 0.5;
      case 'null':
        return null;
      case 'array': {
        const max = typeof node.maxItems === 'number' ? node.maxItems : 8;
        const length = this.pick([0, 1, 2, Math.min(max, 30), max <= 50 ? max + 1 : 31]);
        return Array.from({ length }, () => this.value(node.items as Json, depth + 1));
      }
      case 'object':
      default: {
        const out: Record<string, unknown> = {};
        for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Json>)) {
          if (this.rand() < 0.85) out[key] = this.value(child, depth + 1);
        }
        if (typeof node.additionalProperties === 'object' || this.rand() < 0.1) {
          const count = this.pick([1, 3, 60]);
          for (let i = 0; i < count; i++) {
            // An own `__proto__` key, as JSON.parse makes one.
            Object.defineProperty(out, i === 0 ? '__proto__' : this.string({ maxLength: 20 }), {
              value: this.value(node.additionalProperties as Json, depth + 1),
              enumerable: true,
              configurable: true,
              writable: true,
            });
          }
        }
        return out;
      }
    }
  }
}

function jsonSchemaOf(spec: MethodSpec): Json {
  try {
    return z.toJSONSchema(spec.input, { unrepresentable: 'any', io: 'input' }) as Json;
  } catch {
    return {};
  }
}

function preview(input: unknown): string {
  try {
    return (JSON.stringify(input) ?? '').slice(0, 200);
  } catch {
    return '(nested too deep to print)';
  }
}

/**
 * CPU time of this process (not the wall clock): time spent waiting for a core another process
 * holds is not counted, so a loaded machine does not decide the outcome.
 */
function timeOf(spec: MethodSpec, input: unknown): number {
  const started = process.cpuUsage();
  validateInput(spec, input);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/** The fastest of a few runs: what the validation costs, not what the machine was doing. */
function settledTime(spec: MethodSpec, input: unknown): number {
  let best = timeOf(spec, input);
  for (let run = 0; run < 6 && best > LIMIT_MS / 2; run++) best = Math.min(best, timeOf(spec, input));
  return best;
}

const contract = methods as unknown as Record<string, MethodSpec>;
const reached = new ApiError('CONFLICT', 'reached the handler');
const handlers = new Proxy(
  {},
  {
    get: () => async () => {
      throw reached;
    },
  },
) as HandlersOf<typeof contract>;
const dispatch = createDispatcher(contract, handlers);

describe('every contract method against generated input', () => {
  for (const [name, spec] of Object.entries(contract)) {
    it(
      `${name}: validates any input within ${LIMIT_MS} ms, never INTERNAL, never a long echo`,
      { timeout: 60_000 },
      async () => {
        const schema = jsonSchemaOf(spec);
        const generator = new Generator(prng(SEED ^ name.length), (schema.$defs ?? {}) as Record<string, Json>);
        const inputs: unknown[] = [deep(9_000), deep(30), { ...Object.fromEntries(LONG.map((s, i) => [`k${i}`, s])) }];
        for (let i = 0; i < PER_METHOD; i++) inputs.push(generator.value(schema));
        // Over the HTTP body limit (1 MB) only by IPC: still bounded before any pattern runs.
        inputs.push({ name: 'a' + '1-'.repeat(450_000) });
        let slowest = { ms: 0, input: '' };
        for (const input of inputs) {
          const ms = settledTime(spec, input);
          if (process.env.FUZZ_DEBUG && ms > 5) console.log(name, ms.toFixed(1), preview(input).slice(0, 300));
          if (ms > slowest.ms) slowest = { ms, input: preview(input) };
          const result = await dispatch(name, input, { transport: 'test' });
          if (!result.ok) {
            expect(result.error.code, JSON.stringify(result.error).slice(0, 300)).not.toBe('INTERNAL');
            expect(JSON.stringify(result.error).length).toBeLessThan(8_000);
            for (const field of result.error.details?.fields ?? []) {
              expect(field.message).not.toMatch(/expected .*received|Invalid input|Too (big|small)/);
            }
          }
        }
        expect(slowest.ms, `slowest input: ${slowest.input}`).toBeLessThan(LIMIT_MS);
      },
    );
  }

  it('aws.nodePools.check: the instance type pattern stays linear on a near 1 MB type name', () => {
    const spec = contract['aws.nodePools.check']!;
    const pool = { name: 'p', role: 'workers', capacity: 'regular', minSize: 0, desiredSize: 0, maxSize: 1 };
    for (const n of [20_000, 80_000, 450_000]) {
      const input = { region: 'eu-north-1', zones: [], pools: [{ ...pool, instanceTypes: ['a' + '1-'.repeat(n)] }] };
      expect(settledTime(spec, input), `${n}`).toBeLessThan(LIMIT_MS);
      expect(validateInput(spec, input).ok).toBe(false);
    }
    // And the same through the schema alone, past the size bounds: the pattern itself is linear.
    const typed = { region: 'eu-north-1', zones: [], pools: [{ ...pool, instanceTypes: ['a' + '1-'.repeat(9_000)] }] };
    const started = process.cpuUsage();
    spec.input.safeParse(typed);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(LIMIT_MS * 5);
  });
});
