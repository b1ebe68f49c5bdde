import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { getHomeDir } from '@smithy/shared-ini-file-loader';
import { checkBucket, listBucketsPage } from '../../../provisioners/aws/buckets';
import { describeKey } from '../../../provisioners/aws/kms';
import { checkNodePools } from '../../../provisioners/aws/node-pools';
import { listSecretsPage } from '../../../provisioners/aws/secrets';
import { ssoCacheFile, ssoDeviceLogin, writeSsoToken } from '../../../provisioners/aws/sso-login';
import { clusterZones, enabledRegions } from '../../../provisioners/aws/zones';
import { ApiError, type AppContract } from '../../contract';
import { lazy, ssoOidcClient, withRegionalClients, type RegionalClients } from '../aws/clients';
import { findProfile, listProfiles } from '../aws/profiles';
import type { AwsSessions } from '../aws/session';
import type { HandlersOf } from '../dispatch';
import type { OperationRegistry } from '../operations/registry';
import type { CoreServices } from '../services';

export type DiscoveryHandlers = Pick<
  HandlersOf<AppContract>,
  | 'aws.profiles.list'
  | 'aws.sso.login'
  | 'aws.regions.list'
  | 'aws.zones.list'
  | 'aws.buckets.list'
  | 'aws.buckets.check'
  | 'aws.secrets.list'
  | 'aws.secrets.check'
  | 'aws.nodePools.check'
>;

export function awsDiscoveryHandlers(
  sessions: AwsSessions,
  operations: OperationRegistry,
  services: Pick<CoreServices, 'openExternal' | 'runtime'>,
): DiscoveryHandlers {
  /** The session's clients, held for one call. */
  const withClients = <T>(profile: string | undefined, use: (clients: RegionalClients) => Promise<T>): Promise<T> =>
    withRegionalClients(sessions.get({ profile }), use);

  return {
    async 'aws.profiles.list'() {
      return listProfiles(sessions.env);
    },

    async 'aws.sso.login'({ profile }) {
      const summary = await findProfile(profile);
      if (!summary)
        throw new ApiError('NOT_FOUND', `There is no AWS profile called "${profile}".`, {
          fields: [{ path: 'profile', message: 'unknown profile' }],
        });
      const sso = summary.sso;
      if (summary.kind !== 'sso' || !sso) {
        throw new ApiError('INVALID_INPUT', `The profile "${profile}" does not use IAM Identity Center.`, {
          fields: [{ path: 'profile', message: 'not an SSO profile' }],
        });
      }
      const cacheFile = ssoCacheFile(getHomeDir(), sso);
      const snapshot = operations.start({
        kind: 'sign-in',
        title: `Sign in to IAM Identity Center for ${profile}`,
        cancelMeaning: 'Cancelling stops waiting for the code to be confirmed; nothing is stored.',
        context: { profile },
        async *body(signal) {
          const oidc = await ssoOidcClient(sso.region, sessions.http);
          try {
            // The desktop app opens the page in the system browser; in a browser tab the screen links to it.
            const openUrl = services.runtime === 'electron' ? (url: string) => services.openExternal(url) : undefined;
            const token = yield* ssoDeviceLogin(oidc, sso, { signal, ...(openUrl ? { openUrl } : {}) });
            await writeSsoToken(cacheFile, token);
            sessions.renew(profile);
            return { profile, expiresAt: token.expiresAt, cacheFile };
          } finally {
            oidc.destroy();
          }
        },
      });
      return { operationId: snapshot.operationId, cancelMeaning: snapshot.cancelMeaning, cancellable: true };
    },

    async 'aws.regions.list'({ profile }, ctx) {
      return withClients(profile, async (c) => enabledRegions(await c.ec2(), ctx.signal));
    },

    async 'aws.zones.list'({ profile, region }, ctx) {
      return withClients(profile, async (c) => clusterZones(await c.ec2(region), ctx.signal));
    },

    async 'aws.buckets.list'({ profile, cursor, prefix, pageSize }, ctx) {
      return withClients(profile, async (c) =>
        listBucketsPage(await c.s3(), {
          ...(cursor ? { cursor } : {}),
          ...(prefix ? { prefix } : {}),
          ...(pageSize ? { pageSize } : {}),
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        }),
      );
    },

    async 'aws.buckets.check'({ profile, name, region }, ctx) {
      return withClients(profile, async (c) => {
        const home = region ?? (await sessions.get({ profile }).clientConfig()).region;
        // Clients for the bucket's own region are made when checkBucket learns it (and cached).
        return checkBucket(
          (r) => lazy(() => c.s3(r)),
          (r) => lazy(() => c.kms(r)),
          name,
          home,
          ctx.signal,
        );
      });
    },

    async 'aws.secrets.list'({ profile, region, cursor, namePrefix }, ctx) {
      return withClients(profile, async (c) =>
        listSecretsPage(await c.secrets(region), {
          ...(cursor ? { cursor } : {}),
          ...(namePrefix ? { namePrefix } : {}),
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        }),
      );
    },

    async 'aws.secrets.check'({ profile, arn }, ctx) {
      const region = arn.split(':')[3]!;
      return withClients(profile, async (c) => {
        try {
          const secret = await (
            await c.secrets(region)
          ).send(new DescribeSecretCommand({ SecretId: arn }), { abortSignal: ctx.signal });
          const kms = secret.KmsKeyId ? await describeKey(await c.kms(region), secret.KmsKeyId, ctx.signal) : undefined;
          return { arn, exists: true, ...(secret.Name ? { name: secret.Name } : {}), ...(kms ? { kms } : {}) };
        } catch (error) {
          if ((error as Error).name === 'ResourceNotFoundException') return { arn, exists: false };
          throw error;
        }
      });
    },

    async 'aws.nodePools.check'({ profile, region, zones, pools }, ctx) {
      return withClients(profile, async (c) =>
        checkNodePools(
          { ec2: await c.ec2(region), serviceQuotas: await c.serviceQuotas(region) },
          region,
          zones,
          pools,
          ctx.signal,
        ),
      );
    },
  };
}
