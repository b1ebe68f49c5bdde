/**
 * The AWS access portal (IAM Identity Center): which accounts and roles the signed-in person may
 * use, one page at a time, and the role credentials for the pair they pick. The access token is
 * passed in by the caller, which keeps it; nothing here stores it. The portal's own errors
 * (Unauthorized, Forbidden, TooManyRequests) reach the caller as they are.
 */
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  type SSOClient,
} from '@aws-sdk/client-sso';
import { ProvisionError } from '../core/errors';
import type { SsoAccountPage, SsoRolePage } from './sign-in.schema';

type Portal = Pick<SSOClient, 'send'>;

/** The portal allows at most 100 per page. */
export const PORTAL_PAGE_SIZE = 100;

export async function listSsoAccountsPage(
  portal: Portal,
  accessToken: string,
  cursor?: string,
  signal?: AbortSignal,
): Promise<SsoAccountPage> {
  const out = await portal.send(
    new ListAccountsCommand({
      accessToken,
      maxResults: PORTAL_PAGE_SIZE,
      ...(cursor ? { nextToken: cursor } : {}),
    }),
    { abortSignal: signal },
  );
  return {
    accounts: (out.accountList ?? [])
      .filter((a) => !!a.accountId)
      .map((a) => ({
        accountId: a.accountId!,
        accountName: a.accountName || a.accountId!,
        ...(a.emailAddress ? { emailAddress: a.emailAddress } : {}),
      })),
    ...(out.nextToken ? { nextCursor: out.nextToken } : {}),
  };
}

export async function listSsoRolesPage(
  portal: Portal,
  accessToken: string,
  accountId: string,
  cursor?: string,
  signal?: AbortSignal,
): Promise<SsoRolePage> {
  const out = await portal.send(
    new ListAccountRolesCommand({
      accessToken,
      accountId,
      maxResults: PORTAL_PAGE_SIZE,
      ...(cursor ? { nextToken: cursor } : {}),
    }),
    { abortSignal: signal },
  );
  return {
    roles: (out.roleList ?? []).filter((r) => !!r.roleName).map((r) => ({ roleName: r.roleName! })),
    ...(out.nextToken ? { nextCursor: out.nextToken } : {}),
  };
}

export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export async function getSsoRoleCredentials(
  portal: Portal,
  accessToken: string,
  accountId: string,
  roleName: string,
  signal?: AbortSignal,
): Promise<RoleCredentials> {
  const out = await portal.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName }), {
    abortSignal: signal,
  });
  const c = out.roleCredentials;
  if (!c?.accessKeyId || !c.secretAccessKey || !c.sessionToken || !c.expiration)
    throw new ProvisionError('DEPLOY_FAILED', 'IAM Identity Center returned no credentials for this role.', {
      hint: 'Try again, or choose another role.',
    });
  return {
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
    expiration: new Date(c.expiration),
  };
}
