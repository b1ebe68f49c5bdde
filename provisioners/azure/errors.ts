/**
 * Azure's failures in words a user can act on: every Graph, ARM and AADSTS error of the design
 * note's table maps to a message that names the missing right or the next step. Never a raw
 * response body on a screen: only codes, and the action and scope ARM names in a denial.
 */
import type { CloudErrorShape } from '../core/errors';
import { isAzureApiError, type AzureApiError } from './api-error';

type Shape = CloudErrorShape;

function shape(code: Shape['code'], message: string, hint: string | undefined, cloudCode?: string, requestId?: string) {
  const details = {
    ...(hint ? { hint } : {}),
    ...(cloudCode ? { cloudCode } : {}),
    ...(requestId ? { requestId } : {}),
  };
  return { code, message, ...(Object.keys(details).length ? { details } : {}) } satisfies Shape;
}

/** `… perform action 'X' over scope 'Y' …` in ARM's AuthorizationFailed text. */
export function deniedActionOf(message: string): { action?: string; scope?: string } {
  const action = /action '([^']{1,300})'/.exec(message)?.[1];
  const scope = /scope '([^']{1,600})'/.exec(message)?.[1];
  return { ...(action ? { action } : {}), ...(scope ? { scope } : {}) };
}

function whoGrants(action: string | undefined): string {
  if (!action) return 'Owner on the subscription (or Contributor and User Access Administrator)';
  if (/roleAssignments|roleDefinitions/i.test(action))
    return 'Owner or User Access Administrator (or Role Based Access Control Administrator)';
  if (/accessPolicies/i.test(action)) return 'Key Vault Contributor, Contributor or Owner';
  // Listing a vault's secret names (metadata, never values) is a read.
  if (/KeyVault\/vaults\/secrets\/read/i.test(action)) return 'Key Vault Reader or Reader';
  if (/register\/action|resourceGroups\/write/i.test(action)) return 'Contributor or Owner on the subscription';
  return 'Owner or Contributor';
}

function fromArm(e: AzureApiError, meta: [string | undefined, string | undefined]): Shape {
  const [cloudCode, requestId] = meta;
  const says = (...codes: string[]) => codes.some((c) => e.has(c));
  if (says('AuthorizationFailed', 'LinkedAuthorizationFailed') || (e.status === 403 && !cloudCode)) {
    const { action, scope } = deniedActionOf(e.azureMessage);
    return shape(
      'ACCESS_DENIED',
      `You are not allowed to ${action ? `perform ${action}` : 'make this change'}${scope ? ` on ${scope}` : ''}.`,
      `Ask an admin for ${whoGrants(action)}${scope ? ` on ${scope}` : ''}. Newly granted rights can take a few minutes to apply.`,
      cloudCode,
      requestId,
    );
  }
  if (says('RoleDefinitionWithSameNameExists'))
    return shape(
      'CONFLICT',
      'A custom role with this name already exists in your tenant.',
      'Custom role names are unique per tenant: choose a name prefix for this setup, or remove the other role.',
      cloudCode,
      requestId,
    );
  if (says('RoleAssignmentUpdateNotPermitted'))
    return shape(
      'CONFLICT',
      'A role assignment with the name this setup gives its grant already exists for another identity, role or scope (a stale grant from an earlier setup, or one made by hand).',
      'Plan again: the review names that assignment. Remove it (Access control (IAM) on its scope, or az role assignment delete --ids <its id>), then deploy again.',
      cloudCode,
      requestId,
    );
  if (says('RoleAssignmentExists'))
    return shape(
      'CONFLICT',
      'This role is already assigned to the identity on this scope, under another name.',
      'Plan again: the review finds that assignment and keeps it instead of making a second one.',
      cloudCode,
      requestId,
    );
  if (says('PrincipalNotFound'))
    return shape(
      'CLOUD_ERROR',
      'The new identity is not visible to Azure yet.',
      'Microsoft Entra ID is still replicating it: deploy again in a minute (it continues where it stopped).',
      cloudCode,
      requestId,
    );
  if (says('RoleDefinitionDoesNotExist'))
    return shape(
      'CLOUD_ERROR',
      'Azure has not finished creating the custom role.',
      'Deploy again in a minute: it continues where it stopped.',
      cloudCode,
      requestId,
    );
  if (says('MissingSubscriptionRegistration'))
    return shape(
      'ACCESS_DENIED',
      'The subscription is not registered for a resource provider this setup needs.',
      'Ask an admin with Contributor or Owner on the subscription to register the provider, or to let you register it.',
      cloudCode,
      requestId,
    );
  if (says('InvalidResourceGroupLocation', 'InvalidResourceLocation', 'LocationNotAvailableForResourceGroup'))
    return shape(
      'CONFLICT',
      'The resource group exists in another location.',
      'Choose the location it is in, or another resource group name.',
      cloudCode,
      requestId,
    );
  if (says('ScopeLocked'))
    return shape(
      'CONFLICT',
      'A lock on the resource group or subscription forbids this change.',
      'Ask its owner to remove the lock (Settings → Locks), then deploy again.',
      cloudCode,
      requestId,
    );
  if (says('SubscriptionNotFound', 'InvalidSubscriptionId'))
    return shape(
      'NOT_FOUND',
      'This subscription cannot be found with your sign-in.',
      'Check the tenant and subscription.',
      cloudCode,
      requestId,
    );
  if (says('ResourceGroupNotFound', 'ResourceNotFound', 'NotFound') || e.status === 404)
    return shape(
      'NOT_FOUND',
      'Azure could not find this resource.',
      'It may have been deleted: plan again.',
      cloudCode,
      requestId,
    );
  if (
    says('InvalidAuthenticationToken', 'ExpiredAuthenticationToken', 'InvalidAuthenticationTokenTenant') ||
    e.status === 401
  )
    return shape(
      'CREDENTIALS_EXPIRED',
      'Azure did not accept your sign-in for this tenant.',
      'Sign in again (with the tenant of this subscription).',
      cloudCode,
      requestId,
    );
  return generic(e, 'Azure Resource Manager', cloudCode, requestId);
}

function fromGraph(e: AzureApiError, meta: [string | undefined, string | undefined]): Shape {
  const [cloudCode, requestId] = meta;
  const says = (...codes: string[]) => codes.some((c) => e.has(c));
  if (says('Authorization_RequestDenied') || e.status === 403) {
    const apps = /applications|servicePrincipals|federatedIdentityCredentials/i.test(e.path);
    return shape(
      'ACCESS_DENIED',
      apps
        ? 'Your organization does not let you create or change app registrations.'
        : 'Microsoft Entra ID refused this request.',
      apps
        ? 'Ask an admin for the Application Developer role (or to allow users to register applications), or export the setup for an admin.'
        : 'Ask an admin of your Microsoft Entra tenant for the rights this step needs.',
      cloudCode,
      requestId,
    );
  }
  if (/uniqueName/i.test(e.azureMessage) && e.status === 400)
    return shape(
      'CONFLICT',
      'An app from an earlier setup holds this name (it may be in the Entra recycle bin).',
      'Plan again: the app offers to restore it (it keeps its client ID), or choose a name prefix.',
      cloudCode,
      requestId,
    );
  if (says('NoBackingApplicationObject'))
    return shape(
      'CLOUD_ERROR',
      'Microsoft Entra ID is still creating the app.',
      'Retry in a minute: the deploy continues where it stopped.',
      cloudCode,
      requestId,
    );
  if (says('Directory_QuotaExceeded') || /Maximum of 20/i.test(e.azureMessage))
    return shape(
      'CONFLICT',
      'The app registration has the maximum of 20 federated credentials.',
      'Remove federated credentials you no longer use from the app registration, then deploy again.',
      cloudCode,
      requestId,
    );
  if (says('InvalidAuthenticationToken') || e.status === 401)
    return shape(
      'CREDENTIALS_EXPIRED',
      'Microsoft Graph did not accept your sign-in.',
      'Sign in again.',
      cloudCode,
      requestId,
    );
  if (says('Request_ResourceNotFound') || e.status === 404)
    return shape(
      'NOT_FOUND',
      'Microsoft Entra ID could not find this object.',
      'It may have been deleted: plan again.',
      cloudCode,
      requestId,
    );
  return generic(e, 'Microsoft Graph', cloudCode, requestId);
}

function generic(e: AzureApiError, service: string, cloudCode?: string, requestId?: string): Shape {
  if (e.status === 429)
    return shape('CLOUD_ERROR', `${service} is throttling requests.`, 'Wait a minute and retry.', cloudCode, requestId);
  if (e.has('InvalidResponse'))
    return shape(
      'CLOUD_ERROR',
      `${service} gave an answer this app does not understand.`,
      'Retry; if it persists, update the app.',
      cloudCode,
      requestId,
    );
  if (e.status >= 500)
    return shape(
      'CLOUD_UNREACHABLE',
      `${service} had a temporary failure.`,
      'Retry in a minute.',
      cloudCode,
      requestId,
    );
  return shape(
    e.status === 409 ? 'CONFLICT' : 'CLOUD_ERROR',
    `${service} refused the request (${e.status}${cloudCode ? ` ${cloudCode}` : ''}).`,
    'Plan again to see the current state; the request id helps Azure support.',
    cloudCode,
    requestId,
  );
}

/** AADSTS codes from sign-in errors (browser, device code, CLI). */
const AADSTS: Record<string, [Shape['code'], string, string]> = {
  '50076': [
    'CREDENTIALS_EXPIRED',
    'Your organization asks for multi-factor authentication.',
    'Sign in again in the browser.',
  ],
  '50079': [
    'CREDENTIALS_EXPIRED',
    'Your organization asks you to set up multi-factor authentication.',
    'Sign in again in the browser.',
  ],
  '53003': [
    'ACCESS_DENIED',
    'A Conditional Access policy blocked this sign-in.',
    'Ask your admin, or sign in from a compliant device or with another method.',
  ],
  '530003': [
    'ACCESS_DENIED',
    'Your organization requires a managed device for this sign-in.',
    'Ask your admin, or sign in from a compliant device.',
  ],
  '50020': [
    'ACCESS_DENIED',
    'This account is not a member of the chosen tenant.',
    'Choose another tenant, or ask its admin to invite you.',
  ],
  '50126': ['NO_CREDENTIALS', 'The user name or password is wrong.', 'Sign in again.'],
  '50058': ['CREDENTIALS_EXPIRED', 'You are not signed in to Microsoft any more.', 'Sign in again.'],
  '700082': ['CREDENTIALS_EXPIRED', 'Your Azure sign-in has expired.', 'Sign in again (az login, or the browser).'],
  '70043': ['CREDENTIALS_EXPIRED', 'Your Azure sign-in has expired.', 'Sign in again (az login, or the browser).'],
  '70008': ['CREDENTIALS_EXPIRED', 'Your Azure sign-in has expired.', 'Sign in again (az login, or the browser).'],
  '65001': [
    'ACCESS_DENIED',
    'The app has not been granted consent in this tenant.',
    'Ask your admin to consent, or sign in with the Azure CLI.',
  ],
  '90072': [
    'ACCESS_DENIED',
    'This account is from another tenant and is not a guest here.',
    'Choose another tenant, or ask its admin to invite you.',
  ],
  '7000215': ['NO_CREDENTIALS', 'The Azure CLI login uses a wrong client secret.', 'Run az login again.'],
  '70016': [
    'CREDENTIALS_EXPIRED',
    'The device code has not been entered yet.',
    'Enter the code on the page shown, then try again.',
  ],
  '70020': [
    'CREDENTIALS_EXPIRED',
    'The device code expired before it was entered.',
    'Start the device code sign-in again.',
  ],
  '50173': ['CREDENTIALS_EXPIRED', 'Your password changed since you signed in.', 'Sign in again.'],
};

function fromCredential(error: Error): Shape | undefined {
  const text = error.message;
  const aadsts = /AADSTS(\d{5,7})/.exec(text)?.[1];
  if (aadsts) {
    const known = AADSTS[aadsts];
    if (known) return shape(known[0], known[1], known[2], `AADSTS${aadsts}`);
    return shape(
      'ACCESS_DENIED',
      `Microsoft sign-in refused (AADSTS${aadsts}).`,
      'Show this code to your admin.',
      `AADSTS${aadsts}`,
    );
  }
  if (
    error.name !== 'CredentialUnavailableError' &&
    error.name !== 'AuthenticationRequiredError' &&
    error.name !== 'AuthenticationError'
  )
    return undefined;
  if (/could not be found|not installed|az: not found|ENOENT/i.test(text))
    return shape(
      'NO_CREDENTIALS',
      'The Azure CLI (az) is not installed, or the app cannot find it.',
      'Sign in with the browser instead, or install the Azure CLI and run az login.',
      error.name,
    );
  if (/az login|not logged in/i.test(text))
    return shape(
      'NO_CREDENTIALS',
      'The Azure CLI is not signed in.',
      'Run az login, or sign in with the browser.',
      error.name,
    );
  if (/timed? ?out/i.test(text))
    return shape(
      'CLOUD_UNREACHABLE',
      'The Azure CLI took too long to answer.',
      'Check your network, run az account show, or sign in with the browser.',
      error.name,
    );
  if (/cancel|user_cancelled/i.test(text))
    return shape('NO_CREDENTIALS', 'The sign-in was cancelled.', 'Sign in again.', error.name);
  return shape(
    'NO_CREDENTIALS',
    'Signing in to Azure did not work.',
    'Sign in again, or try another sign-in method.',
    error.name,
  );
}

/** Map Azure failures to the contract's codes; undefined when the error is not Azure's. */
export function azureErrorToApiError(error: unknown): CloudErrorShape | undefined {
  if (isAzureApiError(error)) {
    const meta: [string | undefined, string | undefined] = [error.codes[0], error.requestId];
    return error.api === 'arm' ? fromArm(error, meta) : fromGraph(error, meta);
  }
  if (!(error instanceof Error)) return undefined;
  if (error.name === 'RestError' && (error as { statusCode?: number }).statusCode === undefined) {
    const proxy = /proxy|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|timeout/i.test(error.message);
    return shape(
      'CLOUD_UNREACHABLE',
      'Azure could not be reached.',
      proxy
        ? 'Check your network connection or HTTPS_PROXY, then retry.'
        : 'Check your network connection, then retry.',
      (error as { code?: string }).code,
    );
  }
  return fromCredential(error);
}
