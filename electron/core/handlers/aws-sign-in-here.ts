/**
 * Signing in to AWS with no usable profile: an IAM Identity Center start URL and region (device
 * code, then an account and a role from the portal's lists), or access keys typed into the app.
 * Either is held in memory under an in-app name; saving it as a profile happens only on request.
 */
import { createHash } from 'node:crypto';
import { ApiError, type AppContract, type InAppSession } from '../../contract';
import { ssoOidcClient } from '../aws/clients';
import { saveProfile } from '../aws/profile-writer';
import { IN_APP_PREFIX, type AwsSessions } from '../aws/session';
import { SsoLogins } from '../aws/sso-logins';
import type { HandlersOf } from '../dispatch';
import type { OperationRegistry } from '../operations/registry';
import type { CoreServices } from '../services';

// The SDK's SSO clients load with the first sign-in that needs them, not when the app starts.
const portalApi = () => import('../../../provisioners/aws/sso-portal');
const deviceLogin = () => import('../../../provisioners/aws/sso-login');

export type SignInHereHandlers = Pick<
  HandlersOf<AppContract>,
  'aws.sso.start' | 'aws.sso.accounts' | 'aws.sso.roles' | 'aws.sso.use' | 'aws.keys.use' | 'aws.profile.save'
>;

export function awsSignInHereHandlers(
  sessions: AwsSessions,
  operations: OperationRegistry,
  services: Pick<CoreServices, 'openExternal' | 'runtime'>,
  logins: SsoLogins = new SsoLogins(sessions.http),
): SignInHereHandlers {
  return {
    async 'aws.sso.start'({ startUrl, region }) {
      const snapshot = operations.start({
        kind: 'sign-in',
        title: 'Sign in to IAM Identity Center',
        cancelMeaning: 'Cancelling stops waiting for the code to be confirmed; nothing is stored.',
        async *body(signal) {
          const { ssoDeviceLogin, DEFAULT_SSO_SCOPES } = await deviceLogin();
          const oidc = await ssoOidcClient(region, sessions.http);
          try {
            // The desktop app opens the page in the system browser; in a browser tab the screen links to it.
            const openUrl = services.runtime === 'electron' ? (url: string) => services.openExternal(url) : undefined;
            const token = yield* ssoDeviceLogin(
              oidc,
              { startUrl, region, scopes: DEFAULT_SSO_SCOPES },
              { signal, ...(openUrl ? { openUrl } : {}) },
            );
            return logins.hold(token);
          } finally {
            oidc.destroy();
          }
        },
      });
      return { operationId: snapshot.operationId, cancelMeaning: snapshot.cancelMeaning, cancellable: true };
    },

    async 'aws.sso.accounts'({ loginId, cursor }, ctx) {
      const { listSsoAccountsPage } = await portalApi();
      return logins.portal(
        loginId,
        (portal, token) => listSsoAccountsPage(portal, token, cursor, ctx.signal),
        ctx.signal,
      );
    },

    async 'aws.sso.roles'({ loginId, accountId, cursor }, ctx) {
      const { listSsoRolesPage } = await portalApi();
      return logins.portal(
        loginId,
        (portal, token) => listSsoRolesPage(portal, token, accountId, cursor, ctx.signal),
        ctx.signal,
      );
    },

    async 'aws.sso.use'({ loginId, accountId, roleName, accountName, region }) {
      const { startUrl, region: ssoRegion } = logins.describe(loginId);
      const credentials = logins.roleCredentials(loginId, accountId, roleName);
      // Asked now, so a role the person may not use is refused here and not at the first call.
      await credentials();
      const profile = `${IN_APP_PREFIX}sso/${accountId}/${roleName}`;
      const label = `IAM Identity Center: ${roleName} in ${accountName ? `${accountName} (${accountId})` : accountId}`;
      sessions.adopt(profile, {
        credentials,
        label,
        ...(region ? { region } : {}),
        origin: {
          kind: 'sso',
          startUrl,
          ssoRegion,
          accountId,
          roleName,
          ...(accountName ? { accountName } : {}),
        },
      });
      return { profile, label, kind: 'sso' } satisfies InAppSession;
    },

    async 'aws.keys.use'({ accessKeyId, secretAccessKey, sessionToken, region }) {
      // Named by a digest of the key id: the same keys typed again replace themselves.
      const tag = createHash('sha256').update(accessKeyId).digest('hex').slice(0, 8);
      const profile = `${IN_APP_PREFIX}keys/${accessKeyId.slice(-4)}-${tag}`;
      const label = `Access key ${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)} typed into the app${sessionToken ? ' (temporary)' : ''}`;
      const keys = { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
      sessions.adopt(profile, {
        credentials: async () => ({ ...keys }),
        label,
        ...(region ? { region } : {}),
        origin: { kind: 'keys', ...keys },
      });
      return { profile, label, kind: 'keys' } satisfies InAppSession;
    },

    async 'aws.profile.save'({ from, name, ssoSession, region }) {
      const inApp = sessions.inAppOf(from);
      if (!inApp)
        throw new ApiError('NOT_FOUND', 'There is no sign-in to save: the app keeps it only while it runs.', {
          hint: 'Sign in again, then save it as a profile.',
        });
      const saved = await saveProfile(sessions.env, {
        name,
        origin: inApp.origin,
        ...(ssoSession ? { ssoSession } : {}),
        ...((region ?? inApp.region) ? { region: region ?? inApp.region } : {}),
      });
      // This run goes on with the credentials it holds, under the profile's name; the next run
      // reads the profile from the file (after `aws sso login`, or the app's own SSO sign-in).
      sessions.adopt(name, inApp);
      return saved;
    },
  };
}
