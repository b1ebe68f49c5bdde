#!/usr/bin/env node
// The operations part of `npm run bench` alone (plan / deploy / teardown through the host and with
// the bare SDK), for iterating on them. BENCH_RUNS (default 3) sets the repetitions;
// BENCH_TRACE=1 prints every AWS call of each measured operation (start and end, ms from the
// operation's start), so one can see which calls run one after another and which overlap.
// BENCH_AWS_RTT_MS holds every AWS answer back that long (a network round trip).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';
import { startBenchAws } from './lib/bench/aws-peer.mjs';
import { benchOperations } from './lib/bench/operations.mjs';
import { stats } from './lib/bench/stats.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const REGION = 'eu-north-1';

if (process.env.BENCH_BUILD !== '0') await buildAll({ quiet: true });
const aws = await startBenchAws(REGION);
const { proxy, env, clientConfig } = aws;
const RTT = Number(process.env.BENCH_AWS_RTT_MS ?? 0);
if (RTT) proxy.hold(() => true, RTT);
try {
  const ops = await benchOperations({ root, env, region: REGION, runs: RUNS, proxy, clientConfig });
  for (const op of /** @type {const} */ (['plan', 'deploy', 'teardown'])) {
    const host = stats(ops.host.map((r) => r[op].ms)).median;
    const bare = stats(ops.bare.map((r) => r[op].ms)).median;
    const calls = stats(ops.host.map((r) => r[op].calls)).median;
    const chain = stats(ops.host.map((r) => r[op].chain)).median;
    console.log(
      `${op.padEnd(9)} host ${host.toFixed(1)} ms, bare ${bare.toFixed(1)} ms, ${(host / bare).toFixed(2)}×; ${calls} calls, chain ${chain}`,
    );
  }
} finally {
  await aws.stop();
}
