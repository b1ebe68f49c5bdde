/** AWS for the core: its provider, given clients made from the user's sessions in this process. */
import { getCallerIdentity } from '../../../provisioners/aws/identity';
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
    withDoctorClients: (profile, region, use) =>
      withRegionalClients(session(profile), (c) =>
        use({
          iam: lazy(() => c.iam()),
          cloudformation: lazy(() => c.cloudformation(region)),
          s3: () => lazy(() => c.s3(region)),
          secrets: (r) => lazy(() => c.secrets(r)),
          kms: (r) => lazy(() => c.kms(r)),
        }),
      ),
    accountId: (profile) => session(profile).accountId(),
    callerArn: (profile) =>
      withRegionalClients(session(profile), async (c) => (await getCallerIdentity(await c.sts())).arn),
    thumbprints,
  });
}
