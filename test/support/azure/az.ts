/** Run the real Azure CLI against the peer (its env: proxy, test CA, a temp AZURE_CONFIG_DIR). */
import { spawn } from 'node:child_process';
import type { AzurePeer } from './peer';

export interface AzResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runAz(peer: AzurePeer, args: string[], timeoutMs = 120_000): Promise<AzResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('az', args, { env: { ...process.env, ...peer.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

/** Set the peer's env in this process for the duration of `fn` (AzureCliCredential runs `az` with process.env). */
export async function withPeerEnv<T>(peer: AzurePeer, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(peer.env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, peer.env);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
