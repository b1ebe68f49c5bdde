#!/usr/bin/env node
// npm run bench: performance figures (printed, never asserted), side by side in one run, each
// repeated and alternated with its baseline (min / median / max), each beside its goal (issue 11):
//   start-up: the loopback host's ready line and peak memory against a bare Node HTTP server, the
//     wizard's first screen usable after the host starts, the renderer's initial JavaScript gzipped;
//   operations: plan / deploy / teardown through the host against the bare SDK calls on the same
//     template and the same moto, with the AWS calls each makes and the plan's longest run of
//     sequential calls, counted by a proxy between the host (or the SDK) and moto;
//   the same operations again with every AWS answer held back BENCH_AWS_RTT_MS (default 50 ms), as
//     a network would (figures only);
//   discovery at scale: moto seeded with 10,000 buckets (and 2,000 secrets): the last bucket
//     listed in the wizard, filter keystroke to painted frame, the same listing through the HTTP
//     API (the host's floor) and the TCP connections it opened;
//   Azure: plan and deploy against the Azure peer with a fixed latency per request.
// BENCH_RUNS (default 5) sets the repetitions; BENCH_BUCKETS and BENCH_SECRETS the seeded counts.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { buildAll } from './build.mjs';
import { benchBucketsUi } from './lib/bench/buckets-ui.mjs';
import { hostSession, startHost } from './lib/bench/host.mjs';
import { startBenchAws } from './lib/bench/aws-peer.mjs';
import { benchOperations } from './lib/bench/operations.mjs';
import { benchHostStart, benchInteractive } from './lib/bench/startup.mjs';
import { count, mib, ms, printTable, row, stats } from './lib/bench/stats.mjs';

// Node 20 is supported until January 2027; the SDK's reminder would only clutter the figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { CreateBucketCommand, S3Client } = await import('@aws-sdk/client-s3');
const { CreateSecretCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const BUCKETS = Number(process.env.BENCH_BUCKETS ?? 10_000);
const SECRETS = Number(process.env.BENCH_SECRETS ?? 2_000);
const REGION = 'eu-north-1';
/** The renderer's initial JavaScript, gzipped: the budget the build test holds it to (issue 11). */
const INITIAL_JS_GOAL_KB = 110;
/** The round trip the second run of the operations adds to every AWS answer. */
const RTT_MS = Number(process.env.BENCH_AWS_RTT_MS ?? 50);

/** Run `task` over `items` with `width` in flight. @template T @param {T[]} items @param {number} width @param {(item: T) => Promise<unknown>} task */
async function pool(items, width, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await task(/** @type {T} */ (items[next++]));
    }),
  );
}

/** The scripts and style sheets index.html loads before the wizard can run, with their gzipped sizes. */
function initialAssets() {
  const dir = path.join(root, 'out', 'renderer');
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const refs = [
    ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="(?:stylesheet|modulepreload)"[^>]*\shref)="\/?([^"]+)"/g),
  ].map((m) => /** @type {string} */ (m[1]));
  return refs.map((ref) => {
    const bytes = readFileSync(path.join(dir, ref));
    return { ref, raw: bytes.length, gzip: gzipSync(bytes).length, js: ref.endsWith('.js') };
  });
}

/**
 * Rows for plan / deploy / teardown: time, calls and the longest chain of calls made one after
 * another, each beside the bare SDK's.
 * @param {Awaited<ReturnType<typeof benchOperations>>} ops
 * @param {{ goals?: Record<'plan' | 'deploy' | 'teardown', number>, suffix?: string }} options
 */
function operationRows(ops, { goals, suffix = '' }) {
  /** @type {import('./lib/bench/stats.mjs').Row[]} */
  const out = [];
  for (const op of /** @type {const} */ (['plan', 'deploy', 'teardown'])) {
    const goal = goals?.[op];
    out.push(
      row(
        `${op} through the host (vs bare SDK calls)${suffix}`,
        ops.host.map((r) => r[op].ms),
        ms,
        {
          goal: goal ? `≤ ${goal.toFixed(1)}× bare` : '–',
          baseline: ops.bare.map((r) => r[op].ms),
          ...(goal ? { ratioGoal: goal } : {}),
          met: () => undefined,
        },
      ),
      row(
        `  AWS calls per ${op} (vs bare SDK calls)`,
        ops.host.map((r) => r[op].calls),
        count,
        {
          goal: '–',
          baseline: ops.bare.map((r) => r[op].calls),
          met: () => undefined,
        },
      ),
      row(
        `  ${op}: longest sequential chain of AWS calls`,
        ops.host.map((r) => r[op].chain),
        count,
        {
          goal: op === 'plan' && goals ? '≤ 4' : '–',
          baseline: ops.bare.map((r) => r[op].chain),
          met: (s) => (op === 'plan' && goals ? s.max <= 4 : undefined),
        },
      ),
    );
  }
  return out;
}

const step = (/** @type {string} */ what) => console.log(`… ${what}`);

delete process.env.MOTO_URL; // a moto of its own: seeding 10,000 buckets into a shared one would pollute it
step('building');
await buildAll({ quiet: true });
const aws = await startBenchAws(REGION);
const { moto, proxy, env, clientConfig } = aws;
/** @type {import('./lib/bench/stats.mjs').Row[]} */
const rows = [];
const extra = /** @type {string[]} */ ([]);

try {
  const assets = initialAssets();
  const js = assets.filter((a) => a.js);
  const jsKb = js.reduce((n, a) => n + a.gzip, 0) / 1024;
  const kb = (/** @type {number} */ x) => `${x.toFixed(1)} KB`;
  extra.push(
    `initial renderer JavaScript: ${js.length} files, ${(js.reduce((n, a) => n + a.raw, 0) / 1024).toFixed(0)} KB raw; initial CSS ${kb(assets.filter((a) => !a.js).reduce((n, a) => n + a.gzip, 0) / 1024)} gzipped`,
  );

  step(`host start against a bare Node HTTP server (${RUNS} alternating runs each)`);
  const started = await benchHostStart(root, env, RUNS);
  rows.push(
    row(
      'host ready line (vs bare Node HTTP server)',
      started.host.map((r) => r.readyMs),
      ms,
      {
        goal: '≤ 2.0× bare',
        baseline: started.bare.map((r) => r.readyMs),
        ratioGoal: 2.0,
        met: () => undefined,
      },
    ),
    row(
      'host peak RSS at ready (vs bare Node HTTP server)',
      started.host.map((r) => r.peakKb),
      mib,
      {
        goal: '≤ 1.6× bare',
        baseline: started.bare.map((r) => r.peakKb),
        ratioGoal: 1.6,
        met: () => undefined,
      },
    ),
  );

  step(`wizard in Chromium (${RUNS} runs)`);
  const tti = await benchInteractive(root, env, RUNS);
  rows.push(
    row('wizard interactive after host start', tti.interactive, ms, { goal: '≤ 500 ms', met: (s) => s.median <= 500 }),
    row('  the same, seen inside the page (every frame)', tti.interactiveInPage, ms, {
      goal: '–',
      met: () => undefined,
    }),
    row('AWS identity shown after host start', tti.identity, ms, { goal: '–', met: () => undefined }),
  );
  // Initial is what index.html loads before the wizard runs; the page also requests chunks at start
  // (the contract's schemas, which the first call awaits): everything it fetched, for the record.
  const fetched = tti.scriptsBeforeInteractive.map(
    (p) => gzipSync(readFileSync(path.join(root, 'out', 'renderer', p))).length,
  );
  extra.push(
    `JavaScript the page had requested when its first screen was usable (initial and requested at start): ${fetched.length} files, ${kb(fetched.reduce((n, x) => n + x, 0) / 1024)} gzipped`,
  );
  rows.push(
    row('initial renderer JS, gzipped', [jsKb], kb, {
      goal: `≤ ${INITIAL_JS_GOAL_KB} KB`,
      met: (s) => s.median <= INITIAL_JS_GOAL_KB,
    }),
  );

  step(`plan / deploy / teardown through the host and with the bare SDK (${RUNS} alternating runs each)`);
  const ratioGoals = { plan: 1.5, deploy: 1.2, teardown: 2.0 };
  rows.push(
    ...operationRows(await benchOperations({ root, env, region: REGION, runs: RUNS, proxy, clientConfig }), {
      goals: ratioGoals,
    }),
  );
  // The same with every AWS answer held back as a network would (the 50–300 ms round
  // trip, at its low end): what a user of AWS feels, where the calls made one after another
  // count, not how many moto answers one at a time. Figures only: the goals are the ones above.
  step(`the same with each AWS answer ${RTT_MS} ms late (${RUNS} alternating runs each)`);
  proxy.hold(() => true, RTT_MS);
  try {
    rows.push(
      ...operationRows(await benchOperations({ root, env, region: REGION, runs: RUNS, proxy, clientConfig }), {
        suffix: ` at ${RTT_MS} ms per call`,
      }),
    );
  } finally {
    proxy.hold(undefined, 0);
  }

  step(`seeding moto (${moto.how}): ${BUCKETS.toLocaleString('en')} buckets, ${SECRETS.toLocaleString('en')} secrets`);
  const s3 = new S3Client(clientConfig);
  const sm = new SecretsManagerClient(clientConfig);
  const seeding = performance.now();
  await pool(
    Array.from({ length: BUCKETS }, (_, i) => `bench-${String(i).padStart(5, '0')}`),
    24,
    (Bucket) => s3.send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: REGION } })),
  );
  await pool(
    Array.from({ length: SECRETS }, (_, i) => `bench/secret-${String(i).padStart(4, '0')}`),
    24,
    (Name) => sm.send(new CreateSecretCommand({ Name, SecretString: '{"KEY":"value"}' })),
  );
  extra.push(`seeding moto took ${ms(performance.now() - seeding)} (not a figure)`);

  step(
    `${BUCKETS.toLocaleString('en')} buckets in the wizard and through the HTTP API (${RUNS} alternating runs each)`,
  );
  const ui = await benchBucketsUi({ root, env, region: REGION, runs: RUNS, buckets: BUCKETS, proxy });
  const pages = stats(ui.pages).median;
  const keys = stats(ui.keystrokeMs);
  const nextFrame = ui.keystrokeFrames.filter((f) => f === 1).length;
  extra.push(
    `filter keystrokes painted in the first frame after the key: ${nextFrame} of ${ui.keystrokeFrames.length} (a 60 Hz frame is 16.7 ms: a key pressed just after a frame waits that long for the next)`,
  );
  rows.push(
    row(`last of ${BUCKETS.toLocaleString('en')} buckets listed in the wizard`, ui.uiListedMs, ms, {
      goal: '≤ 300 ms',
      met: (s) => s.median <= 300,
    }),
    row(`  the same listing through the HTTP API (host's floor)`, ui.apiListedMs, ms, {
      goal: '–',
      met: () => undefined,
    }),
    row(`TCP connections opened per ${pages}-page listing (warm session)`, ui.connections, count, {
      goal: '≤ 2',
      met: (s) => s.max <= 2,
    }),
    row(`filter keystroke → painted (${keys.n} keys; p95 ${ms(keys.p95)})`, ui.keystrokeMs, ms, {
      goal: '≤ 16 ms p95',
      met: (s) => s.p95 <= 16,
    }),
  );

  // Secrets, listed once through the HTTP API (no goal: the figure of the earlier bench).
  const host = await startHost(root, { ...env, DCS_USER_DATA: mkdtempSync(path.join(os.tmpdir(), 'dcs-bench-')) });
  try {
    const { call } = await hostSession(host.ready);
    await call('aws.whoami', {});
    const t0 = performance.now();
    let cursor;
    let listed = 0;
    do {
      const page = await call('aws.secrets.list', { region: REGION, ...(cursor ? { cursor } : {}) });
      listed += page.secrets.length;
      cursor = page.nextCursor;
    } while (cursor);
    extra.push(`${listed.toLocaleString('en')} secrets listed through the HTTP API in ${ms(performance.now() - t0)}`);
  } finally {
    await host.stop();
  }
} finally {
  await aws.stop();
}

console.log(
  `\nAWS against moto, ${RUNS} runs per figure (a figure and its baseline alternate), on ${process.platform} with ${os.cpus().length} cores`,
);
printTable(rows);
for (const line of extra) console.log(`  (${line})`);

// Azure: the provider's plan and deploy against the Azure peer with a fixed latency per request
// (a cloud's round trip), against the peer's own latency (the requests made, one after another).
{
  const { bundleEntry } = await import('./lib/bundle-entry.mjs');
  const latency = Number(process.env.BENCH_AZURE_LATENCY_MS ?? 40);
  const runs = Number(process.env.BENCH_AZURE_RUNS ?? 5);
  const outfile = await bundleEntry('test/support/azure/bench.ts', 'azure-bench');
  const output = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [outfile, String(latency), String(runs)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`the Azure bench exited with ${code}`))));
  });
  /** @type {{ planMs: number, planRequests: number, deployMs: number, deployRequests: number }[]} */
  const results = String(output)
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  /** @param {number[]} xs */
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return { min: s[0] ?? NaN, median: s[Math.floor(s.length / 2)] ?? NaN, max: s.at(-1) ?? NaN };
  };
  console.log(`\nAzure against the peer (${latency} ms per request, no replication waits, ${results.length} runs)`);
  for (const [label, msKey, requests] of /** @type {const} */ ([
    ['plan', 'planMs', 'planRequests'],
    ['deploy', 'deployMs', 'deployRequests'],
  ])) {
    const time = stats(results.map((r) => r[msKey]));
    const calls = stats(results.map((r) => r[requests]));
    const ratio = stats(results.map((r) => r[msKey] / (r[requests] * latency)));
    console.log(
      `  ${label.padEnd(7)} ${ms(time.median)} (min ${ms(time.min)}, max ${ms(time.max)}), ${calls.median} requests; ` +
        `peer's own latency ${ms(calls.median * latency)}; overhead ratio ${ratio.median.toFixed(2)}× (min ${ratio.min.toFixed(2)}, max ${ratio.max.toFixed(2)})`,
    );
  }
}
