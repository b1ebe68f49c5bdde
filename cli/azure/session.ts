/**
 * Azure for a command: the Azure CLI's session (`az login`), the tenant from --tenant (else
 * AZURE_TENANT_ID, else the one az is signed in to) and the subscription from --subscription
 * (else AZURE_SUBSCRIPTION_ID, else the tenant's only enabled subscription). The core holds the
 * credential, as it does for the app's sign-in; tokens never reach the command's output.
 */
import type { AzureIdentity, AzureSubscription } from '../../electron/contract';
import { flag, UsageError } from '../args';
import { CliError, type Context } from '../context';
import { EXIT } from '../exit-codes';

export interface AzureScope {
  identity: AzureIdentity;
  tenantId: string;
  subscriptionId: string;
}

const signedIn = new WeakMap<Context, Promise<AzureIdentity>>();

/** Sign in with the Azure CLI session (once per command). */
export function azureSignIn(ctx: Context): Promise<AzureIdentity> {
  let pending = signedIn.get(ctx);
  if (!pending) {
    const tenantId = flag(ctx.args, 'tenant') ?? ctx.io.env.AZURE_TENANT_ID;
    pending = (async () => {
      try {
        const started = await ctx.call('azure.signIn', { method: 'cli', ...(tenantId ? { tenantId } : {}) });
        return (await ctx.follow(started, { quiet: true })) as AzureIdentity;
      } catch (error) {
        if (error instanceof CliError && error.exitCode !== EXIT.usage && error.exitCode !== EXIT.cancelled)
          throw new CliError(
            error.message,
            EXIT.credentials,
            'Sign in with the Azure CLI first: az login (add --tenant for another tenant).',
            error.code,
          );
        throw error;
      }
    })();
    signedIn.set(ctx, pending);
  }
  return pending;
}

/** The tenant and subscription a command works in. */
export async function azureScope(ctx: Context): Promise<AzureScope> {
  const identity = await azureSignIn(ctx);
  const tenantId = identity.tenant.tenantId.toLowerCase();
  let subscriptionId = (flag(ctx.args, 'subscription') ?? ctx.io.env.AZURE_SUBSCRIPTION_ID)?.toLowerCase();
  if (!subscriptionId) {
    const subs = await ctx.call<AzureSubscription[]>('azure.subscriptions.list', { tenantId });
    const enabled = subs.filter((s) => s.enabled);
    if (enabled.length !== 1)
      throw new UsageError(
        enabled.length
          ? `Which subscription? Give --subscription: ${enabled.map((s) => `${s.subscriptionId} (${s.displayName})`).join(', ')}.`
          : 'The tenant has no enabled subscription this account can use.',
      );
    subscriptionId = enabled[0]!.subscriptionId.toLowerCase();
  }
  return { identity, tenantId, subscriptionId };
}
