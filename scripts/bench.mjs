#!/usr/bin/env node
// npm run bench: performance figures (printed, not asserted).
//   Renderer: the JavaScript the wizard loads at start, gzipped (target ≤ 250 KB), and the time
//   from starting the loopback host to an interactive first screen in Chromium (target ≤ 1 s).
//   Discovery at scale: moto seeded with 10,000 buckets and 2,000 secrets, listed through the
//   loopback host's HTTP API (the renderer's path): time to first page, total time, peak memory.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';
import { CHROMIUM_ARGS, ensureChromium } from './lib/chromium.mjs';
import { ensureMoto, motoEnv } from './lib/moto.mjs';

// Node 20 is supported until January 2027; the SDK's reminder would only clutter the figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { CreateBucketCommand, S3Client } = await import('@aws-sdk/client-s3');
const { CreateSecretCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUCKETS = Number(process.env.BENCH_BUCKETS ?? 10_000);
const SECRETS = Number(process.env.BENCH_SECRETS ?? 2_000);
const REGION = 'eu-north-1';

/** @param {number} ms */
const fmt = (ms) => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);
const mib = (/** @type {number} */ kb) => `${(kb / 1024).toFixed(1)} MiB`;

/** @param {number} pid @param {'VmHWM' | 'VmRSS'} field */
function memoryKb(pid, field) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(field));
    return Number(line?.split(/\s+/)[1] ?? NaN);
  } catch {
    return NaN;
  }
}

/** Run `task` over `items` with `width` in flight. @template T @param {T[]} items @param {number} width @param {(item: T) => Promise<unknown>} task */
async function pool(items, width, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await task(/** @type {T} */ (items[next++]));
    }),
  );
}

/** @param {string} label @param {() => Promise<void>} fn */
async function timed(label, fn) {
  const started = performance.now();
  await fn();
  console.log(`  ${label.padEnd(44)} ${fmt(performance.now() - started)}`);
}

/**
 * Start the loopback host and wait for its ready line.
 * @param {Record<string, string>} env
 * @returns {Promise<{ host: import('node:child_process').ChildProcessByStdio<null, import('node:stream').Readable, null>, ready: { url: string, launchUrl: string } }>}
 */
async function startHost(env) {
  const host = spawn(process.execPath, [path.join(root, 'out', 'host', 'index.mjs'), '--json'], {
    cwd: root,
    env: { ...process.env, ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise((resolve, reject) => {
    let out = '';
    host.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('DCS_HOST_READY '));
      if (line) resolve(JSON.parse(line.slice('DCS_HOST_READY '.length)));
    });
    host.once('exit', (code) => reject(new Error(`host exited (${code})`)));
  });
  return { host, ready: /** @type {{ url: string, launchUrl: string }} */ (ready) };
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

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/**
 * From starting the host to the first screen being usable: its heading shown and its Next button
 * enabled (the saved draft loaded), then the AWS identity shown. Chromium is started first and
 * not counted. @param {Record<string, string>} env
 */
async function timeToInteractive(env, runs = 5) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  const figures = {
    ready: /** @type {number[]} */ ([]),
    interactive: /** @type {number[]} */ ([]),
    identity: /** @type {number[]} */ ([]),
  };
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage();
      const started = performance.now();
      const { host, ready } = await startHost({
        ...env,
        DCS_USER_DATA: mkdtempSync(path.join(os.tmpdir(), 'dcs-bench-')),
      });
      try {
        figures.ready.push(performance.now() - started);
        await page.goto(ready.launchUrl);
        await page.getByRole('heading', { name: 'Where should Studio run your clusters?' }).waitFor();
        await page.locator('button:enabled', { hasText: /^Next$/ }).waitFor();
        figures.interactive.push(performance.now() - started);
        await page.getByText('Signed in').waitFor();
        figures.identity.push(performance.now() - started);
      } finally {
        host.kill('SIGTERM');
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
  return figures;
}

delete process.env.MOTO_URL; // a moto of its own: seeding 10,000 buckets into a shared one would pollute it
console.log('Building…');
await buildAll({ quiet: true });
const moto = await ensureMoto({ log: () => {} });
const env = motoEnv(moto.url);
const clientConfig = {
  region: REGION,
  endpoint: moto.url,
  forcePathStyle: true,
  credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
};

try {
  console.log('\nRenderer');
  const assets = initialAssets();
  const js = assets.filter((a) => a.js);
  console.log(
    `  initial JavaScript: ${(js.reduce((n, a) => n + a.gzip, 0) / 1024).toFixed(1)} KB gzipped (${(js.reduce((n, a) => n + a.raw, 0) / 1024).toFixed(0)} KB raw) in ${js.length} file${js.length === 1 ? '' : 's'}; target ≤ 250 KB`,
  );
  console.log(
    `  initial CSS:        ${(assets.filter((a) => !a.js).reduce((n, a) => n + a.gzip, 0) / 1024).toFixed(1)} KB gzipped`,
  );
  const tti = await timeToInteractive(env);
  console.log(
    `  host started (ready line)        median ${fmt(median(tti.ready)).padStart(7)}   (${tti.ready.map((v) => fmt(v)).join(', ')})`,
  );
  console.log(
    `  wizard interactive after start   median ${fmt(median(tti.interactive)).padStart(7)}   (${tti.interactive.map((v) => fmt(v)).join(', ')}); target ≤ 1 s`,
  );
  console.log(`  AWS identity shown after start   median ${fmt(median(tti.identity)).padStart(7)}`);

  console.log(`\nSeeding moto (${moto.how})`);
  const s3 = new S3Client(clientConfig);
  const sm = new SecretsManagerClient(clientConfig);
  await timed(`${BUCKETS.toLocaleString('en')} buckets`, () =>
    pool(
      Array.from({ length: BUCKETS }, (_, i) => `bench-${String(i).padStart(5, '0')}`),
      24,
      (Bucket) =>
        s3.send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: REGION } })),
    ),
  );
  await timed(`${SECRETS.toLocaleString('en')} secrets`, () =>
    pool(
      Array.from({ length: SECRETS }, (_, i) => `bench/secret-${String(i).padStart(4, '0')}`),
      24,
      (Name) => sm.send(new CreateSecretCommand({ Name, SecretString: '{"KEY":"value"}' })),
    ),
  );

  const { host, ready } = await startHost(env);
  const { url, launchUrl } = ready;
  const launch = new URLSearchParams(new URL(launchUrl).hash.slice(1)).get('launch');
  const traded = await fetch(new URL('/api/session', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ launch }),
  });
  const token = /** @type {{ result: { token: string } }} */ (await traded.json()).result.token;
  /** @param {string} method @param {unknown} input */
  const call = async (method, input) => {
    const response = await fetch(new URL('/api/call', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ method, input }),
    });
    const result = /** @type {{ ok: boolean, result?: any, error?: unknown }} */ (await response.json());
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.result;
  };

  try {
    await call('aws.whoami', {}); // warm the session (credentials, clients)
    const baseline = memoryKb(/** @type {number} */ (host.pid), 'VmRSS');
    /** @param {string} label @param {string} method @param {Record<string, unknown>} input @param {string} key */
    const listAll = async (label, method, input, key) => {
      const started = performance.now();
      let firstPage = 0;
      let count = 0;
      let pages = 0;
      let cursor;
      do {
        const page = await call(method, { ...input, ...(cursor ? { cursor } : {}) });
        if (pages === 0) firstPage = performance.now() - started;
        pages += 1;
        count += page[key].length;
        cursor = page.nextCursor;
      } while (cursor);
      const total = performance.now() - started;
      console.log(
        `  ${label.padEnd(12)} first page ${fmt(firstPage).padStart(8)}   all ${count.toLocaleString('en').padStart(6)} in ${String(pages).padStart(2)} pages ${fmt(total).padStart(8)}`,
      );
      return count;
    };
    console.log('\nListing through the loopback host (HTTP API, as the renderer does)');
    const buckets = await listAll('buckets', 'aws.buckets.list', {}, 'buckets');
    const secrets = await listAll('secrets', 'aws.secrets.list', { region: REGION }, 'secrets');
    const peak = memoryKb(/** @type {number} */ (host.pid), 'VmHWM');
    console.log(`  host memory: ${mib(baseline)} before listing, peak ${mib(peak)} (VmHWM)`);
    if (buckets < BUCKETS || secrets < SECRETS)
      console.log(
        `  (listed ${buckets} buckets and ${secrets} secrets; moto holds more from earlier runs only when reused)`,
      );

    // Filtering as the renderer does it: a case-insensitive substring over every loaded name.
    const names = Array.from({ length: BUCKETS }, (_, i) => `bench-${String(i).padStart(5, '0')}`);
    const runs = 200;
    const started = performance.now();
    let hits = 0;
    for (let i = 0; i < runs; i++) {
      const needle = String(i % 100).padStart(2, '0');
      hits += names.filter((n) => n.toLowerCase().includes(needle)).length;
    }
    console.log(
      `  filtering ${BUCKETS.toLocaleString('en')} names per keystroke: ${((performance.now() - started) / runs).toFixed(2)} ms (${hits > 0 ? 'matches found' : 'no matches'})`,
    );
  } finally {
    host.kill('SIGTERM');
  }
} finally {
  await moto.stop();
}

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
  for (const [label, ms, requests] of /** @type {const} */ ([
    ['plan', 'planMs', 'planRequests'],
    ['deploy', 'deployMs', 'deployRequests'],
  ])) {
    const time = stats(results.map((r) => r[ms]));
    const calls = stats(results.map((r) => r[requests]));
    const ratio = stats(results.map((r) => r[ms] / (r[requests] * latency)));
    console.log(
      `  ${label.padEnd(7)} ${fmt(time.median)} (min ${fmt(time.min)}, max ${fmt(time.max)}), ${calls.median} requests; ` +
        `peer's own latency ${fmt(calls.median * latency)}; overhead ratio ${ratio.median.toFixed(2)}× (min ${ratio.min.toFixed(2)}, max ${ratio.max.toFixed(2)})`,
    );
  }
}
