/**
 * Microsoft identity platform (login.microsoftonline.com) bodies the peer sends. No contract data
 * exists for these (OAuth 2.0 / OpenID Connect + Entra's documented members); written from the
 * identity platform docs and what MSAL Node 5 and MSAL Python 1.21 read.
 */
import { arr, int, obj, str, type Schema } from './define';

export const AadError = obj(
  {
    error: str(),
    error_description: str({ pattern: '^AADSTS\\d+: ' }),
    error_codes: arr(int()),
    timestamp: str(),
    trace_id: str(),
    correlation_id: str(),
    error_uri: str(),
    suberror: str(),
    claims: str(),
  },
  ['error', 'error_description', 'error_codes', 'timestamp', 'trace_id', 'correlation_id'],
);

export const TokenResponse = obj(
  {
    token_type: str({ enum: ['Bearer'] }),
    scope: str(),
    expires_in: int(),
    ext_expires_in: int(),
    access_token: str(),
    refresh_token: str(),
    id_token: str(),
    client_info: str(),
    foci: str(),
  },
  ['token_type', 'expires_in', 'access_token'],
);

export const DeviceCodeResponse = obj(
  {
    user_code: str(),
    device_code: str(),
    verification_uri: str(),
    expires_in: int(),
    interval: int(),
    message: str(),
  },
  ['user_code', 'device_code', 'verification_uri', 'expires_in', 'interval', 'message'],
);

export const OpenIdConfiguration: Schema = {
  type: 'object',
  required: ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri', 'response_types_supported'],
  properties: {
    issuer: str(),
    authorization_endpoint: str(),
    token_endpoint: str(),
    device_authorization_endpoint: str(),
    end_session_endpoint: str(),
    jwks_uri: str(),
    response_types_supported: arr(str()),
  },
};

export const InstanceDiscovery = obj(
  {
    tenant_discovery_endpoint: str(),
    'api-version': str(),
    metadata: arr(
      obj({ preferred_network: str(), preferred_cache: str(), aliases: arr(str()) }, [
        'preferred_network',
        'preferred_cache',
        'aliases',
      ]),
    ),
  },
  ['tenant_discovery_endpoint', 'metadata'],
);

export const UserRealm = obj(
  {
    ver: str(),
    account_type: str({ enum: ['Managed', 'Federated', 'Unknown'] }),
    domain_name: str(),
    cloud_instance_name: str(),
    cloud_audience_urn: str(),
  },
  ['ver', 'account_type', 'domain_name'],
);

export const Jwks = obj({ keys: arr({ type: 'object', required: ['kty', 'kid'] }) }, ['keys']);

export const IDENTITY_SCHEMAS: Record<string, Schema> = {
  AadError,
  TokenResponse,
  DeviceCodeResponse,
  OpenIdConfiguration,
  InstanceDiscovery,
  UserRealm,
  Jwks,
};
