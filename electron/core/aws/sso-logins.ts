/**
 * IAM Identity Center sign-ins made in the app without a profile. The access token (and the
 * refresh token with its client registration) stays here, in the main process's memory: the
 * renderer holds a random login id, and nothing is written to disk. Role credentials are asked of
 * the portal with it, and asked again shortly before they expire.
 */
import type { SSOClient } from '@aws-sdk/client-sso';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { randomBytes } from 'node:crypto';
import type { RoleCredentials } from '../../../provisioners/aws/sso-portal';
import type { CachedSsoToken } from '../../../provisioners/aws/sso-login';
import { ApiError, type SsoLoginHandle } from '../../contract';
import { ssoOidcClient, ssoPortalClient } from './clients';
import type { HttpOptions } from './http-handler';

/** A person signs in once or twice a run; more than this and the oldest are forgotten. */
const MAX_LOGINS = 8;
/** Tokens and credentials are renewed this long before they expire. */
const RENEW_BEFORE_MS = 5 * 60_000;

interface HeldLogin {
  startUrl: string;
  region: string;
  token: CachedSsoToken;
  refreshing?: Promise<string>;
}

/** The portal's own errors, in words for people (never the SDK's text). */
export function portalError(error: unknown): never {
  const name = (error as Error | undefined)?.name;
  if (name === 'UnauthorizedException')
    throw new ApiError('CREDENTIALS_EXPIRED', 'The IAM Identity Center sign-in has ended.', {
      hint: 'Sign in with IAM Identity Center again.',
      cloudCode: name,
    });
  if (name === 'ForbiddenException')
    throw new ApiError('ACCESS_DENIED', 'IAM Identity Center does not give you this role in this account.', {
      hint: 'Choose another role, or ask your administrator to assign this one to you.',
      cloudCode: name,
    });
  if (name === 'TooManyRequestsException')
    throw new ApiError('CLOUD_ERROR', 'IAM Identity Center asked the app to slow down.', {
      hint: 'Wait a moment and try again.',
      cloudCode: name,
    });
  if (name === 'ResourceNotFoundException')
    throw new ApiError('NOT_FOUND', 'IAM Identity Center does not know that account or role.', {
      hint: 'Choose an account and a role from the lists.',
      cloudCode: name,
    });
  throw error;
}

export class SsoLogins {
  private readonly logins = new Map<string, HeldLogin>();

  constructor(
    private readonly http: HttpOptions = {},
    private readonly now: () => number = Date.now,
  ) {}

  hold(token: CachedSsoToken): SsoLoginHandle {
    const loginId = randomBytes(16).toString('hex');
    this.logins.set(loginId, { startUrl: token.startUrl, region: token.region, token });
    while (this.logins.size > MAX_LOGINS) this.logins.delete(this.logins.keys().next().value!);
    return { loginId, startUrl: token.startUrl, region: token.region, expiresAt: token.expiresAt };
  }

  describe(loginId: string): { startUrl: string; region: string } {
    const login = this.get(loginId);
    return { startUrl: login.startUrl, region: login.region };
  }

  private get(loginId: string): HeldLogin {
    const login = this.logins.get(loginId);
    if (!login)
      throw new ApiError('CREDENTIALS_EXPIRED', 'That IAM Identity Center sign-in has ended.', {
        hint: 'Sign in with IAM Identity Center again.',
      });
    return login;
  }

  /** A valid access token: refreshed with the refresh token when it is about to expire. */
  async accessToken(loginId: string, signal?: AbortSignal): Promise<string> {
    const login = this.get(loginId);
    if (Date.parse(login.token.expiresAt) - this.now() > RENEW_BEFORE_MS) return login.token.accessToken;
    if (!login.token.refreshToken) {
      this.logins.delete(loginId);
      return this.get(loginId).token.accessToken;
    }
    login.refreshing ??= this.refresh(login, signal).finally(() => (login.refreshing = undefined));
    return login.refreshing;
  }

  private async refresh(login: HeldLogin, signal?: AbortSignal): Promise<string> {
    const { CreateTokenCommand } = await import('@aws-sdk/client-sso-oidc');
    const oidc = await ssoOidcClient(login.region, this.http);
    try {
      const out = await oidc.send(
        new CreateTokenCommand({
          clientId: login.token.clientId,
          clientSecret: login.token.clientSecret,
          grantType: 'refresh_token',
          refreshToken: login.token.refreshToken,
        }),
        { abortSignal: signal },
      );
      if (!out.accessToken) throw new Error('no access token');
      login.token = {
        ...login.token,
        accessToken: out.accessToken,
        expiresAt: new Date(this.now() + (out.expiresIn ?? 3600) * 1000).toISOString(),
        ...(out.refreshToken ? { refreshToken: out.refreshToken } : {}),
      };
      return out.accessToken;
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ApiError('CREDENTIALS_EXPIRED', 'The IAM Identity Center sign-in has ended.', {
        hint: 'Sign in with IAM Identity Center again.',
      });
    } finally {
      oidc.destroy();
    }
  }

  /** Use the portal with this login's token; the client lives for the call. */
  async portal<T>(
    loginId: string,
    use: (portal: SSOClient, accessToken: string) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const { region } = this.get(loginId);
    const accessToken = await this.accessToken(loginId, signal);
    const client = await ssoPortalClient(region, this.http);
    try {
      return await use(client, accessToken).catch(portalError);
    } finally {
      client.destroy();
    }
  }

  /** Credentials for one role, renewed from the portal shortly before they expire. */
  roleCredentials(loginId: string, accountId: string, roleName: string): AwsCredentialIdentityProvider {
    let current: RoleCredentials | undefined;
    let pending: Promise<RoleCredentials> | undefined;
    return async () => {
      if (!current || current.expiration.getTime() - this.now() < RENEW_BEFORE_MS) {
        pending ??= this.portal(loginId, async (portal, token) => {
          const { getSsoRoleCredentials } = await import('../../../provisioners/aws/sso-portal');
          return getSsoRoleCredentials(portal, token, accountId, roleName);
        })
          .then((fresh) => (current = fresh))
          .finally(() => (pending = undefined));
        current = await pending;
      }
      return { ...current };
    };
  }

  clear(): void {
    this.logins.clear();
  }
}
