// The loopback host as the bench drives it: started from out/host, a session traded for its
// launch token, contract calls over HTTP and operation events over SSE (the renderer's path).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** @param {number} pid @param {'VmHWM' | 'VmRSS'} field @returns {number} kB */
export function memoryKb(pid, field) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(field));
    return Number(line?.split(/\s+/)[1] ?? NaN);
  } catch {
    return NaN;
  }
}

/** A bare Node HTTP server printing the same ready line: the floor the host is compared with. */
const BARE = `require('node:http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () {
  const url = 'http://127.0.0.1:' + this.address().port;
  console.log('DCS_HOST_READY ' + JSON.stringify({ url, launchUrl: url }));
});`;

/**
 * Start the loopback host (or, with `bare`, a bare Node HTTP server) and wait for its ready line.
 * @param {string} root @param {Record<string, string>} env @param {{ bare?: boolean }} [options]
 */
export async function startHost(root, env, options = {}) {
  const started = performance.now();
  // BENCH_HOST_NODE_ARGS: Node options for the host only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`).
  const nodeArgs = (process.env.BENCH_HOST_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const args = options.bare ? ['-e', BARE] : [...nodeArgs, path.join(root, 'out', 'host', 'index.mjs'), '--json'];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  /** @type {{ url: string, launchUrl: string }} */
  const ready = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('DCS_HOST_READY '));
      if (line) resolve(JSON.parse(line.slice('DCS_HOST_READY '.length)));
    });
    child.once('exit', (code) => reject(new Error(`host exited (${code})`)));
  });
  const readyMs = performance.now() - started;
  const pid = /** @type {number} */ (child.pid);
  return {
    child,
    ready,
    readyMs,
    /** Peak resident memory so far (VmHWM), kB. */
    peakKb: () => memoryKb(pid, 'VmHWM'),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(undefined);
        child.once('exit', () => resolve(undefined));
        child.kill('SIGTERM');
      }),
  };
}

/** A session on a started host: `call` a contract method, `follow` an operation to its finished event. */
export async function hostSession(
  /** @type {{ url: string, launchUrl: string }} */ ready,
  /** A session a page already traded the one-time launch token for. @type {string | undefined} */ existing = undefined,
) {
  const { url, launchUrl } = ready;
  const launch = new URLSearchParams(new URL(launchUrl).hash.slice(1)).get('launch');
  const token =
    existing ??
    /** @type {{ result: { token: string } }} */ (
      await (
        await fetch(new URL('/api/session', url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ launch }),
        })
      ).json()
    ).result.token;
  const auth = { authorization: `Bearer ${token}` };
  /** @param {string} method @param {unknown} input @returns {Promise<any>} */
  const call = async (method, input) => {
    const response = await fetch(new URL('/api/call', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ method, input }),
    });
    const result = /** @type {{ ok: boolean, result?: any, error?: unknown }} */ (await response.json());
    if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
    return result.result;
  };
  /** Read the operation's SSE stream until its finished event. @param {string} operationId */
  const follow = async (operationId) => {
    const response = await fetch(new URL(`/api/operations/${operationId}/events`, url), { headers: auth });
    const decoder = new TextDecoder();
    let text = '';
    /** @type {any} */
    let finished;
    for await (const chunk of /** @type {AsyncIterable<Uint8Array>} */ (response.body ?? [])) {
      text += decoder.decode(chunk, { stream: true });
      const events = text.split('\n\n');
      text = events.pop() ?? ''; // an event not complete yet
      for (const block of events)
        for (const data of block.matchAll(/^data: (.*)$/gm)) {
          const event = JSON.parse(/** @type {string} */ (data[1]));
          if (event.type === 'finished') finished = event;
        }
      if (finished) break;
    }
    if (!finished) throw new Error(`operation ${operationId} ended without a finished event`);
    if (finished.status !== 'succeeded') throw new Error(`operation ${operationId}: ${JSON.stringify(finished)}`);
    return finished;
  };
  return { call, follow };
}
