import { getHomeDir, loadSharedConfigFiles, loadSsoSessionData } from '@smithy/shared-ini-file-loader';
import path from 'node:path';
import { summarizeProfiles, type IniFile } from '../../../provisioners/aws/profiles';
import type { ProfileSummary } from '../../../provisioners/aws/discovery.schema';
import type { ProfileListing } from '../../contract';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Read the AWS config files afresh (they change while the app runs: `aws configure`, `aws sso
 * login`). The SDK's loader finds them through AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE.
 */
async function loadProfiles(): Promise<ProfileSummary[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const ssoSessions = (await loadSsoSessionData().catch(() => ({}))) as IniFile;
  return summarizeProfiles(configFile as IniFile, credentialsFile as IniFile, ssoSessions);
}

export async function findProfile(name: string): Promise<ProfileSummary | undefined> {
  return (await loadProfiles()).find((p) => p.name === name);
}

export async function listProfiles(env: Env): Promise<ProfileListing> {
  const profiles = await loadProfiles();
  const home = getHomeDir();
  const defaultProfile = env.AWS_PROFILE ?? 'default';
  const defaultRegion = env.AWS_REGION ?? profiles.find((p) => p.name === defaultProfile)?.region;
  return {
    profiles,
    ...(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          environment: {
            label: `Environment variables (access key …${env.AWS_ACCESS_KEY_ID.slice(-4)})`,
            temporary: !!env.AWS_SESSION_TOKEN,
          },
        }
      : {}),
    defaultProfile,
    ...(defaultRegion ? { defaultRegion } : {}),
    configFile: env.AWS_CONFIG_FILE ?? path.join(home, '.aws', 'config'),
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, '.aws', 'credentials'),
  };
}
