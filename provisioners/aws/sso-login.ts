/**
 * IAM Identity Center sign-in inside the app (OAuth 2.0 device authorization): register a
 * client, start a device authorization, show the code and open the verification page, poll for
 * the token, and write it to the same cache file the AWS CLI uses, so both share the session.
 */
import {
  CreateTokenCommand,
  RegisterClientCommand,
  StartDeviceAuthorizationCommand,
  type SSOOIDCClient,
} from '@aws-sdk/client-sso-oidc';
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ProvisionError } from '../core/errors';
import { log, type ProvisionEvent } from '../core/events';
import { sleep as defaultSleep, type Sleep } from '../core/poll';
import type { SsoSettings } from './discovery.schema';

/** The token as the AWS CLI caches it (~/.aws/sso/cache/<sha1>.json). */
export interface CachedSsoToken {
  startUrl: string;
  region: string;
  accessToken: string;
  expiresAt: string;
  clientId: string;
  clientSecret: string;
  registrationExpiresAt: string;
  refreshToken?: string;
}

export { DEFAULT_SSO_SCOPES } from './sign-in.schema';
import { DEFAULT_SSO_SCOPES } from './sign-in.schema';

/**
 * The cache file: sha1 of the sso-session name (refreshable tokens), or of the start URL for
 * legacy profiles — the same rule as the AWS CLI and the SDK's getSSOTokenFilepath.
 */
export function ssoCacheFile(homeDir: string, sso: Pick<SsoSettings, 'session' | 'startUrl'>): string {
  const id = sso.session ?? sso.startUrl;
  return path.join(homeDir, '.aws', 'sso', 'cache', `${createHash('sha1').update(id).digest('hex')}.json`);
}

export async function writeSsoToken(file: string, token: CachedSsoToken): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, JSON.stringify(token, null, 2), { mode: 0o600 });
  await rename(partial, file);
}

export interface DeviceLoginOptions {
  signal?: AbortSignal;
  sleep?: Sleep;
  now?: () => number;
  clientName?: string;
  /** Open the verification page in the system browser (may do nothing). */
  openUrl?: (url: string) => Promise<unknown>;
}

export type SsoPromptEvent = {
  type: 'prompt';
  kind: 'sso-device-code';
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  expiresAt: string;
  /** Whether the app opened the verification page in the system browser. */
  opened: boolean;
};

export async function* ssoDeviceLogin(
  oidc: Pick<SSOOIDCClient, 'send'>,
  sso: SsoSettings,
  options: DeviceLoginOptions = {},
): AsyncGenerator<ProvisionEvent | SsoPromptEvent, CachedSsoToken> {
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? defaultSleep;
  // A refresh token is issued only to clients registered with scopes (sso-session profiles).
  const scopes = sso.session || sso.scopes ? (sso.scopes ?? DEFAULT_SSO_SCOPES) : undefined;
  const client = await oidc.send(
    new RegisterClientCommand({
      clientName: options.clientName ?? 'datachain-cluster-setup',
      clientType: 'public',
      ...(scopes ? { scopes } : {}),
    }),
    { abortSignal: options.signal },
  );
  if (!client.clientId || !client.clientSecret)
    throw new ProvisionError('DEPLOY_FAILED', 'IAM Identity Center did not register the app.');
  const start = await oidc.send(
    new StartDeviceAuthorizationCommand({
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      startUrl: sso.startUrl,
    }),
    { abortSignal: options.signal },
  );
  const expiresAt = now() + (start.expiresIn ?? 600) * 1000;
  const page = start.verificationUriComplete ?? start.verificationUri;
  // The prompt says whether a page opened: only a shell that can open one tries (the desktop app).
  const opened = !!page && !!options.openUrl && (await options.openUrl(page).catch(() => false)) === true;
  yield {
    type: 'prompt',
    kind: 'sso-device-code',
    userCode: start.userCode ?? '',
    verificationUri: start.verificationUri ?? '',
    ...(start.verificationUriComplete ? { verificationUriComplete: start.verificationUriComplete } : {}),
    expiresAt: new Date(expiresAt).toISOString(),
    opened,
  };
  if (opened) yield log(`Opened ${page} in your browser. Confirm the code ${start.userCode} there.`);

  let interval = Math.max(1, start.interval ?? 5) * 1000;
  for (;;) {
    if (now() > expiresAt)
      throw new ProvisionError('NOT_FOUND', 'The sign-in code expired before it was confirmed.', {
        hint: 'Start the SSO sign-in again.',
      });
    await wait(interval, options.signal);
    try {
      const token = await oidc.send(
        new CreateTokenCommand({
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          grantType: 'urn:ietf:params:oauth:grant-type:device_code',
          deviceCode: start.deviceCode,
        }),
        { abortSignal: options.signal },
      );
      if (!token.accessToken)
        throw new ProvisionError('DEPLOY_FAILED', 'IAM Identity Center returned no access token.');
      return {
        startUrl: sso.startUrl,
        region: sso.region,
        accessToken: token.accessToken,
        expiresAt: new Date(now() + (token.expiresIn ?? 3600) * 1000).toISOString(),
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        registrationExpiresAt: new Date((client.clientSecretExpiresAt ?? 0) * 1000).toISOString(),
        ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
      };
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'AuthorizationPendingException') continue;
      if (name === 'SlowDownException') {
        interval += 5000;
        continue;
      }
      if (name === 'ExpiredTokenException')
        throw new ProvisionError('NOT_FOUND', 'The sign-in code expired before it was confirmed.', {
          hint: 'Start the SSO sign-in again.',
        });
      if (name === 'AccessDeniedException')
        throw new ProvisionError('ACCESS_DENIED', 'The sign-in was declined in the browser.', {
          hint: 'Start the SSO sign-in again and allow access.',
        });
      throw error;
    }
  }
}
