/** AWS for the core: its provider, given clients made from the user's sessions in this process. */
import { createAwsProvider, type AwsProvider } from '../../../provisioners/aws/provider';
import { awsClients, lazy, withAwsClients, withRegionalClients } from '../aws/clients';
import type { AwsSessions } from '../aws/session';

export function awsProvider(sessions: AwsSessions, thumbprints: (issuer: string) => Promise<string[]>): AwsProvider {
  const session = (profile: string | undefined) => sessions.get({ profile });
  return createAwsProvider({
    withClients: (profile, region, use) => withAwsClients(session(profile), region, use),
    openClients: async (profile, region) => awsClients(session(profile), region),
    withRegional: (profile, use) =>
      withRegionalClients(session(profile), (c) =>
        use({ ec2: () => c.ec2(), cloudformation: (region) => lazy(() => c.cloudformation(region)) }),
      ),
    accountId: (profile) => session(profile).accountId(),
    thumbprints,
  });
}
