/**
 * Signing in to Azure from the main process with @azure/identity: the Azure CLI's session when
 * `az` is logged in (found even when a GUI app lacks the shell's PATH), the system browser with
 * a loopback redirect, or a device code shown in the app. The credential stays in the main
 * process: callers get a TokenCredential to build clients with, and the signed-in user.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { TokenCredential } from '@azure/core-auth';
import {
  AzureCliCredential,
  DeviceCodeCredential,
  InteractiveBrowserCredential,
  type DeviceCodeInfo,
} from '@azure/identity';
import type { AzureSignInMethod, DeviceCodePrompt } from './discovery.schema';
import { ARM_SCOPE, type AzurePipelineOptions } from './client';

/** The scope a sign-in's first token is for (here so a lazy importer of this module has it too). */
export { ARM_SCOPE };

/** `az` takes seconds to start, more on a cold disk (SkyPilot#1273: the 10 s default timed out). */
export const AZ_TIMEOUT_MS = 30_000;

/** Where installers put `az` when the app's PATH does not say. */
export const KNOWN_AZ_DIRS = [
  '/opt/homebrew/bin',
  '/usr/local/bin',
  '/usr/bin',
  '/home/linuxbrew/.linuxbrew/bin',
  '/snap/bin',
  'C:\\Program Files\\Microsoft SDKs\\Azure\\CLI2\\wbin',
  'C:\\Program Files (x86)\\Microsoft SDKs\\Azure\\CLI2\\wbin',
];

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function azIn(dir: string, platform: NodeJS.Platform): string | undefined {
  const names = platform === 'win32' ? ['az.cmd', 'az.exe', 'az'] : ['az'];
  for (const name of names) {
    const file = path.join(dir, name);
    if (executable(file)) return file;
  }
  return undefined;
}

/**
 * How long the login shell may take: profiles that initialise pyenv, nvm or conda take seconds
 * (7 s here for one with pyenv on a busy machine), and this runs once, when the user signs in.
 */
export const LOGIN_SHELL_TIMEOUT_MS = 20_000;

/** Ask the user's login shell where `az` is (macOS GUI apps start without Homebrew's PATH). */
function fromLoginShell(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const shell = env.SHELL;
  if (!shell || !path.isAbsolute(shell)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    execFile(shell, ['-l', '-c', 'command -v az'], { timeout: LOGIN_SHELL_TIMEOUT_MS, env }, (error, stdout) => {
      const found = String(stdout ?? '')
        .trim()
        .split('\n')
        .at(-1);
      resolve(!error && found && path.isAbsolute(found) && executable(found) ? found : undefined);
    });
  });
}

/**
 * Find `az` on PATH, in the known install folders or through the login shell, and put its
 * folder on this process's PATH (AzureCliCredential runs `az` through the shell). Undefined
 * when there is no Azure CLI.
 */
export async function ensureAzOnPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  knownDirs: readonly string[] = KNOWN_AZ_DIRS,
): Promise<string | undefined> {
  const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  const dirs = (env[key] ?? '').split(path.delimiter).filter(Boolean);
  for (const dir of dirs) {
    const found = azIn(dir, platform);
    if (found) return found;
  }
  let found: string | undefined;
  for (const dir of knownDirs) {
    found = azIn(dir, platform);
    if (found) break;
  }
  found ??= platform === 'win32' ? undefined : await fromLoginShell(env);
  if (found) env[key] = [path.dirname(found), ...dirs].join(path.delimiter);
  return found;
}

export interface CredentialOptions {
  /** The tenant to sign in to (a credential per tenant: subscriptions live in one). */
  tenantId?: string;
  /** Proxy, TLS and agent options for identity's own HTTP (tests pass the peer's). */
  pipelineOptions?: AzurePipelineOptions;
  /** Microsoft Entra host (default login.microsoftonline.com). */
  authorityHost?: string;
  /** Skip instance discovery (only for a local test authority). */
  disableInstanceDiscovery?: boolean;
  /** A public client registration; default: the Azure CLI's first-party client id. */
  clientId?: string;
  /** Where the device code goes (the app shows it); required for deviceCode. */
  onDeviceCode?: (prompt: DeviceCodePrompt) => void;
  /** Let the credential serve other tenants (for listing tenants before one is chosen). */
  anyTenant?: boolean;
}

/** The Azure CLI's public client id: pre-authorized for ARM and Graph, no consent prompt. */
export const AZURE_CLI_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

export function toPrompt(info: DeviceCodeInfo): DeviceCodePrompt {
  return {
    userCode: info.userCode,
    verificationUri: info.verificationUri,
    message: info.message,
  };
}

/** A credential for one of the three sign-in methods (no network until a token is asked for). */
export function createAzureCredential(method: AzureSignInMethod, options: CredentialOptions = {}): TokenCredential {
  const common = {
    ...options.pipelineOptions,
    ...(options.tenantId ? { tenantId: options.tenantId } : {}),
    ...(options.anyTenant ? { additionallyAllowedTenants: ['*'] } : {}),
  };
  const authority = {
    ...(options.authorityHost ? { authorityHost: options.authorityHost } : {}),
    ...(options.disableInstanceDiscovery ? { disableInstanceDiscovery: true } : {}),
    clientId: options.clientId ?? AZURE_CLI_CLIENT_ID,
  };
  switch (method) {
    case 'cli':
      return new AzureCliCredential({ ...common, processTimeoutInMs: AZ_TIMEOUT_MS });
    case 'browser':
      return new InteractiveBrowserCredential({
        ...common,
        ...authority,
        browserCustomizationOptions: {
          successMessage: 'Signed in to DataChain Cluster Setup. You can close this window and return to the app.',
          errorMessage: 'Signing in did not work: {error}. Return to DataChain Cluster Setup and try again.',
        },
      });
    case 'deviceCode': {
      const onDeviceCode = options.onDeviceCode;
      if (!onDeviceCode) throw new Error('device code sign-in needs a place to show the code');
      return new DeviceCodeCredential({
        ...common,
        ...authority,
        userPromptCallback: (info) => onDeviceCode(toPrompt(info)),
      });
    }
  }
}

/**
 * Sign in: for the CLI, make sure `az` is found first; then ask for an ARM token once, so a
 * failure (not logged in, MFA, Conditional Access) surfaces here and not at the first listing.
 */
export async function signIn(
  method: AzureSignInMethod,
  options: CredentialOptions & { signal?: AbortSignal } = {},
): Promise<TokenCredential> {
  if (method === 'cli' && !(await ensureAzOnPath())) {
    const error = new Error('Azure CLI could not be found.');
    error.name = 'CredentialUnavailableError';
    throw error;
  }
  const credential = createAzureCredential(method, options);
  const token = await credential.getToken(ARM_SCOPE, {
    ...(options.tenantId ? { tenantId: options.tenantId } : {}),
    ...(options.signal ? { abortSignal: options.signal } : {}),
  });
  if (!token) {
    const error = new Error('Azure gave no token.');
    error.name = 'CredentialUnavailableError';
    throw error;
  }
  return credential;
}
