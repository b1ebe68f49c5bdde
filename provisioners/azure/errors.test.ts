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
