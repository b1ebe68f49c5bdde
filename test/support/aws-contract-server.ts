/**
 * A local server for the AWS APIs moto does not implement (or not for EC2 quotas), following
 * their published contracts so the real AWS SDK clients talk to it unchanged:
 *   - IAM Identity Center OIDC (restJson1): RegisterClient, StartDeviceAuthorization, CreateToken
 *     (device code and refresh token grants, with authorization_pending / slow_down /
 *     expired_token / invalid_grant errors);
 *   - the IAM Identity Center portal (restJson1): GetRoleCredentials, ListAccounts, ListAccountRoles
 *     (paged with max_result / next_token, as the portal API documents);
 *   - Service Quotas (awsJson1_1): GetServiceQuota, GetAWSDefaultServiceQuota, ListServiceQuotas;
 *   - IAM SimulatePrincipalPolicy (awsQuery), answering allowed / implicitDeny / explicitDeny per
 *     action as the test decides; every other IAM call is passed on to moto (`iamProxy`).
 * Tests decide what the "user" does in the browser (approve, deny, never answer).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface QuotaValue {
  code: string;
  name: string;
  /** Applied value; undefined means "not applied" (GetServiceQuota answers NoSuchResource). */
  applied?: number;
  default: number;
}

export interface ContractServerOptions {
  /** Role credentials the portal hands out (keys moto accepts). */
  roleCredentials: { accessKeyId: string; secretAccessKey: string };
  accounts?: { accountId: string; accountName: string; roles: string[] }[];
  quotas?: QuotaValue[];
  /** Seconds an access token lives. */
  tokenLifetime?: number;
  /** How SimulatePrincipalPolicy answers each action; `refuse` answers AccessDenied to the call itself. */
  simulate?: { decide(action: string, resource: string, principal: string): SimulatedDecision } | 'refuse';
  /** Where IAM calls other than SimulatePrincipalPolicy go (moto). */
  iamProxy?: string;
}

export type SimulatedDecision = 'allowed' | 'implicitDeny' | 'explicitDeny';

interface DeviceAuth {
  deviceCode: string;
  userCode: string;
  clientId: string;
  state: 'pending' | 'approved' | 'denied';
  expiresAt: number;
  slowDownOnce: boolean;
}

export interface ContractServer {
  url: string;
  /** Every SimulatePrincipalPolicy call: who was simulated, for which actions on which resources. */
  simulations: { principal: string; actions: string[]; resources: string[] }[];
  /** Every request, as `METHOD path` or the X-Amz-Target. */
  requests: string[];
  /** What the user does on the verification page for the next device authorization. */
  nextUserAction: 'approve' | 'deny' | 'ignore';
  /** Answer the next device poll with slow_down once. */
  slowDownNext: boolean;
  /** Seconds the next device code lives (StartDeviceAuthorization's expiresIn); 600 unless set. */
  nextDeviceExpiresIn: number;
  /** The largest page ListAccounts / ListAccountRoles return (the API allows 1-100). */
  pageSize: number;
  issuedTokens: Set<string>;
  revokeAllTokens(): void;
  /** The user approves every pending device authorization on the verification page (after 'ignore'). */
  approvePending(): number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(JSON.stringify(body));
}

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

const token = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

export async function startContractServer(options: ContractServerOptions): Promise<ContractServer> {
  const clients = new Map<string, string>();
  const devices = new Map<string, DeviceAuth>();
  const refreshTokens = new Set<string>();
  const lifetime = options.tokenLifetime ?? 3600;
  const state: ContractServer = {
    url: '',
    simulations: [],
    requests: [],
    nextUserAction: 'approve',
    slowDownNext: false,
    nextDeviceExpiresIn: 600,
    pageSize: 100,
    issuedTokens: new Set(),
    revokeAllTokens() {
      state.issuedTokens.clear();
      refreshTokens.clear();
    },
    approvePending() {
      let approved = 0;
      for (const auth of devices.values()) {
        if (auth.state !== 'pending') continue;
        auth.state = 'approved';
        approved += 1;
      }
      return approved;
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const oidc = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const input = await body(req);
    if (path === '/client/register') {
      const clientId = token('client-');
      const clientSecret = token('secret-');
      clients.set(clientId, clientSecret);
      const now = Math.floor(Date.now() / 1000);
      return send(res, 200, { clientId, clientSecret, clientIdIssuedAt: now, clientSecretExpiresAt: now + 90 * 86400 });
    }
    if (clients.get(String(input.clientId)) !== input.clientSecret) {
      return send(res, 401, { error: 'invalid_client', error_description: 'Invalid client' }, 'InvalidClientException');
    }
    if (path === '/device_authorization') {
      const auth: DeviceAuth = {
        deviceCode: token('device-'),
        userCode: `${randomBytes(2).toString('hex').toUpperCase()}-${randomBytes(2).toString('hex').toUpperCase()}`,
        clientId: String(input.clientId),
        state: 'pending',
        expiresAt: Date.now() + state.nextDeviceExpiresIn * 1000,
        slowDownOnce: state.slowDownNext,
      };
      const expiresIn = state.nextDeviceExpiresIn;
      state.slowDownNext = false;
      state.nextDeviceExpiresIn = 600;
      devices.set(auth.deviceCode, auth);
      // The "user" acts on the verification page right away.
      if (state.nextUserAction === 'approve') auth.state = 'approved';
      if (state.nextUserAction === 'deny') auth.state = 'denied';
      return send(res, 200, {
        deviceCode: auth.deviceCode,
        userCode: auth.userCode,
        verificationUri: 'https://device.sso.us-east-1.amazonaws.com/',
        verificationUriComplete: `https://device.sso.us-east-1.amazonaws.com/?user_code=${auth.userCode}`,
        expiresIn,
        interval: 1,
      });
    }
    if (path === '/token') {
      const issue = () => {
        const accessToken = token('access-');
        const refreshToken = token('refresh-');
        state.issuedTokens.add(accessToken);
        refreshTokens.add(refreshToken);
        return send(res, 200, { accessToken, tokenType: 'Bearer', expiresIn: lifetime, refreshToken });
      };
      if (input.grantType === 'refresh_token') {
        if (!refreshTokens.has(String(input.refreshToken)))
          return send(
            res,
            400,
            { error: 'invalid_grant', error_description: 'Invalid refresh token' },
            'InvalidGrantException',
          );
        refreshTokens.delete(String(input.refreshToken));
        return issue();
      }
      const auth = devices.get(String(input.deviceCode));
      if (!auth || auth.clientId !== input.clientId)
        return send(
          res,
          400,
          { error: 'invalid_grant', error_description: 'Invalid device code' },
          'InvalidGrantException',
        );
      if (Date.now() > auth.expiresAt)
        return send(
          res,
          400,
          { error: 'expired_token', error_description: 'Device code expired' },
          'ExpiredTokenException',
        );
      if (auth.slowDownOnce) {
        auth.slowDownOnce = false;
        return send(res, 400, { error: 'slow_down', error_description: 'Polling too fast' }, 'SlowDownException');
      }
      if (auth.state === 'pending')
        return send(
          res,
          400,
          { error: 'authorization_pending', error_description: 'Pending' },
          'AuthorizationPendingException',
        );
      if (auth.state === 'denied')
        return send(
          res,
          400,
          { error: 'access_denied', error_description: 'The user denied access' },
          'AccessDeniedException',
        );
      devices.delete(auth.deviceCode);
      return issue();
    }
    return send(res, 404, { message: 'Not found' });
  };

  /**
   * ListAccounts / ListAccountRoles paging: max_result (1-100) and an opaque next_token, as the
   * portal API documents; a token this server did not hand out is a bad request.
   */
  const pageTokens = new Map<string, number>();
  const paged = <T>(url: URL, all: T[]): { items: T[]; nextToken?: string } | undefined => {
    const max = Number(url.searchParams.get('max_result') ?? state.pageSize);
    if (!Number.isInteger(max) || max < 1 || max > 100) return undefined;
    const tokenIn = url.searchParams.get('next_token');
    const start = tokenIn === null ? 0 : pageTokens.get(tokenIn);
    if (start === undefined) return undefined;
    const size = Math.min(max, state.pageSize);
    const items = all.slice(start, start + size);
    if (start + size >= all.length) return { items };
    const nextToken = token('page-');
    pageTokens.set(nextToken, start + size);
    return { items, nextToken };
  };
  const badRequest = (res: ServerResponse) =>
    send(res, 400, { message: 'Invalid max_result or next_token' }, 'InvalidRequestException');

  const portal = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const bearer = String(req.headers['x-amz-sso_bearer_token'] ?? '');
    if (!state.issuedTokens.has(bearer))
      return send(res, 401, { message: 'Session token not found or invalid' }, 'UnauthorizedException');
    const accounts = options.accounts ?? [];
    if (url.pathname === '/federation/credentials') {
      const account = accounts.find((a) => a.accountId === url.searchParams.get('account_id'));
      if (accounts.length && (!account || !account.roles.includes(url.searchParams.get('role_name') ?? ''))) {
        return send(res, 403, { message: 'No access' }, 'ForbiddenException');
      }
      return send(res, 200, {
        roleCredentials: {
          ...options.roleCredentials,
          sessionToken: token('session-'),
          expiration: Date.now() + 3_600_000,
        },
      });
    }
    if (url.pathname === '/assignment/accounts') {
      const page = paged(
        url,
        accounts.map(({ accountId, accountName }) => ({
          accountId,
          accountName,
          emailAddress: `${accountName}@example.com`,
        })),
      );
      if (!page) return badRequest(res);
      return send(res, 200, { accountList: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) });
    }
    if (url.pathname === '/assignment/roles') {
      const account = accounts.find((a) => a.accountId === url.searchParams.get('account_id'));
      const page = paged(
        url,
        (account?.roles ?? []).map((roleName) => ({ roleName, accountId: account!.accountId })),
      );
      if (!page) return badRequest(res);
      return send(res, 200, { roleList: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) });
    }
    return send(res, 404, { message: 'Not found' });
  };

  const quotas = async (req: IncomingMessage, res: ServerResponse, target: string) => {
    const input = await body(req);
    const operation = target.split('.')[1];
    const find = () => (options.quotas ?? []).find((q) => q.code === input.QuotaCode);
    const shape = (q: QuotaValue, value: number) => ({
      ServiceCode: input.ServiceCode ?? 'ec2',
      ServiceName: 'Amazon Elastic Compute Cloud (Amazon EC2)',
      QuotaCode: q.code,
      QuotaName: q.name,
      Value: value,
      Unit: 'None',
      Adjustable: true,
      GlobalQuota: false,
    });
    const missing = () =>
      send(
        res,
        400,
        {
          __type: 'NoSuchResourceException',
          Message: 'The request failed because the specified service or quota does not exist.',
        },
        'NoSuchResourceException',
      );
    if (operation === 'GetServiceQuota') {
      const q = find();
      return q?.applied !== undefined ? send(res, 200, { Quota: shape(q, q.applied) }) : missing();
    }
    if (operation === 'GetAWSDefaultServiceQuota') {
      const q = find();
      return q ? send(res, 200, { Quota: shape(q, q.default) }) : missing();
    }
    if (operation === 'ListServiceQuotas') {
      return send(res, 200, {
        Quotas: (options.quotas ?? []).filter((q) => q.applied !== undefined).map((q) => shape(q, q.applied!)),
      });
    }
    return send(
      res,
      400,
      { __type: 'UnknownOperationException', Message: `Unknown operation ${operation}` },
      'UnknownOperationException',
    );
  };

  const xml = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { 'content-type': 'text/xml' });
    res.end(text);
  };
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

  /** IAM's query protocol: SimulatePrincipalPolicy here, the rest passed on to moto. */
  const iam = async (req: IncomingMessage, res: ServerResponse, raw: Buffer) => {
    const form = new URLSearchParams(raw.toString('utf8'));
    if (form.get('Action') !== 'SimulatePrincipalPolicy') {
      if (!options.iamProxy)
        return xml(res, 400, '<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>');
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(
          ([k, v]) => typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k),
        ),
      ) as Record<string, string>;
      const answer = await fetch(options.iamProxy, { method: 'POST', headers, body: new Uint8Array(raw) });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/xml' });
      return res.end(Buffer.from(await answer.arrayBuffer()));
    }
    const list = (name: string) =>
      [...form.entries()].filter(([k]) => k.startsWith(`${name}.member.`)).map(([, v]) => v);
    const principal = form.get('PolicySourceArn') ?? '';
    const actions = list('ActionNames');
    const resources = list('ResourceArns');
    state.simulations.push({ principal, actions, resources });
    if (options.simulate === 'refuse' || !options.simulate)
      return xml(
        res,
        403,
        `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: ${escape(principal)} is not authorized to perform: iam:SimulatePrincipalPolicy</Message></Error><RequestId>${token('req-')}</RequestId></ErrorResponse>`,
      );
    const decide = options.simulate.decide;
    const members = actions.flatMap((action) =>
      (resources.length ? resources : ['*']).map(
        (resource) =>
          `<member><EvalActionName>${escape(action)}</EvalActionName><EvalResourceName>${escape(resource)}</EvalResourceName><EvalDecision>${decide(action, resource, principal)}</EvalDecision><MatchedStatements/><MissingContextValues/></member>`,
      ),
    );
    return xml(
      res,
      200,
      `<SimulatePrincipalPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><SimulatePrincipalPolicyResult><IsTruncated>false</IsTruncated><EvaluationResults>${members.join('')}</EvaluationResults></SimulatePrincipalPolicyResult><ResponseMetadata><RequestId>${token('req-')}</RequestId></ResponseMetadata></SimulatePrincipalPolicyResponse>`,
    );
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const target = String(req.headers['x-amz-target'] ?? '');
    state.requests.push(target || `${req.method} ${url.pathname}`);
    if (String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on(
        'end',
        () =>
          void iam(req, res, Buffer.concat(chunks)).catch((error: unknown) =>
            send(res, 500, { message: String(error) }),
          ),
      );
      return;
    }
    const handle = target.startsWith('ServiceQuotasV20190624.')
      ? quotas(req, res, target)
      : ['/client/register', '/device_authorization', '/token'].includes(url.pathname)
        ? oidc(req, res, url.pathname)
        : Promise.resolve(portal(req, res, url));
    handle.catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
