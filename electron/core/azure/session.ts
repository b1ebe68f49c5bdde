/**
 * Azure credentials live here, in the main process, and nowhere else: the renderer only ever
 * sees how the user signed in and who that is. One sign-in at a time; a tenant other than the
 * one signed in to gets its own credential of the same kind (the Azure CLI serves any tenant its
 * account can reach; browser and device-code sign-ins share MSAL's cache inside this process).
 */
import type { TokenCredential } from '@azure/core-auth';
import type { PipelineOptions } from '@azure/core-rest-pipeline';
import type { DeviceCodePrompt } from '../../../provisioners/azure/discovery.schema';
import { ApiError, type AzureSignInMethod } from '../../contract';

type Env = Readonly<Record<string, string | undefined>>;

type Credentials = typeof import('../../../provisioners/azure/credentials');

/**
 * @azure/identity (and the pipeline under it) is imported on the first Azure sign-in or CLI
 * check, never when the app starts. A credential for another tenant is only ever made after a
 * sign-in, by which time the module is here.
 */
let credentials: Credentials | undefined;
async function loadCredentials(): Promise<Credentials> {
  return (credentials ??= await import('../../../provisioners/azure/credentials'));
}
function loadedCredentials(): Credentials {
  if (!credentials) throw new Error('Azure credentials used before any Azure sign-in');
  return credentials;
}

/** What a token says about its holder (read, not verified: it is only shown, never trusted). */
export interface TokenClaims {
  objectId: string;
  tenantId: string;
  userPrincipalName: string;
  displayName?: string;
}

export function claimsOf(token: string): TokenClaims {
  const payload = token.split('.')[1];
  let claims: Record<string, unknown> = {};
  try {
    claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    // An opaque token: the identity comes from Graph instead.
  }
  const text = (key: string) => (typeof claims[key] === 'string' ? (claims[key] as string) : undefined);
  const name = text('name');
  return {
    objectId: text('oid') ?? '',
    tenantId: (text('tid') ?? '').toLowerCase(),
    userPrincipalName: text('upn') ?? text('preferred_username') ?? text('unique_name') ?? text('email') ?? '',
    ...(name ? { displayName: name } : {}),
  };
}

export interface AzureSignIn {
  method: AzureSignInMethod;
  /** The tenant signed in to (from the token), lower case. */
  tenantId: string;
  claims: TokenClaims;
  credential: TokenCredential;
}

export interface AzureSessionOptions {
  /** Pipeline options for every credential and client (tests may pass the peer's; the app passes none). */
  pipelineOptions?: PipelineOptions;
}

export interface InteractiveOptions {
  tenantId?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Device code: show the code and the page to the user. */
  onDeviceCode?(prompt: DeviceCodePrompt): void;
}

export class AzureSessions {
  private active: AzureSignIn | undefined;
  private readonly perTenant = new Map<string, TokenCredential>();

  constructor(
    readonly env: Env,
    readonly options: AzureSessionOptions = {},
  ) {}

  /** The current sign-in, or a NO_CREDENTIALS error that says how to sign in. */
  get current(): AzureSignIn {
    if (!this.active)
      throw new ApiError('NO_CREDENTIALS', 'You are not signed in to Azure.', {
        hint: 'Sign in on the first screen: with the Azure CLI, in the browser, or with a device code.',
      });
    return this.active;
  }

  get signedIn(): AzureSignIn | undefined {
    return this.active;
  }

  /** A credential for a tenant the signed-in user can reach (the sign-in's own for its tenant). */
  credentialFor(tenantId: string): TokenCredential {
    const active = this.current;
    const tenant = tenantId.toLowerCase();
    if (tenant === active.tenantId) return active.credential;
    let credential = this.perTenant.get(tenant);
    if (!credential) {
      // Browser and device-code sign-ins hold their tokens for the tenant they signed in to.
      if (active.method !== 'cli')
        throw new ApiError('NO_CREDENTIALS', 'You are signed in to another Microsoft Entra tenant.', {
          hint: 'Choose this tenant on the sign-in screen and sign in to it.',
        });
      credential = this.make(active.method, tenant);
      this.perTenant.set(tenant, credential);
    }
    return credential;
  }

  /** Sign in (replacing any earlier sign-in) and keep the credential once it has given a token. */
  async signIn(method: AzureSignInMethod, options: InteractiveOptions = {}): Promise<AzureSignIn> {
    const { signIn: acquire, ARM_SCOPE } = await loadCredentials();
    const credential = await acquire(method, {
      ...this.credentialOptions(options.tenantId),
      ...(options.onDeviceCode ? { onDeviceCode: options.onDeviceCode } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const token = await credential.getToken(ARM_SCOPE, options.signal ? { abortSignal: options.signal } : {});
    const claims = claimsOf(token?.token ?? '');
    const tenantId = claims.tenantId || (options.tenantId ?? '').toLowerCase();
    this.perTenant.clear();
    this.active = { method, tenantId, claims, credential };
    return this.active;
  }

  private credentialOptions(tenantId: string | undefined) {
    return {
      ...(tenantId ? { tenantId } : {}),
      ...(this.options.pipelineOptions ? { pipelineOptions: this.options.pipelineOptions } : {}),
      anyTenant: true,
    };
  }

  signOut(): void {
    this.active = undefined;
    this.perTenant.clear();
  }

  private make(method: AzureSignInMethod, tenantId: string): TokenCredential {
    return loadedCredentials().createAzureCredential(method, this.credentialOptions(tenantId));
  }
}

/** The Azure CLI's session, when there is one: it is offered first (no prompts at all). */
export async function cliStatus(
  options: AzureSessionOptions = {},
  signal?: AbortSignal,
): Promise<{ installed: boolean; signedIn: boolean; user?: string; tenantId?: string; reason?: string }> {
  const { ensureAzOnPath, createAzureCredential, ARM_SCOPE } = await loadCredentials();
  if (!(await ensureAzOnPath()))
    return { installed: false, signedIn: false, reason: 'The Azure CLI (az) is not installed.' };
  const credential = createAzureCredential('cli', {
    ...(options.pipelineOptions ? { pipelineOptions: options.pipelineOptions } : {}),
  });
  try {
    const token = await credential.getToken(ARM_SCOPE, signal ? { abortSignal: signal } : {});
    const claims = claimsOf(token?.token ?? '');
    return {
      installed: true,
      signedIn: true,
      ...(claims.userPrincipalName ? { user: claims.userPrincipalName } : {}),
      ...(claims.tenantId ? { tenantId: claims.tenantId } : {}),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/az login/i.test(message))
      return { installed: true, signedIn: false, reason: 'The Azure CLI is not signed in.' };
    return { installed: true, signedIn: false, reason: 'The Azure CLI did not give a token.' };
  }
}
