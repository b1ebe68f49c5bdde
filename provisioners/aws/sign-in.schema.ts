/**
 * Signing in to AWS without a profile, as wire types: an IAM Identity Center start URL and its
 * region, the accounts and roles the portal lists, static keys typed into the app, and saving
 * either as a profile. Tokens and credentials appear here only as inputs typed by the user (keys);
 * nothing the portal hands out is ever part of an output.
 */
import { z } from 'zod';
import { Region } from './schema';
import { AwsProfileName } from './setup.schema';

/**
 * The AWS access portal's start URL (https://d-1234567890.awsapps.com/start, an alias, or the
 * issuer URL of a newer instance). Only sent to IAM Identity Center itself, never fetched.
 */
export const SsoStartUrl = z
  .string()
  .trim()
  .min(1, 'enter the start URL of your AWS access portal')
  .max(512, 'a start URL is at most 512 characters')
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && !url.username && !url.password && !!url.hostname.includes('.');
    } catch {
      return false;
    }
  }, 'a start URL is an https:// address, like https://d-1234567890.awsapps.com/start');

/** What a sign-in asks for: account access, with a refresh token (as `aws configure sso` registers). */
export const DEFAULT_SSO_SCOPES = ['sso:account:access'];

export const SsoStartInput = z.object({ startUrl: SsoStartUrl, region: Region }).strict();
export type SsoStartInput = z.infer<typeof SsoStartInput>;

/** What the renderer learns when the device code was confirmed: a handle, never the token. */
export const SsoLoginHandle = z.object({
  loginId: z.string().regex(/^[a-f0-9]{32}$/),
  startUrl: z.string(),
  region: z.string(),
  /** When the access token expires (a new sign-in is needed after that, unless it refreshes). */
  expiresAt: z.string(),
});
export type SsoLoginHandle = z.infer<typeof SsoLoginHandle>;

export const SsoLoginId = SsoLoginHandle.shape.loginId;
const AccountId = z.string().regex(/^\d{12}$/, 'an AWS account id has 12 digits');
/** IAM role names (permission sets): 1-64 of letters, digits and +=,.@_- */
const RoleName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\w+=,.@-]+$/, 'role names contain letters, digits and +=,.@_- only');
const PortalCursor = z.string().min(1).max(4096);

export const SsoAccountsInput = z.object({ loginId: SsoLoginId, cursor: PortalCursor.optional() }).strict();
export const SsoRolesInput = z
  .object({ loginId: SsoLoginId, accountId: AccountId, cursor: PortalCursor.optional() })
  .strict();

export const SsoAccount = z.object({
  accountId: z.string(),
  accountName: z.string(),
  emailAddress: z.string().optional(),
});
export type SsoAccount = z.infer<typeof SsoAccount>;
export const SsoAccountPage = z.object({ accounts: z.array(SsoAccount), nextCursor: z.string().optional() });
export type SsoAccountPage = z.infer<typeof SsoAccountPage>;

export const SsoRolePage = z.object({
  roles: z.array(z.object({ roleName: z.string() })),
  nextCursor: z.string().optional(),
});
export type SsoRolePage = z.infer<typeof SsoRolePage>;

export const SsoUseInput = z
  .object({
    loginId: SsoLoginId,
    accountId: AccountId,
    roleName: RoleName,
    /** Shown with the account in the identity banner. */
    accountName: z.string().max(256).optional(),
    /** The region the session's calls default to. */
    region: Region.optional(),
  })
  .strict();

export const StaticKeysInput = z
  .object({
    accessKeyId: z
      .string()
      .trim()
      .max(128, 'an access key id is 20 characters')
      .regex(/^(AKIA|ASIA)[A-Z0-9]{12,124}$/, 'an access key id starts with AKIA or ASIA, in capitals and digits'),
    secretAccessKey: z
      .string()
      .trim()
      .min(16, 'a secret access key is 40 characters')
      .max(128, 'a secret access key is 40 characters')
      .regex(/^[A-Za-z0-9/+=]+$/, 'a secret access key contains letters, digits and /+= only'),
    sessionToken: z
      .string()
      .trim()
      .max(4096, 'a session token is at most 4096 characters')
      .regex(/^[A-Za-z0-9/+=]*$/, 'a session token contains letters, digits and /+= only')
      .optional(),
    region: Region.optional(),
  })
  .strict();
export type StaticKeysInput = z.infer<typeof StaticKeysInput>;

/** The name the app gives a sign-in held in memory: used like a profile name, never written. */
export const InAppSessionName = AwsProfileName.refine((name) => name.startsWith('signed-in:'), 'not an in-app sign-in');
export const InAppSession = z.object({
  profile: InAppSessionName,
  /** Where the credentials came from, in words. */
  label: z.string(),
  kind: z.enum(['sso', 'keys']),
});
export type InAppSession = z.infer<typeof InAppSession>;

/** An [sso-session] name: what the AWS CLI accepts in a section header. */
export const SsoSessionName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.+@-]+$/, 'session names contain letters, digits and _.+@- only');

/**
 * A profile name the app writes: one the SDK's loader reads back in a `[profile NAME]` header
 * (letters, digits and _-@+.%:/ only) and the CLI accepts.
 */
export const NewProfileName = z
  .string()
  .trim()
  .min(1, 'enter a name for the profile')
  .max(128, 'a profile name is at most 128 characters')
  .regex(/^[A-Za-z0-9_@+.%:/-]+$/, 'profile names may contain letters, digits and _-@+.%:/ only')
  .refine((name) => !name.startsWith('signed-in:') && name !== '__proto__', 'choose another name');

export const SaveProfileInput = z
  .object({
    /** The in-app sign-in to save. */
    from: InAppSessionName,
    name: NewProfileName,
    /** For SSO: the [sso-session] section's name (an existing one with the same URL is reused). */
    ssoSession: SsoSessionName.optional(),
    region: Region.optional(),
  })
  .strict();
export type SaveProfileInput = z.infer<typeof SaveProfileInput>;

export const SavedProfile = z.object({
  profile: z.string(),
  /** The files written, with what was added to each (section names). */
  written: z.array(z.object({ file: z.string(), sections: z.array(z.string()) })),
  /** What to run for the AWS CLI to use the profile ("aws sso login --profile NAME"), when anything. */
  cliHint: z.string().optional(),
});
export type SavedProfile = z.infer<typeof SavedProfile>;
