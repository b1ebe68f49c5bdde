/**
 * Azure sign-in as the renderer sees it: who signed in, to which tenant, how, and the
 * subscriptions that tenant offers. Never a token: tokens stay in the main process.
 */
import { z } from 'zod';
import { TenantId } from '../../../../provisioners/azure/config.schema';
import { AzureSignedInUser, AzureSignInMethod, AzureTenant } from '../../../../provisioners/azure/discovery.schema';

export {
  AzureSignedInUser,
  AzureSignInMethod,
  AzureSubscription,
  AzureTenant,
  DeviceCodePrompt,
} from '../../../../provisioners/azure/discovery.schema';
export { Guid, SubscriptionId, TenantId } from '../../../../provisioners/azure/config.schema';

/** The signed-in user and tenant (shown in the banner), and how they signed in. */
export const AzureIdentity = z.object({
  method: AzureSignInMethod,
  user: AzureSignedInUser,
  tenant: AzureTenant,
  /** Every tenant the user can reach (from the home tenant's token). */
  tenants: z.array(AzureTenant),
});
export type AzureIdentity = z.infer<typeof AzureIdentity>;

/** Whether the Azure CLI is installed and signed in (offered first when it is). */
export const AzureCliStatus = z.object({
  installed: z.boolean(),
  signedIn: z.boolean(),
  /** The CLI's account, when signed in. */
  user: z.string().optional(),
  tenantId: z.string().optional(),
  /** Why the session cannot be used, in words (not installed, `az login` needed). */
  reason: z.string().optional(),
});
export type AzureCliStatus = z.infer<typeof AzureCliStatus>;

export const AzureSignInInput = z
  .object({
    method: AzureSignInMethod,
    /** Sign in to this tenant (another one than the home tenant); omitted: the account's home tenant. */
    tenantId: TenantId.optional(),
  })
  .strict();

export const AzureTenantInput = z.object({ tenantId: TenantId }).strict();
