// Figures for `npm run bench`: min / median / max (and p95) of repeated runs, and the table that
// prints each figure beside its goal, saying whether this run met it.

/** @param {number[]} xs */
export function stats(xs) {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const at = (/** @type {number} */ q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  return {
    n: s.length,
    min: s[0] ?? NaN,
    median: s[Math.floor(s.length / 2)] ?? NaN,
    max: s.at(-1) ?? NaN,
    p95: at(0.95),
  };
}

/** @param {number} ms */
export const ms = (ms) =>
  !Number.isFinite(ms) ? '–' : ms < 1000 ? `${ms.toFixed(ms < 10 ? 1 : 0)} ms` : `${(ms / 1000).toFixed(2)} s`;
/** @param {number} kb */
export const mib = (kb) => (Number.isFinite(kb) ? `${(kb / 1024).toFixed(0)} MiB` : '–');
/** @param {number} x */
export const times = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');
/** @param {number} x */
export const count = (x) => (Number.isFinite(x) ? String(Math.round(x * 10) / 10) : '–');

/**
 * Run `a` and `b` `runs` times, alternating (a, b, a, b…), so a slow spell of the machine hits both.
 * @returns {Promise<[any[], any[]]>}
 */
export async function alternate(
  /** @type {number} */ runs,
  /** @type {() => Promise<any>} */ a,
  /** @type {() => Promise<any>} */ b,
) {
  /** @type {any[]} */ const as = [];
  /** @type {any[]} */ const bs = [];
  for (let i = 0; i < runs; i++) {
    as.push(await a());
    bs.push(await b());
  }
  return [as, bs];
}

/**
 * @typedef {{ figure: string, runs: number, min: string, median: string, max: string,
 *   baseline?: string, ratio?: string, goal: string, met: boolean | undefined }} Row
 */

/** A row from raw values: `format` shows them, `ratio` (median over the baseline's median) is optional. */
export function row(
  /** @type {string} */ figure,
  /** @type {number[]} */ values,
  /** @type {(x: number) => string} */ format,
  /** @type {{ goal: string, met: (s: ReturnType<typeof stats>) => boolean | undefined, baseline?: number[], ratioGoal?: number }} */ spec,
) {
  const s = stats(values);
  const base = spec.baseline ? stats(spec.baseline) : undefined;
  const ratio = base ? s.median / base.median : NaN;
  return /** @type {Row} */ ({
    figure,
    runs: s.n,
    min: format(s.min),
    median: format(s.median),
    max: format(s.max),
    ...(base
      ? { baseline: `${format(base.median)} (${format(base.min)}–${format(base.max)})`, ratio: times(ratio) }
      : {}),
    goal: spec.goal,
    met: spec.ratioGoal !== undefined ? (Number.isFinite(ratio) ? ratio <= spec.ratioGoal : undefined) : spec.met(s),
  });
}

/** @param {Row[]} rows */
export function printTable(rows) {
  const head = ['figure', 'runs', 'min', 'median', 'max', 'baseline median (min–max)', 'ratio', 'goal', 'met'];
  const cells = rows.map((r) => [
    r.figure,
    String(r.runs),
    r.min,
    r.median,
    r.max,
    r.baseline ?? '',
    r.ratio ?? '',
    r.goal,
    r.met === undefined ? 'n/a' : r.met ? 'met' : 'NOT MET',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (/** @type {string[]} */ c) =>
    `  ${c.map((x, i) => (i === 0 ? x.padEnd(widths[i] ?? 0) : x.padStart(widths[i] ?? 0))).join('  ')}`;
  console.log(line(head));
  console.log(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const c of cells) console.log(line(c));
}
