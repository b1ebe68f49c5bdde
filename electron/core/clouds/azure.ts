/**
 * Azure's setup provider for the core, given credentials from the user's sign-in in this process
 * (electron/core/azure/session.ts). This module is imported by the registry (./index.ts) on the
 * first Azure setup call; the provisioner under it on the first call that needs it. An AWS user
 * never loads the Azure SDKs.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { PipelineOptions } from '@azure/core-rest-pipeline';
import { azureSecretReference } from '../../../provisioners/azure/config.schema';
import { azureErrorToApiError } from '../../../provisioners/azure/errors';
import type { AnySetupProvider, OperationPlan } from '../../../provisioners/core/provider';

type ProviderModule = typeof import('../../../provisioners/azure/provider');
type AzureProvider = import('../../../provisioners/azure/provider').AzureProvider;

/**
 * Azure's setup provider, given the user's sign-in in this process: a typed client per tenant,
 * made from the credential the core holds for it. The provider's module is imported on its first
 * use; the operations that must answer at once (attach, teardown) wait for it inside their run.
 */
export function azureProvider(
  credentialFor: (tenantId: string) => TokenCredential,
  options: { pipelineOptions?: PipelineOptions } = {},
): AnySetupProvider {
  let loaded: AzureProvider | undefined;
  let loading: Promise<AzureProvider> | undefined;
  const load = (): Promise<AzureProvider> =>
    (loading ??= Promise.all([
      import('../../../provisioners/azure/provider') as Promise<ProviderModule>,
      import('../../../provisioners/azure/client'),
    ]).then(([p, c]) => {
      loaded = p.createAzureProvider({
        client: (tenantId) =>
          c.createAzureHttp(
            credentialFor(tenantId),
            options.pipelineOptions ? { pipelineOptions: options.pipelineOptions } : {},
          ),
      });
      return loaded;
    }));
  /** An operation whose provider may still be loading: its run waits for it, then runs the provider's own. */
  const deferred = <R>(
    title: string,
    cancelMeaning: string,
    target: R,
    make: (p: AzureProvider) => OperationPlan<R, unknown>,
  ): OperationPlan<R, unknown> => {
    if (loaded) return make(loaded);
    return {
      title,
      cancellable: true,
      cancelMeaning,
      target,
      async *run(signal) {
        return yield* make(await load()).run(signal);
      },
    };
  };
  return {
    cloud: 'azure',
    // Known without loading the provider: Azure grants a Key Vault as a whole.
    features: new Set(['vaultLevelSecretGrant']),
    plan: async (account, config, o) => (await load()).plan(account, config, o),
    discard: async (d) => (await load()).discard(d),
    deploy: (d) => {
      if (!loaded) throw new Error('Azure deploy before any Azure plan');
      return loaded.deploy(d);
    },
    attach: (ref, o) =>
      deferred('Follow the Azure setup', 'Stops following; nothing runs again.', ref, (p) => p.attach(ref, o)),
    teardown: (ref, options) =>
      deferred(
        'Tear down the Azure setup',
        'Stops after the object being deleted; what is left can be torn down again.',
        ref,
        (p) => p.teardown(ref, options),
      ),
    outputs: async (ref, signal) => (await load()).outputs(ref, signal),
    readConfig: async (ref, signal) => (await load()).readConfig(ref, signal),
    list: async (account, signal) => (await load()).list(account, signal),
    secretReference: (s) => azureSecretReference(s.envName, s.id, s.key),
    toError: azureErrorToApiError,
    handoff: async (account, config, o) => (await load()).handoff!(account, config, o),
    doctor: async (ref, signal) => (await load()).doctor!(ref, signal),
    repair: async (ref, remedy, signal) => (await load()).repair!(ref, remedy, signal),
  };
}
