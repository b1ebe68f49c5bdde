/**
 * The clouds this build knows, each as its setup provider. The one place in the core that
 * lists them: dispatch and the setup handlers route by the `cloud` of a request.
 */
import type { AnySetupProvider } from '../../../provisioners/core/provider';
import type { CloudId } from '../../../provisioners/core/setup.schema';
import type { AwsSessions } from '../aws/session';
import type { AzureSessions } from '../azure/session';
import { awsProvider } from './aws';
import { azureProvider } from './azure';

export type ProviderRegistry = Partial<Record<CloudId, AnySetupProvider>>;

export interface CloudSessions {
  aws: AwsSessions;
  azure: AzureSessions;
}

export function createProviders(
  sessions: CloudSessions,
  thumbprints: (issuer: string) => Promise<string[]>,
): ProviderRegistry {
  return {
    aws: awsProvider(sessions.aws, thumbprints),
    azure: azureProvider((tenantId) => sessions.azure.credentialFor(tenantId), sessions.azure.options),
  };
}
