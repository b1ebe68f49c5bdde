/**
 * The profiles in ~/.aws/config and ~/.aws/credentials, each labelled by how it gets
 * credentials. Plain data in, plain data out: secrets (keys, commands) are never copied.
 */
import type { ProfileKind, ProfileSummary, SsoSettings } from './discovery.schema';

export type IniSection = Record<string, string | undefined>;
export type IniFile = Record<string, IniSection>;

const KIND_LABEL: Record<ProfileKind, string> = {
  static: 'Access keys',
  sso: 'IAM Identity Center (SSO)',
  'assume-role': 'Assumed role',
  'credential-process': 'External process',
  'web-identity': 'Web identity token',
  login: 'AWS console sign-in (aws login)',
  incomplete: 'Incomplete profile',
};

export function kindLabel(kind: ProfileKind): string {
  return KIND_LABEL[kind];
}

function ssoSettings(profile: IniSection, sessions: IniFile): SsoSettings | undefined {
  const sessionName = profile.sso_session;
  const session = sessionName ? sessions[sessionName] : undefined;
  const startUrl = session?.sso_start_url ?? profile.sso_start_url;
  const region = session?.sso_region ?? profile.sso_region;
  if (!startUrl || !region) return undefined;
  const scopes = session?.sso_registration_scopes
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    startUrl,
    region,
    ...(sessionName ? { session: sessionName } : {}),
    ...(scopes?.length ? { scopes } : {}),
    ...(profile.sso_account_id ? { accountId: profile.sso_account_id } : {}),
    ...(profile.sso_role_name ? { roleName: profile.sso_role_name } : {}),
  };
}

/** Classify one profile the way the SDK's fromIni resolves it (web identity, role, SSO, process, keys). */
export function summarizeProfile(
  name: string,
  config: IniSection = {},
  credentials: IniSection = {},
  sessions: IniFile = {},
): ProfileSummary {
  const found = classifyProfile(name, config, credentials, sessions);
  return { ...found, kindLabel: kindLabel(found.kind) };
}

function classifyProfile(
  name: string,
  config: IniSection,
  credentials: IniSection,
  sessions: IniFile,
): Omit<ProfileSummary, 'kindLabel'> {
  const merged: IniSection = { ...config, ...credentials };
  const files: ProfileSummary['files'] = [
    ...(Object.keys(config).length ? ['config' as const] : []),
    ...(Object.keys(credentials).length ? ['credentials' as const] : []),
  ];
  const base = { name, files, ...(merged.region ? { region: merged.region } : {}) };
  if (merged.role_arn && merged.web_identity_token_file && !merged.source_profile && !merged.credential_source) {
    return {
      ...base,
      kind: 'web-identity',
      description: `Assumes ${merged.role_arn} with a web identity token file`,
      roleArn: merged.role_arn,
    };
  }
  if (merged.role_arn) {
    const from = merged.source_profile
      ? `profile ${merged.source_profile}`
      : merged.credential_source
        ? `${merged.credential_source}`
        : 'no source';
    return {
      ...base,
      kind: merged.source_profile || merged.credential_source ? 'assume-role' : 'incomplete',
      description: `Assumes ${merged.role_arn} using ${from}${merged.mfa_serial ? ', with an MFA code' : ''}`,
      roleArn: merged.role_arn,
      ...(merged.source_profile ? { sourceProfile: merged.source_profile } : {}),
      ...(merged.mfa_serial ? { mfaSerial: merged.mfa_serial } : {}),
    };
  }
  if (merged.web_identity_token_file)
    return { ...base, kind: 'web-identity', description: 'A web identity token file' };
  if (merged.sso_session || merged.sso_start_url || merged.sso_account_id) {
    const sso = ssoSettings(merged, sessions);
    if (!sso)
      return {
        ...base,
        kind: 'incomplete',
        description: 'SSO settings are incomplete (start URL or SSO region missing)',
      };
    const who = sso.accountId && sso.roleName ? `${sso.roleName} in ${sso.accountId}` : 'a role';
    return { ...base, kind: 'sso', description: `IAM Identity Center: ${who} via ${sso.startUrl}`, sso };
  }
  if (merged.credential_process)
    return {
      ...base,
      kind: 'credential-process',
      description: 'Credentials from an external command (credential_process)',
    };
  if (merged.aws_access_key_id && merged.aws_secret_access_key) {
    const temporary = merged.aws_session_token ? ' (temporary, with a session token)' : '';
    return {
      ...base,
      kind: 'static',
      description: `Access key ${merged.aws_access_key_id.slice(0, 4)}…${merged.aws_access_key_id.slice(-4)}${temporary}`,
    };
  }
  if (merged.login_session) return { ...base, kind: 'login', description: 'Signed in with aws login' };
  return { ...base, kind: 'incomplete', description: 'No credentials configured in this profile' };
}

export function summarizeProfiles(
  configFile: IniFile,
  credentialsFile: IniFile,
  ssoSessions: IniFile,
): ProfileSummary[] {
  const names = [...new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)])].filter(
    (n) => !n.includes('.') || n.startsWith('profile'),
  );
  return names
    .sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)))
    .map((name) => summarizeProfile(name, configFile[name], credentialsFile[name], ssoSessions));
}
