/**
 * Azure for a command: the Azure CLI's session (`az login`), or with --device-code a device code
 * for this command alone; the tenant from --tenant (else AZURE_TENANT_ID, else the one az is
 * signed in to) and the subscription from --subscription (else AZURE_SUBSCRIPTION_ID, else az's
 * default subscription, `az account show`, else the tenant's only enabled subscription), named on
 * stderr when the command chose it. The core holds the credential, as it does for the app's
 * sign-in; tokens never reach the command's output.
 */
import type { AzureIdentity, AzureSubscription } from '../../electron/contract';
import { flag, UsageError } from '../args';
import { azDefaultSubscription } from './az';
import { CliError, type Context } from '../context';
import { EXIT } from '../exit-codes';

export interface AzureScope {
  identity: AzureIdentity;
  tenantId: string;
  subscriptionId: string;
}

const signedIn = new WeakMap<Context, Promise<AzureIdentity>>();

/** Sign in with the Azure CLI session, or a device code with --device-code (once per command). */
export function azureSignIn(ctx: Context, method: 'cli' | 'deviceCode' = deviceCodeAsked(ctx)): Promise<AzureIdentity> {
  let pending = signedIn.get(ctx);
  if (!pending) {
    const tenantId = flag(ctx.args, 'tenant') ?? ctx.io.env.AZURE_TENANT_ID;
    pending = (async () => {
      try {
        const started = await ctx.call('azure.signIn', { method, ...(tenantId ? { tenantId } : {}) });
        // The device code is a prompt event: printed on stderr, as the AWS SSO one is.
        return (await ctx.follow(started, { quiet: method === 'cli' })) as AzureIdentity;
      } catch (error) {
        if (
          method === 'cli' &&
          error instanceof CliError &&
          error.exitCode !== EXIT.usage &&
          error.exitCode !== EXIT.cancelled
        )
          throw new CliError(
            error.message,
            EXIT.credentials,
            'Sign in first: datachain-setup login --cloud azure (it runs az login; add --tenant for another tenant), or add --device-code.',
            error.code,
          );
        throw error;
      }
    })();
    signedIn.set(ctx, pending);
  }
  return pending;
}

const deviceCodeAsked = (ctx: Context) => (ctx.args.flags['device-code'] === true ? 'deviceCode' : 'cli');

/** The tenant and subscription a command works in. */
export async function azureScope(ctx: Context): Promise<AzureScope> {
  const identity = await azureSignIn(ctx);
  const tenantId = identity.tenant.tenantId.toLowerCase();
  const given = (flag(ctx.args, 'subscription') ?? ctx.io.env.AZURE_SUBSCRIPTION_ID)?.toLowerCase();
  if (given) return { identity, tenantId, subscriptionId: given };
  const chosen = await defaultSubscription(ctx, identity, tenantId);
  ctx.note(`Subscription ${chosen.subscription.displayName} (${chosen.subscription.subscriptionId}), ${chosen.why}.`);
  return { identity, tenantId, subscriptionId: chosen.subscription.subscriptionId.toLowerCase() };
}

/** The subscription when none is given: the Azure CLI's default (in this tenant), else the tenant's only one. */
export async function defaultSubscription(
  ctx: Context,
  identity: AzureIdentity,
  tenantId: string,
): Promise<{ subscription: AzureSubscription; why: string }> {
  const subs = await ctx.call<AzureSubscription[]>('azure.subscriptions.list', { tenantId });
  const enabled = subs.filter((s) => s.enabled);
  const fromAz = identity.method === 'cli' ? await azDefaultSubscription(ctx) : undefined;
  if (fromAz && fromAz.tenantId === tenantId) {
    const found = subs.find((s) => s.subscriptionId.toLowerCase() === fromAz.id);
    if (found?.enabled)
      return {
        subscription: found,
        why: "the Azure CLI's default (az account set --subscription changes it; --subscription overrides it)",
      };
    if (found)
      throw new UsageError(
        `The Azure CLI's default subscription ${found.displayName} (${found.subscriptionId}) is not enabled. Give --subscription${enabled.length ? `: ${enabled.map((s) => `${s.subscriptionId} (${s.displayName})`).join(', ')}` : ''}.`,
      );
  }
  if (enabled.length !== 1)
    throw new UsageError(
      enabled.length
        ? `Which subscription? Give --subscription: ${enabled.map((s) => `${s.subscriptionId} (${s.displayName})`).join(', ')}.`
        : 'The tenant has no enabled subscription this account can use.',
    );
  return { subscription: enabled[0]!, why: "the tenant's only enabled subscription (--subscription chooses another)" };
}
