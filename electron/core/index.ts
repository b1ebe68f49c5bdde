import { methods } from '../contract';
import { checkIssuer } from '../../provisioners/core/issuer';
import { createNetwork } from '../../provisioners/core/net/proxy-agent';
import type { HttpOptions } from './aws/http-handler';
import { AwsSessions } from './aws/session';
import { AzureSessions, type AzureSessionOptions } from './azure/session';
import { azureDiscovery } from './clouds/azure-discovery';
import { createProviders } from './clouds';
import { createDispatcher, type Dispatch } from './dispatch';
import { appHandlers } from './handlers/app';
import type { SignInHereHandlers } from './handlers/aws-sign-in-here';
import { checkHandlers } from './handlers/checks';
import type { DiscoveryHandlers } from './handlers/aws-discovery';
import type { IdentityHandlers } from './handlers/aws-identity';
import { lazyHandlers } from './handlers/lazy';
import { azureDiscoveryHandlers } from './handlers/azure-discovery';
import { azureSignInHandlers } from './handlers/azure-signin';
import { operationHandlers } from './handlers/operations';
import { PlanStore, setupHandlers, type SetupHandlerOptions } from './handlers/setup';
import { OperationRegistry } from './operations/registry';
import type { CoreServices } from './services';
import { UNINTERRUPTIBLE, UpdateService } from './updates/service';

export interface Core {
  dispatch: Dispatch;
  operations: OperationRegistry;
  shutdown(): Promise<void>;
}

export interface CoreOptions extends SetupHandlerOptions {
  /** How AWS clients reach AWS: agents and timeouts (tests shorten them). */
  awsHttp?: HttpOptions;
  /** How Azure clients reach Azure (tests may pass the peer's pipeline options). */
  azure?: AzureSessionOptions;
}

/** The composition root of everything both shells share. No electron import below this line. */
export function createCore(services: CoreServices, options: CoreOptions = {}): Core {
  // How traffic leaves the machine: the company proxy (environment or system) and AWS_CA_BUNDLE.
  const network = createNetwork({
    env: services.env,
    ...(services.systemProxy ? { systemProxy: (url: string) => services.systemProxy!(url) } : {}),
  });
  const agents = network.awsAgents();
  const sessions = {
    aws: new AwsSessions(services.env, { ...(agents ? { agents } : {}), ...options.awsHttp }),
    azure: new AzureSessions(services.env, options.azure),
  };
  // Azure's pipeline follows HTTPS_PROXY by itself (core-rest-pipeline's proxy policy).
  const azure = azureDiscovery(options.azure);
  // The issuer check goes through the company proxy too (tests may point it elsewhere).
  const issuerTarget = { tunnel: network.tunnel, ...options.issuerTarget };
  const providers = createProviders(sessions, async (issuer) => (await checkIssuer(issuer, issuerTarget)).thumbprints);
  const cloudErrors = Object.values(providers).map((p) => p.toError);
  const operations = new OperationRegistry({ cloudErrors });
  const updates = new UpdateService(services.updater, {
    busy: () => operations.list().find((op) => op.status === 'running' && UNINTERRUPTIBLE.has(op.kind))?.title,
    log: services.log,
  });
  updates.start();
  const plans = new PlanStore(providers);
  const dispatch = createDispatcher(
    methods,
    {
      ...appHandlers(services, updates),
      ...setupHandlers(providers, operations, { ...options, issuerTarget }, plans),
      ...checkHandlers(providers),
      ...operationHandlers(operations),
      // Loaded with their first call: they bring the AWS SDKs.
      ...lazyHandlers<IdentityHandlers>({ 'aws.whoami': true, 'aws.signIn': true }, async () =>
        (await import('./handlers/aws-identity')).awsIdentityHandlers(sessions.aws),
      ),
      ...lazyHandlers<DiscoveryHandlers>(
        {
          'aws.profiles.list': true,
          'aws.sso.login': true,
          'aws.regions.list': true,
          'aws.zones.list': true,
          'aws.buckets.list': true,
          'aws.buckets.check': true,
          'aws.secrets.list': true,
          'aws.secrets.check': true,
          'aws.nodePools.check': true,
        },
        async () => (await import('./handlers/aws-discovery')).awsDiscoveryHandlers(sessions.aws, operations, services),
      ),
      ...lazyHandlers<SignInHereHandlers>(
        {
          'aws.sso.start': true,
          'aws.sso.accounts': true,
          'aws.sso.roles': true,
          'aws.sso.use': true,
          'aws.keys.use': true,
          'aws.profile.save': true,
        },
        async () =>
          (await import('./handlers/aws-sign-in-here')).awsSignInHereHandlers(sessions.aws, operations, services),
      ),
      // Azure's handlers load the provisioner and its SDKs on their first call (see azure/session.ts).
      ...azureSignInHandlers(sessions.azure, azure, operations),
      ...azureDiscoveryHandlers(sessions.azure, azure),
    },
    (method, error) => services.log.error(`internal error in ${method}`, { error: String(error) }),
    cloudErrors,
  );
  return {
    dispatch,
    operations,
    shutdown: async () => {
      updates.stop();
      // Plans never deployed leave nothing behind: their change sets (and empty review stacks) go.
      await Promise.all([operations.shutdown(), plans.discardAll()]);
      sessions.aws.close();
    },
  };
}

export type { CoreServices } from './services';
