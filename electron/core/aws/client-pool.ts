/**
 * A session's AWS SDK clients, one per service and region, made on first use and reused for
 * every call after it (their connections stay open: keep-alive). Each SDK is loaded only when
 * its first client is made, so starting the app loads none. The pool is closed when its session
 * ends or its credentials change; calls still running finish first.
 */
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { sharedHttp, type HttpOptions } from './http-handler';

const SDKS = {
  cloudformation: async () => (await import('@aws-sdk/client-cloudformation')).CloudFormationClient,
  ec2: async () => (await import('@aws-sdk/client-ec2')).EC2Client,
  eks: async () => (await import('@aws-sdk/client-eks')).EKSClient,
  iam: async () => (await import('@aws-sdk/client-iam')).IAMClient,
  kms: async () => (await import('@aws-sdk/client-kms')).KMSClient,
  s3: async () => (await import('@aws-sdk/client-s3')).S3Client,
  secrets: async () => (await import('@aws-sdk/client-secrets-manager')).SecretsManagerClient,
  serviceQuotas: async () => (await import('@aws-sdk/client-service-quotas')).ServiceQuotasClient,
  sts: async () => (await import('@aws-sdk/client-sts')).STSClient,
};

export type AwsService = keyof typeof SDKS;
export type ClientOf<S extends AwsService> = InstanceType<Awaited<ReturnType<(typeof SDKS)[S]>>>;

export interface ClientConfig {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  profile?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export interface PoolOptions extends HttpOptions {
  env: Env;
  /** SDK retries per call (adaptive: backs off on throttling before our own polling does). */
  maxAttempts?: number;
}

interface Destroyable {
  destroy(): void;
}

type Send = (command: unknown, options?: { abortSignal?: unknown }, ...rest: unknown[]) => Promise<unknown>;

/**
 * Every call listens to a signal of its own that follows the caller's. The SDK adds an abort
 * listener per call in flight to the signal it is given (its retry step and its HTTP handler,
 * each removed when the call ends), so a plan's dozen concurrent preflight reads under one
 * request's signal put over ten listeners on it, which Node reports as a leak
 * (MaxListenersExceededWarning). AbortSignal.any follows the caller's signal without adding a
 * listener to it: an abort still stops every call.
 */
export function ownSignalPerCall<C extends Destroyable>(client: C): C {
  const target = client as unknown as { send: Send };
  const send = target.send.bind(client);
  target.send = (command, options, ...rest) => {
    const signal = options?.abortSignal;
    if (!(signal instanceof AbortSignal)) return send(command, options, ...rest);
    return send(command, { ...options, abortSignal: AbortSignal.any([signal]) }, ...rest);
  };
  return client;
}

export class AwsClientPool {
  private readonly clients = new Map<string, Promise<Destroyable>>();
  private readonly http;
  private leases = 0;
  private closed = false;
  private destroyed = false;

  constructor(
    private readonly config: (region?: string) => Promise<ClientConfig>,
    private readonly options: PoolOptions,
  ) {
    this.http = sharedHttp(options);
  }

  /** How many clients the pool holds (tests check reuse with it). */
  get size(): number {
    return this.clients.size;
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  /** The service's client for a region (the session's own region when none is given). */
  client<S extends AwsService>(service: S, region?: string): Promise<ClientOf<S>> {
    if (this.destroyed) return Promise.reject(new Error('This AWS session was closed.'));
    const key = `${service}:${region ?? ''}`;
    let made = this.clients.get(key);
    if (!made) {
      made = this.make(service, region);
      this.clients.set(key, made);
      made.catch(() => this.clients.delete(key));
    }
    return made as Promise<ClientOf<S>>;
  }

  private async make(service: AwsService, region: string | undefined): Promise<Destroyable> {
    const [Client, config, requestHandler] = await Promise.all([
      SDKS[service](),
      this.config(region),
      this.http.handler(),
    ]);
    const common = {
      ...config,
      maxAttempts: this.options.maxAttempts ?? 4,
      retryMode: 'adaptive' as const,
      requestHandler,
    };
    if (service === 's3') {
      // Custom endpoints (emulators, VPC endpoints) take path-style bucket addressing.
      const custom = !!(this.options.env.AWS_ENDPOINT_URL_S3 ?? this.options.env.AWS_ENDPOINT_URL);
      return ownSignalPerCall(
        new (Client as typeof import('@aws-sdk/client-s3').S3Client)({
          ...common,
          followRegionRedirects: true,
          forcePathStyle: custom,
        }),
      );
    }
    return ownSignalPerCall(new (Client as new (c: typeof common) => Destroyable)(common));
  }

  /** Run `use` while the pool is held open (a close waits until it returns). */
  async use<T>(use: (pool: AwsClientPool) => Promise<T>): Promise<T> {
    const release = this.lease();
    try {
      return await use(this);
    } finally {
      release();
    }
  }

  /** Hold the pool open for a long operation; call the returned function when it ends. */
  lease(): () => void {
    if (this.destroyed) throw new Error('This AWS session was closed.');
    this.leases += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.leases -= 1;
      if (this.closed && this.leases === 0) this.destroy();
    };
  }

  /** No new work: the clients are destroyed now, or when the last call holding them returns. */
  close(): void {
    this.closed = true;
    if (this.leases === 0) this.destroy();
  }

  private destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    const made = [...this.clients.values()];
    this.clients.clear();
    for (const client of made) void client.then((c) => c.destroy()).catch(() => undefined);
    this.http.destroy();
  }
}
