import { describe, expect, it } from 'vitest';
import { AzureApiError, parseErrorBody } from './api-error';
import { azureErrorToApiError } from './errors';

const arm = (status: number, body: unknown, path = '/subscriptions/s/resourceGroups/datachain') =>
  new AzureApiError(
    'arm',
    'PUT',
    `https://management.azure.com${path}?api-version=x`,
    status,
    parseErrorBody(JSON.stringify(body)),
  );
const graph = (status: number, body: unknown, path = "/v1.0/applications(uniqueName='u')") =>
  new AzureApiError(
    'graph',
    'PATCH',
    `https://graph.microsoft.com${path}`,
    status,
    parseErrorBody(JSON.stringify(body)),
  );

describe('azureErrorToApiError', () => {
  it('names the action and scope ARM denied, and who grants it', () => {
    const e = arm(403, {
      error: {
        code: 'AuthorizationFailed',
        message:
          "The client 'u@x' with object id '1' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/write' over scope '/subscriptions/s/resourceGroups/datachain' or the scope is invalid.",
      },
    });
    const m = azureErrorToApiError(e)!;
    expect(m.code).toBe('ACCESS_DENIED');
    expect(m.message).toContain('Microsoft.Authorization/roleAssignments/write');
    expect(m.message).toContain('/subscriptions/s/resourceGroups/datachain');
    expect(m.details?.hint).toMatch(/User Access Administrator/);
    expect(m.message).not.toContain('object id');
  });

  it("asks for a reader role when a vault's secret names cannot be listed", () => {
    const vault = '/subscriptions/s/resourceGroups/ops/providers/Microsoft.KeyVault/vaults/kv';
    const e = arm(
      403,
      {
        error: {
          code: 'AuthorizationFailed',
          message: `The client 'u@x' with object id '1' does not have authorization to perform action 'Microsoft.KeyVault/vaults/secrets/read' over scope '${vault}' or the scope is invalid.`,
        },
      },
      `${vault}/secrets`,
    );
    const m = azureErrorToApiError(e)!;
    expect(m.code).toBe('ACCESS_DENIED');
    expect(m.details?.hint).toBe(
      `Ask an admin for Key Vault Reader or Reader on ${vault}. Newly granted rights can take a few minutes to apply.`,
    );
  });

  it.each([
    [arm(409, { error: { code: 'RoleDefinitionWithSameNameExists', message: 'x' } }), 'CONFLICT', /unique per tenant/],
    [
      arm(400, { error: { code: 'RoleAssignmentUpdateNotPermitted', message: 'x' } }),
      'CONFLICT',
      /stale grant|old role/,
    ],
    [arm(400, { error: { code: 'PrincipalNotFound', message: 'x' } }), 'CLOUD_ERROR', /replicating/],
    [arm(400, { error: { code: 'RoleDefinitionDoesNotExist', message: 'x' } }), 'CLOUD_ERROR', /again/],
    [arm(409, { error: { code: 'MissingSubscriptionRegistration', message: 'x' } }), 'ACCESS_DENIED', /register/],
    [arm(409, { error: { code: 'InvalidResourceGroupLocation', message: 'x' } }), 'CONFLICT', /location/],
    [arm(401, { error: { code: 'ExpiredAuthenticationToken', message: 'x' } }), 'CREDENTIALS_EXPIRED', /Sign in/],
    [
      graph(403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } }),
      'ACCESS_DENIED',
      /Application Developer/,
    ],
    [
      graph(400, {
        error: {
          code: 'Request_BadRequest',
          message: 'Another object with the same value for property uniqueName already exists.',
        },
      }),
      'CONFLICT',
      /restore/,
    ],
    [
      graph(
        400,
        {
          error: {
            code: 'Request_BadRequest',
            message: 'm',
            details: [{ code: 'NoBackingApplicationObject', message: 'm' }],
          },
        },
        '/v1.0/servicePrincipals',
      ),
      'CLOUD_ERROR',
      /Retry in a minute/,
    ],
  ])('maps %#', (error, code, hint) => {
    const m = azureErrorToApiError(error)!;
    expect(m.code).toBe(code);
    expect(`${m.message} ${m.details?.hint}`).toMatch(hint);
  });

  it('maps AADSTS and Azure CLI credential errors, and leaves others alone', () => {
    const cli = Object.assign(
      new Error("Please run 'az login' from a command prompt to authenticate before using this credential."),
      {
        name: 'CredentialUnavailableError',
      },
    );
    expect(azureErrorToApiError(cli)?.message).toMatch(/not signed in/);
    const missing = Object.assign(new Error('Azure CLI could not be found. Please visit https://aka.ms/azure-cli'), {
      name: 'CredentialUnavailableError',
    });
    expect(azureErrorToApiError(missing)?.details?.hint).toMatch(/browser/);
    const ca = Object.assign(new Error('AADSTS53003: Access has been blocked by Conditional Access policies.'), {
      name: 'AuthenticationError',
    });
    expect(azureErrorToApiError(ca)).toMatchObject({ code: 'ACCESS_DENIED', details: { cloudCode: 'AADSTS53003' } });
    expect(azureErrorToApiError(new Error('something else'))).toBeUndefined();
    expect(azureErrorToApiError('text')).toBeUndefined();
  });

  it('never carries the raw body', () => {
    const e = arm(400, { error: { code: 'Weird', message: 'secret internals here' } });
    const m = azureErrorToApiError(e)!;
    expect(JSON.stringify(m)).not.toContain('secret internals');
  });
});

/**
 * The design note's table of errors users will see (§7), and the replication and throttling
 * answers of §6: each maps to a message that names the missing right or the next step, and none
 * carries Azure's own text.
 */
describe('every error of the design note maps to the missing right or the next step', () => {
  const denied =
    "The client 'u@x' with object id '1' does not have authorization to perform action 'Microsoft.KeyVault/vaults/accessPolicies/write' over scope '/subscriptions/s/resourceGroups/v/providers/Microsoft.KeyVault/vaults/kv' or the scope is invalid. If access was recently granted, please refresh your credentials.";
  const credential = (name: string, message: string) => Object.assign(new Error(message), { name });
  const rows: [string, unknown, string, RegExp][] = [
    [
      'Graph 403 Authorization_RequestDenied on an app',
      graph(403, {
        error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' },
      }),
      'ACCESS_DENIED',
      /Application Developer.*export the setup for an admin/,
    ],
    [
      'Graph 400 uniqueName held by a deleted app',
      graph(400, {
        error: {
          code: 'Request_BadRequest',
          message: 'Another object with the same value for property uniqueName already exists.',
        },
      }),
      'CONFLICT',
      /recycle bin.*restore it \(it keeps its client ID\)/,
    ],
    [
      'Graph 400 NoBackingApplicationObject after retries',
      graph(400, { error: { code: 'NoBackingApplicationObject', message: 'm' } }, '/v1.0/servicePrincipals'),
      'CLOUD_ERROR',
      /still creating the app.*Retry in a minute/,
    ],
    [
      'Graph 404 Request_ResourceNotFound after retries (read-after-write)',
      graph(404, { error: { code: 'Request_ResourceNotFound', message: 'm' } }, '/v1.0/applications/x/owners'),
      'NOT_FOUND',
      /plan again/,
    ],
    [
      'ARM 403 AuthorizationFailed on an access-policy vault',
      arm(403, { error: { code: 'AuthorizationFailed', message: denied } }),
      'ACCESS_DENIED',
      /accessPolicies\/write on \/subscriptions\/s\/resourceGroups\/v\/providers\/Microsoft\.KeyVault\/vaults\/kv.*Key Vault Contributor, Contributor or Owner/,
    ],
    [
      'ARM 409 RoleDefinitionWithSameNameExists',
      arm(409, {
        error: {
          code: 'RoleDefinitionWithSameNameExists',
          message: 'A role definition cannot be updated with a name that already exists.',
        },
      }),
      'CONFLICT',
      /name prefix/,
    ],
    [
      'ARM 409 RoleAssignmentExists',
      arm(409, { error: { code: 'RoleAssignmentExists', message: 'The role assignment already exists.' } }),
      'CONFLICT',
      /Plan again.*keeps it/,
    ],
    [
      'ARM 400 RoleAssignmentUpdateNotPermitted',
      arm(400, {
        error: {
          code: 'RoleAssignmentUpdateNotPermitted',
          message: 'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.',
        },
      }),
      'CONFLICT',
      /another identity, role or scope.*Remove it .*az role assignment delete/,
    ],
    [
      'ARM 400 PrincipalNotFound after retries',
      arm(400, { error: { code: 'PrincipalNotFound', message: 'Principal 1 does not exist in the directory t.' } }),
      'CLOUD_ERROR',
      /not visible to Azure yet.*deploy again in a minute/,
    ],
    [
      'ARM 409 MissingSubscriptionRegistration',
      arm(409, {
        error: {
          code: 'MissingSubscriptionRegistration',
          message: "The subscription is not registered to use namespace 'Microsoft.ContainerService'.",
        },
      }),
      'ACCESS_DENIED',
      /Contributor or Owner on the subscription to register the provider/,
    ],
    [
      'ARM 400 RoleDefinitionDoesNotExist after retries',
      arm(400, {
        error: { code: 'RoleDefinitionDoesNotExist', message: 'The specified role definition does not exist.' },
      }),
      'CLOUD_ERROR',
      /Deploy again in a minute/,
    ],
    [
      'ARM 429 throttling',
      arm(429, { error: { code: 'TooManyRequests', message: 'm' } }),
      'CLOUD_ERROR',
      /throttling.*Wait a minute and retry/,
    ],
    [
      'Graph 429 throttling',
      graph(429, { error: { code: 'TooManyRequests', message: 'm' } }),
      'CLOUD_ERROR',
      /throttling.*Wait a minute and retry/,
    ],
    [
      'az not logged in',
      credential(
        'CredentialUnavailableError',
        "Please run 'az login' from a command prompt to authenticate before using this credential.",
      ),
      'NO_CREDENTIALS',
      /Run az login, or sign in with the browser/,
    ],
    [
      'az missing',
      credential(
        'CredentialUnavailableError',
        'Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions.',
      ),
      'NO_CREDENTIALS',
      /Sign in with the browser instead, or install the Azure CLI/,
    ],
    [
      'AADSTS53003 Conditional Access',
      credential('AuthenticationError', 'AADSTS53003: Access has been blocked by Conditional Access policies.'),
      'ACCESS_DENIED',
      /Ask your admin/,
    ],
    [
      'AADSTS50076 MFA',
      credential(
        'AuthenticationRequiredError',
        'AADSTS50076: Due to a configuration change ... you must use multi-factor authentication.',
      ),
      'CREDENTIALS_EXPIRED',
      /multi-factor.*Sign in again in the browser/,
    ],
    [
      'AADSTS7000215 wrong secret at az login',
      credential('CredentialUnavailableError', 'AADSTS7000215: Invalid client secret provided.'),
      'NO_CREDENTIALS',
      /Run az login again/,
    ],
    [
      'an AADSTS code the app does not know',
      credential('AuthenticationError', 'AADSTS9999999: something new.'),
      'ACCESS_DENIED',
      /AADSTS9999999.*Show this code to your admin/,
    ],
  ];

  it.each(rows)('%s', (_, error, code, says) => {
    const m = azureErrorToApiError(error)!;
    expect(m.code).toBe(code);
    expect(`${m.message} ${m.details?.hint ?? ''}`).toMatch(says);
    for (const raw of [
      'Insufficient privileges',
      'object id',
      'refresh your credentials',
      'are not allowed to be updated',
    ])
      expect(JSON.stringify(m)).not.toContain(raw);
  });
});
