/**
 * Save an in-app sign-in as a profile the AWS CLI reads: an IAM Identity Center role as an
 * `[sso-session]` and a `[profile]` in ~/.aws/config (no token: `aws sso login` gets one), or typed
 * keys in ~/.aws/credentials (mode 0600). Only when the user asks; existing sections, comments and
 * other profiles are left as they were, and a name that is taken is refused, never overwritten.
 */
import { getHomeDir } from '@smithy/shared-ini-file-loader';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, realpath, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_SSO_SCOPES } from '../../../provisioners/aws/sign-in.schema';
import { editIni, readIniSections, sectionKey, type IniSectionEdit } from '../../../provisioners/aws/ini-edit';
import { ApiError, type SavedProfile } from '../../contract';
import type { InAppOrigin } from './session';

type Env = Readonly<Record<string, string | undefined>>;

export function awsConfigFiles(env: Env): { config: string; credentials: string } {
  const home = getHomeDir();
  return {
    config: env.AWS_CONFIG_FILE ?? path.join(home, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, '.aws', 'credentials'),
  };
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/**
 * Write through a temporary file in the same folder, so a crash never leaves half a file. A
 * symlinked file (dotfiles) is written where it points. `mode` is forced (credentials: 0600);
 * otherwise an existing file keeps its mode and a new one gets 0600.
 */
async function writeAtomically(file: string, text: string, mode?: number): Promise<void> {
  const target = await realpath(file).catch(() => file);
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const existing = await stat(target).catch(() => undefined);
  const finalMode = mode ?? (existing ? existing.mode & 0o777 : 0o600);
  const partial = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(partial, text, { mode: finalMode });
  await chmod(partial, finalMode);
  await rename(partial, target);
}

const profileHeader = (name: string) => (name === 'default' ? 'default' : `profile ${name}`);

function taken(name: string, file: string): never {
  throw new ApiError('CONFLICT', `A profile called "${name}" already exists in ${file}.`, {
    hint: 'Choose another name: the app never changes a profile you already have.',
    fields: [{ path: 'name', message: 'this profile exists' }],
  });
}

/** A session name from the start URL (d-1234567890 from https://d-1234567890.awsapps.com/start). */
export function suggestedSsoSessionName(startUrl: string): string {
  const first = new URL(startUrl).hostname.split('.')[0] ?? '';
  const clean = first.replace(/[^A-Za-z0-9_.+@-]/g, '').slice(0, 64);
  return clean || 'datachain';
}

export interface SaveRequest {
  name: string;
  origin: InAppOrigin;
  region?: string;
  ssoSession?: string;
}

export async function saveProfile(env: Env, request: SaveRequest): Promise<SavedProfile> {
  const files = awsConfigFiles(env);
  const [configText, credentialsText] = await Promise.all([readText(files.config), readText(files.credentials)]);
  const config = readIniSections(configText);
  const credentials = readIniSections(credentialsText);
  const header = profileHeader(request.name);
  if (config.has(sectionKey(header))) taken(request.name, files.config);
  if (credentials.has(sectionKey(request.name))) taken(request.name, files.credentials);
  const { origin } = request;

  if (origin.kind === 'sso') {
    const session = request.ssoSession ?? suggestedSsoSessionName(origin.startUrl);
    const sessionHeader = `sso-session ${session}`;
    const existing = config.get(sectionKey(sessionHeader));
    const edits: IniSectionEdit[] = [];
    if (existing) {
      // The same portal under that name is reused; another one is never changed.
      if (existing.get('sso_start_url') !== origin.startUrl || existing.get('sso_region') !== origin.ssoRegion)
        throw new ApiError('CONFLICT', `${files.config} already has an sso-session "${session}" for another portal.`, {
          hint: 'Choose another session name.',
          fields: [{ path: 'ssoSession', message: 'this session name is used for another start URL' }],
        });
    } else {
      edits.push({
        header: sessionHeader,
        entries: [
          ['sso_start_url', origin.startUrl],
          ['sso_region', origin.ssoRegion],
          ['sso_registration_scopes', DEFAULT_SSO_SCOPES.join(',')],
        ],
      });
    }
    edits.push({
      header,
      entries: [
        ['sso_session', session],
        ['sso_account_id', origin.accountId],
        ['sso_role_name', origin.roleName],
        ...(request.region ? [['region', request.region] as [string, string]] : []),
      ],
    });
    await writeAtomically(files.config, editIni(configText, edits));
    return {
      profile: request.name,
      written: [{ file: files.config, sections: edits.map((e) => e.header) }],
      cliHint: `aws sso login --profile ${request.name}`,
    };
  }

  const keys: [string, string][] = [
    ['aws_access_key_id', origin.accessKeyId],
    ['aws_secret_access_key', origin.secretAccessKey],
    ...(origin.sessionToken ? [['aws_session_token', origin.sessionToken] as [string, string]] : []),
  ];
  await writeAtomically(files.credentials, editIni(credentialsText, [{ header: request.name, entries: keys }]), 0o600);
  const written: SavedProfile['written'] = [{ file: files.credentials, sections: [request.name] }];
  if (request.region) {
    // The region belongs in the config file, as `aws configure` puts it; no secret goes there.
    await writeAtomically(files.config, editIni(configText, [{ header, entries: [['region', request.region]] }]));
    written.push({ file: files.config, sections: [header] });
  }
  return { profile: request.name, written };
}
