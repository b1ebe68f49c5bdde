/**
 * The clouds this build knows, each as its setup provider. The one place in the core that
 * lists them: dispatch and the setup handlers route by the `cloud` of a request.
 */
import type { AnySetupProvider } from '../../../provisioners/core/provider';
import type { CloudId } from '../../../provisioners/core/setup.schema';
import type { AwsSessions } from '../aws/session';
import { awsProvider } from './aws';

export type ProviderRegistry = Partial<Record<CloudId, AnySetupProvider>>;

export interface CloudSessions {
  aws: AwsSessions;
}

export function createProviders(
  sessions: CloudSessions,
  thumbprints: (issuer: string) => Promise<string[]>,
): ProviderRegistry {
  return { aws: awsProvider(sessions.aws, thumbprints) };
}
