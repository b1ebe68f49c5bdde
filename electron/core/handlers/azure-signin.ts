/**
 * Azure sign-in: the Azure CLI's session (offered first), the system browser, or a device code
 * shown in the app. Every sign-in runs as an operation (cancellable; the device code arrives as
 * a prompt event); its result is the identity. Tokens never leave this process.
 */
import type { AppContract, AzureIdentity, AzureTenant } from '../../contract';
import { cliStatus, type AzureSessions, type AzureSignIn } from '../azure/session';
import type { AzureDiscovery } from '../clouds/azure-discovery';
import type { HandlersOf } from '../dispatch';
import type { OperationRegistry } from '../operations/registry';

type SignInHandlers = Pick<
  HandlersOf<AppContract>,
  'azure.cli.status' | 'azure.signIn' | 'azure.whoami' | 'azure.signOut' | 'azure.subscriptions.list'
>;

/** Entra device codes are valid for 15 minutes. */
const DEVICE_CODE_LIFETIME_MS = 15 * 60_000;

const METHOD_TITLES = {
  cli: 'Use the Azure CLI session',
  browser: 'Sign in to Azure in the browser',
  deviceCode: 'Sign in to Azure with a device code',
} as const;

/** Who signed in, with the tenant's name and the other tenants the account reaches. */
async function identityOf(
  signIn: AzureSignIn,
  discovery: AzureDiscovery,
  signal?: AbortSignal,
): Promise<AzureIdentity> {
  const [tenants, me] = await Promise.all([
    discovery.tenants(signIn.credential, signal).catch((): AzureTenant[] => []),
    discovery.me(signIn.credential, signal).catch(() => undefined),
  ]);
  const tenant = tenants.find((t) => t.tenantId.toLowerCase() === signIn.tenantId) ?? { tenantId: signIn.tenantId };
  const displayName = me?.displayName ?? signIn.claims.displayName;
  const upn = me?.userPrincipalName ?? (signIn.claims.userPrincipalName || undefined);
  return {
    method: signIn.method,
    user: {
      id: me?.id ?? signIn.claims.objectId,
      ...(upn ? { userPrincipalName: upn } : {}),
      ...(displayName ? { displayName } : {}),
    },
    tenant,
    tenants: tenants.length ? tenants : [tenant],
  };
}

export function azureSignInHandlers(
  sessions: AzureSessions,
  discovery: AzureDiscovery,
  operations: OperationRegistry,
): SignInHandlers {
  return {
    async 'azure.cli.status'(_input, ctx) {
      return cliStatus(sessions.options, ctx.signal);
    },

    async 'azure.signIn'({ method, tenantId }) {
      const snapshot = operations.start({
        kind: 'sign-in',
        title: METHOD_TITLES[method],
        cancelMeaning: 'Cancelling stops waiting for the sign-in; nothing is stored.',
        context: { cloud: 'azure', method },
        async *body(signal) {
          const prompts: { userCode: string; verificationUri: string }[] = [];
          let wake: (() => void) | undefined;
          const pending = sessions.signIn(method, {
            tenantId,
            signal,
            onDeviceCode: (info) => {
              prompts.push({ userCode: info.userCode, verificationUri: info.verificationUri });
              wake?.();
            },
          });
          let settled = false;
          void pending.then(
            () => ((settled = true), wake?.()),
            () => ((settled = true), wake?.()),
          );
          if (method === 'browser')
            yield { type: 'log', level: 'info', message: 'Waiting for the sign-in in your browser…' };
          while (!settled) {
            const next = prompts.shift();
            if (next) {
              yield {
                type: 'prompt',
                kind: 'sso-device-code',
                userCode: next.userCode,
                verificationUri: next.verificationUri,
                expiresAt: new Date(Date.now() + DEVICE_CODE_LIFETIME_MS).toISOString(),
              };
              continue;
            }
            await new Promise<void>((resolve) => (wake = resolve));
            wake = undefined;
          }
          return identityOf(await pending, discovery, signal);
        },
      });
      return { operationId: snapshot.operationId, cancelMeaning: snapshot.cancelMeaning, cancellable: true };
    },

    async 'azure.whoami'(_input, ctx) {
      return identityOf(sessions.current, discovery, ctx.signal);
    },

    async 'azure.signOut'() {
      const was = !!sessions.signedIn;
      sessions.signOut();
      return { signedOut: was };
    },

    async 'azure.subscriptions.list'({ tenantId }, ctx) {
      return discovery.subscriptions(sessions.credentialFor(tenantId), tenantId, ctx.signal);
    },
  };
}
