// What failed, in a few lines each, printed after the summary: CI often keeps only the end of the
// output, and a failure's reason printed minutes earlier is then lost. Reads the JSON reports that
// vitest and Playwright write beside their usual console output.
import { existsSync, readFileSync } from 'node:fs';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const LINES_PER_FAILURE = 12;

/** @param {string} text */
function clip(text) {
  const lines = text
    .replace(ANSI, '')
    .split('\n')
    .filter((line) => line.trim() !== '' && !/node_modules|new Promise|node:internal/.test(line));
  const kept = lines.slice(0, LINES_PER_FAILURE).map((line) => `      ${line.slice(0, 300)}`);
  if (lines.length > LINES_PER_FAILURE) kept.push(`      … ${lines.length - LINES_PER_FAILURE} more lines`);
  return kept.join('\n');
}

/** @param {string} file @returns {any} */
function readJson(file) {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** vitest's JSON reporter (jest's shape). @param {string} file @returns {string[]} */
export function vitestFailures(file) {
  const report = readJson(file);
  if (!report) return [];
  /** @type {string[]} */
  const out = [];
  for (const suite of report.testResults ?? []) {
    const failed = (suite.assertionResults ?? []).filter((/** @type {any} */ a) => a.status === 'failed');
    for (const a of failed)
      out.push(`  ✘ ${suite.name} › ${a.fullName}\n${clip((a.failureMessages ?? []).join('\n'))}`);
    if (failed.length === 0 && suite.status === 'failed' && suite.message)
      out.push(`  ✘ ${suite.name}\n${clip(suite.message)}`);
  }
  return out;
}

/** Playwright's JSON reporter. @param {string} file @returns {string[]} */
export function playwrightFailures(file) {
  const report = readJson(file);
  if (!report) return [];
  /** @type {string[]} */
  const out = [];
  /** @param {any} suite @param {string[]} titles */
  const walk = (suite, titles) => {
    const here = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const last = (test.results ?? []).at(-1) ?? {};
        const errors = (last.errors ?? []).map((/** @type {any} */ e) => e.message ?? '').join('\n');
        const where = last.error?.location
          ? ` (${last.error.location.file.split('/e2e/').pop()}:${last.error.location.line})`
          : '';
        out.push(`  ✘ ${[...here, spec.title].join(' › ')}${where}\n${clip(errors || last.error?.message || '')}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  for (const error of report.errors ?? []) out.push(`  ✘ (outside any test)\n${clip(error.message ?? '')}`);
  return out;
}
