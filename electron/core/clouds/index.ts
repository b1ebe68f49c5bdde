/**
 * The clouds this build knows, each as its setup provider. The one place in the core that
 * lists them: dispatch and the setup handlers route by the `cloud` of a request.
 *
 * Each provider (and the cloud SDKs under it) is loaded on the first call for its cloud, never
 * when the app starts; only its error mapping, which has no SDK in it, is loaded up front.
 */
import { awsErrorToApiError } from '../../../provisioners/aws/errors';
import type { AnySetupProvider } from '../../../provisioners/core/provider';
import type { CloudId } from '../../../provisioners/core/setup.schema';
import type { AwsSessions } from '../aws/session';
import { azureErrorToApiError } from '../../../provisioners/azure/errors';
import type { AzureSessions } from '../azure/session';
import type { CloudErrorMapper } from '../errors';

export interface CloudEntry {
  /** The cloud's provider, loaded (once) on first use. */
  provider(): Promise<AnySetupProvider>;
  toError: CloudErrorMapper;
}

export type ProviderRegistry = Partial<Record<CloudId, CloudEntry>>;

export interface CloudSessions {
  aws: AwsSessions;
  azure: AzureSessions;
}

/** A cloud whose provider module is imported when it is first asked for. */
export function lazyCloud(load: () => Promise<AnySetupProvider>, toError: CloudErrorMapper): CloudEntry {
  let loaded: Promise<AnySetupProvider> | undefined;
  return {
    provider: () =>
      (loaded ??= load().catch((error: unknown) => {
        loaded = undefined;
        throw error;
      })),
    toError,
  };
}

export function createProviders(
  sessions: CloudSessions,
  thumbprints: (issuer: string) => Promise<string[]>,
): ProviderRegistry {
  return {
    aws: lazyCloud(
      async () => (await import('./aws')).awsProvider(sessions.aws, thumbprints) as AnySetupProvider,
      awsErrorToApiError,
    ),
    azure: lazyCloud(
      async () =>
        (await import('./azure')).azureProvider(
          (tenantId) => sessions.azure.credentialFor(tenantId),
          sessions.azure.options,
        ),
      azureErrorToApiError,
    ),
  };
}
