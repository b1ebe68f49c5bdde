import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { ApiError, type AwsCredentialSource, type AwsSessionSelector } from '../../contract';
import { AwsClientPool } from './client-pool';
import { sharedHttp, type HttpOptions, type SharedHttp } from './http-handler';

type Env = Readonly<Record<string, string | undefined>>;

/** Every in-app sign-in's name starts so (a profile of that name in the files is shadowed). */
export const IN_APP_PREFIX = 'signed-in:';

/** What the user typed or picked in the app: an SSO role, or static keys. Never written by itself. */
export type InAppOrigin =
  | { kind: 'sso'; startUrl: string; ssoRegion: string; accountId: string; roleName: string; accountName?: string }
  | { kind: 'keys'; accessKeyId: string; secretAccessKey: string; sessionToken?: string };

export interface InAppCredentials {
  credentials: AwsCredentialIdentityProvider;
  /** In words: "IAM Identity Center: PowerUser in dev (123456789012)". */
  label: string;
  region?: string;
  origin: InAppOrigin;
}

/** Region used for global calls (STS, IAM) when nothing else says which one. */
export const FALLBACK_REGION = 'us-east-1';

export interface AwsSession {
  profile: string | undefined;
  source: AwsCredentialSource;
  credentials: AwsCredentialIdentityProvider;
  /** Client config for any AWS SDK v3 client; endpoints come from AWS_ENDPOINT_URL* as usual. */
  clientConfig(
    region?: string,
  ): Promise<{ region: string; credentials: AwsCredentialIdentityProvider; profile?: string }>;
  /** The credentials' expiry, when they are temporary. */
  expiresAt(): Promise<Date | undefined>;
  /** The account the credentials belong to (STS GetCallerIdentity, asked once). */
  accountId(): Promise<string>;
  /** The session's SDK clients, reused for every call it makes. */
  clients: AwsClientPool;
  /** The session ends: its clients are closed (once calls still running finish). */
  close(): void;
}

function describeSource(selector: AwsSessionSelector, env: Env, inApp?: InAppCredentials): AwsCredentialSource {
  if (inApp) return { kind: 'in-app', label: inApp.label, ...(selector.profile ? { profile: selector.profile } : {}) };
  if (selector.profile) {
    return { kind: 'profile', label: `profile "${selector.profile}"`, profile: selector.profile };
  }
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return { kind: 'environment', label: 'environment variables (AWS_ACCESS_KEY_ID)' };
  }
  if (env.AWS_PROFILE) {
    return { kind: 'profile', label: `profile "${env.AWS_PROFILE}" (from AWS_PROFILE)`, profile: env.AWS_PROFILE };
  }
  return { kind: 'default-chain', label: 'the default credential chain (profile "default")' };
}

/** The SDK's config file reader, loaded with the first session that needs it. */
const loadSharedConfigFiles: typeof import('@smithy/shared-ini-file-loader').loadSharedConfigFiles = async (init) =>
  (await import('@smithy/shared-ini-file-loader')).loadSharedConfigFiles(init);

async function profileExists(profile: string): Promise<boolean> {
  try {
    const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
    return profile in configFile || profile in credentialsFile;
  } catch {
    return false;
  }
}

async function profileRegion(profile: string): Promise<string | undefined> {
  try {
    const { configFile, credentialsFile } = await loadSharedConfigFiles();
    return configFile[profile]?.region ?? credentialsFile[profile]?.region;
  } catch {
    return undefined;
  }
}

export interface SessionOptions {
  /** A one-time MFA code for a profile that assumes a role with mfa_serial. */
  mfaCode?: string;
  /** Credentials the user gave the app itself (no profile): held here, in memory only. */
  inApp?: InAppCredentials;
  /** How the session's clients reach AWS (agents, timeouts). */
  http?: HttpOptions;
}

/**
 * Credentials live here, in the main process, and nowhere else: the renderer only ever sees the
 * selector (a profile name) and the resulting identity.
 */
export function openAwsSession(selector: AwsSessionSelector, env: Env, options: SessionOptions = {}): AwsSession {
  const profile = selector.profile;
  let mfaCode = options.mfaCode;
  // Asked whenever the SDK needs to assume an MFA-protected role: with the code the user just
  // typed (once; codes are single-use), or by asking the window for one.
  const mfaCodeProvider = async (serial: string): Promise<string> => {
    const code = mfaCode;
    mfaCode = undefined;
    if (code) return code;
    const who = profile ?? env.AWS_PROFILE ?? 'default';
    throw new ApiError('MFA_REQUIRED', `The profile "${who}" needs a code from its MFA device.`, {
      hint: 'Enter the current 6-digit code from your authenticator app.',
      profile: who,
      mfaSerial: serial,
    });
  };
  // The chain memoizes and refreshes temporary credentials itself shortly before they expire.
  // It is loaded with the first call that needs credentials, not when the app starts.
  // Its own clients (the SSO portal, STS, the SSO token refresh) reach AWS the same way ours do.
  let chain: Promise<AwsCredentialIdentityProvider> | undefined;
  let chainHttp: SharedHttp | undefined;
  const credentials: AwsCredentialIdentityProvider = async (callOptions) => {
    if (options.inApp) return options.inApp.credentials(callOptions);
    try {
      chain ??= import('@aws-sdk/credential-providers').then(async ({ fromNodeProviderChain }) => {
        chainHttp = sharedHttp(options.http);
        const requestHandler = await chainHttp.handler();
        return fromNodeProviderChain({
          ...(profile ? { profile } : {}),
          mfaCodeProvider,
          clientConfig: { requestHandler },
        });
      });
      return await (
        await chain
      )(callOptions);
    } catch (error) {
      if (
        profile &&
        error instanceof Error &&
        error.name === 'CredentialsProviderError' &&
        !(await profileExists(profile))
      ) {
        throw new ApiError('NO_CREDENTIALS', `There is no AWS profile called "${profile}".`, {
          hint: 'Choose one of the profiles in your AWS config files, or create it with “aws configure --profile” in a terminal.',
        });
      }
      throw error;
    }
  };
  const effectiveProfile = profile ?? env.AWS_PROFILE ?? 'default';
  let account: Promise<string> | undefined;
  const clientConfig = async (region?: string) => {
    const resolved =
      region ??
      selector.region ??
      options.inApp?.region ??
      env.AWS_REGION ??
      env.AWS_DEFAULT_REGION ??
      (options.inApp ? undefined : await profileRegion(effectiveProfile)) ??
      FALLBACK_REGION;
    // An in-app sign-in is no profile the SDK could read: the clients get its credentials only.
    return { region: resolved, credentials, ...(profile && !options.inApp ? { profile } : {}) };
  };
  const clients = new AwsClientPool(clientConfig, { env, ...options.http });
  return {
    profile,
    source: describeSource(selector, env, options.inApp),
    credentials,
    clientConfig,
    clients,
    close: () => {
      clients.close();
      chainHttp?.destroy();
    },
    async expiresAt() {
      return (await credentials()).expiration;
    },
    accountId() {
      account ??= clients
        .use(async (pool) => {
          const { getCallerIdentity } = await import('../../../provisioners/aws/identity');
          return (await getCallerIdentity(await pool.client('sts'))).accountId;
        })
        .catch((error: unknown) => {
          account = undefined;
          throw error;
        });
      return account;
    },
  };
}

/**
 * One session per profile selection, so credentials resolve (and prompt) once and clients are
 * reused. A renewed session closes the one it replaces; `close` ends them all.
 */
export class AwsSessions {
  private readonly sessions = new Map<string, AwsSession>();
  constructor(
    readonly env: Env,
    readonly http: HttpOptions = {},
  ) {}

  private readonly inApp = new Map<string, InAppCredentials>();

  get(selector: { profile?: string | undefined }): AwsSession {
    const key = selector.profile ?? '';
    let session = this.sessions.get(key);
    if (!session) {
      session = this.open(selector.profile, {});
      this.sessions.set(key, session);
    }
    return session;
  }

  /** Start over for a profile (after a new SSO sign-in, or with a fresh MFA code). */
  renew(profile: string | undefined, options: SessionOptions = {}): AwsSession {
    const session = this.open(profile, options);
    this.sessions.get(profile ?? '')?.close();
    this.sessions.set(profile ?? '', session);
    return session;
  }

  /**
   * Hold credentials the user gave the app (an SSO role, typed keys) under an in-app name, or
   * under the name of the profile they were just saved as (for this run of the app).
   */
  adopt(name: string, inApp: InAppCredentials): void {
    this.inApp.set(name, inApp);
    this.sessions.get(name)?.close();
    this.sessions.delete(name);
  }

  /** The in-app sign-in of that name, when this run of the app holds one. */
  inAppOf(name: string | undefined): InAppCredentials | undefined {
    return name ? this.inApp.get(name) : undefined;
  }

  private open(profile: string | undefined, options: SessionOptions): AwsSession {
    const inApp = this.inAppOf(profile);
    if (profile?.startsWith(IN_APP_PREFIX) && !inApp)
      throw new ApiError(
        'NO_CREDENTIALS',
        'The sign-in made in the app has ended: the app keeps it only while it runs.',
        {
          hint: 'Sign in again with IAM Identity Center or your access keys, or choose a profile.',
        },
      );
    return openAwsSession({ ...(profile ? { profile } : {}) }, this.env, {
      http: this.http,
      ...options,
      ...(inApp ? { inApp } : {}),
    });
  }

  /** The app is quitting: close every session's clients. */
  close(): void {
    for (const session of this.sessions.values()) session.close();
    this.sessions.clear();
    this.inApp.clear();
  }
}
