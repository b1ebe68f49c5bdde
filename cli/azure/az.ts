/**
 * The Azure CLI itself, for what only it can do for the command line: sign in and keep the
 * session (`az login`, whose tokens az keeps and refreshes, as Terraform's and Pulumi's Azure
 * providers rely on), and say which subscription is its default (`az account show`).
 */
import { spawn } from 'node:child_process';
import { CliError, type Context } from '../context';
import { EXIT } from '../exit-codes';

/** Time `az account show` may take (az starts slowly on a cold disk). */
const SHOW_TIMEOUT_MS = 30_000;
/** Time the user has for a sign-in (Entra device codes live 15 minutes). */
const LOGIN_TIMEOUT_MS = 16 * 60_000;

export interface AzDefaultSubscription {
  id: string;
  name: string;
  tenantId: string;
}

/** The environment az runs with: the command's own (its AZURE_CONFIG_DIR, proxy and CA). */
function azEnv(ctx: Context, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...(ctx.io.env as NodeJS.ProcessEnv), ...extra };
}

/** Where az is, or undefined when the Azure CLI is not installed. */
export async function findAz(ctx: Context): Promise<string | undefined> {
  // Loaded on first use, as the core loads Azure's identity code (@azure/identity is large).
  const { ensureAzOnPath } = await import('../../provisioners/azure/credentials');
  return ensureAzOnPath({ ...(ctx.io.env as NodeJS.ProcessEnv) });
}

/**
 * `az login` in the foreground: az prints its own prompt (the device code and the page, or the
 * browser it opened) on stderr, which goes to ours; its result is not printed. Ctrl-C stops it.
 */
export function azLogin(ctx: Context, az: string, options: { tenantId?: string; deviceCode: boolean }) {
  const args = [
    'login',
    ...(options.tenantId ? ['--tenant', options.tenantId] : []),
    ...(options.deviceCode ? ['--use-device-code'] : []),
    '--output',
    'none',
  ];
  return new Promise<void>((resolve, reject) => {
    // The device code is a warning to az: shown even where its config says errors only.
    const child = spawn(az, args, {
      env: azEnv(ctx, { AZURE_CORE_ONLY_SHOW_ERRORS: 'false' }),
      stdio: ['inherit', 'pipe', 'pipe'],
    });
    const forward = (chunk: Buffer) => ctx.io.stderr.write(chunk.toString('utf8'));
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    const timer = setTimeout(() => child.kill('SIGTERM'), LOGIN_TIMEOUT_MS);
    let interrupted = false;
    const stop = ctx.io.onInterrupt(() => {
      interrupted = true;
      child.kill('SIGINT');
    });
    const settle = (error?: CliError) => {
      clearTimeout(timer);
      stop();
      if (error) reject(error);
      else resolve();
    };
    child.on('error', () =>
      settle(new CliError('The Azure CLI (az) could not be started.', EXIT.credentials, `Check that ${az} runs.`)),
    );
    child.on('close', (code) => {
      if (interrupted) return settle(new CliError('Cancelled: not signed in.', EXIT.cancelled, undefined, 'CANCELLED'));
      if (code === 0) return settle();
      settle(
        new CliError(
          'az login did not sign in.',
          EXIT.credentials,
          'Run az login yourself to see why (add --tenant for another tenant), then try again.',
        ),
      );
    });
  });
}

/** The Azure CLI's default subscription (`az account show`), or undefined when az has none. */
export async function azDefaultSubscription(ctx: Context): Promise<AzDefaultSubscription | undefined> {
  const az = await findAz(ctx);
  if (!az) return undefined;
  const out = await new Promise<string | undefined>((resolve) => {
    const child = spawn(az, ['account', 'show', '--output', 'json'], {
      env: azEnv(ctx),
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.length > 100_000) child.kill('SIGKILL');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), SHOW_TIMEOUT_MS);
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? text : undefined);
    });
  });
  if (!out) return undefined;
  try {
    const account = JSON.parse(out) as { id?: unknown; name?: unknown; tenantId?: unknown };
    if (typeof account.id !== 'string' || typeof account.tenantId !== 'string') return undefined;
    return {
      id: account.id.toLowerCase(),
      name: typeof account.name === 'string' ? account.name : account.id,
      tenantId: account.tenantId.toLowerCase(),
    };
  } catch {
    return undefined;
  }
}
