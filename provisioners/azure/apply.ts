/**
 * One write of a plan, with the waits Azure needs: a new app is not yet visible to the service
 * principal endpoint (NoBackingApplicationObject), a new app or principal answers 404 to the
 * next write (Graph replicates reads and writes independently), a new principal is unknown to
 * ARM (PrincipalNotFound) and a new role to the assignment endpoint (RoleDefinitionDoesNotExist).
 * Each wait is bounded and told as a log event; anything else fails at once.
 */
import { abortError, PollDelay, sleep as defaultSleep, type Backoff, type Sleep } from '../core/poll';
import { log, type ProvisionEvent } from '../core/events';
import { azureErrorIs } from './api-error';
import type { AzureHttp } from './client';
import type { Op } from './plan';
import { roleBody } from './plan';
import { ASSIGNMENT_DESCRIPTION, assignmentGuid, FIC_DESCRIPTION, lastSegment, type Purpose } from './naming';
import { API, ApplicationShape, ProviderShape, ServicePrincipalShape } from './shapes';
import { appByUniqueName, spByAppId } from './state';

export interface ApplyDeps {
  sleep?: Sleep;
  backoff?: Backoff;
  /** Longest wait for each kind of replication, in ms. */
  budgets?: Partial<Record<'graph' | 'principal' | 'role' | 'provider', number>>;
}

export interface ApplyContext {
  http: AzureHttp;
  sub: string;
  me: string;
  uniqueName: Record<Purpose, string>;
  apps: Partial<Record<Purpose, { id: string; appId: string }>>;
  sps: Partial<Record<Purpose, string>>;
  signal: AbortSignal;
  deps: ApplyDeps;
}

class NotYet extends Error {}

const BUDGET = { graph: 120_000, principal: 300_000, role: 120_000, provider: 600_000 };

/** Call `fn` until it succeeds, retrying (visibly, within a budget) while `waiting` says so. */
async function* retrying<T>(
  ctx: ApplyContext,
  budget: keyof typeof BUDGET,
  what: string,
  waiting: (error: unknown) => boolean,
  fn: () => Promise<T>,
): AsyncGenerator<ProvisionEvent, T> {
  const sleep = ctx.deps.sleep ?? defaultSleep;
  const delay = new PollDelay(ctx.deps.backoff);
  const limit = Date.now() + (ctx.deps.budgets?.[budget] ?? BUDGET[budget]);
  for (;;) {
    if (ctx.signal.aborted) throw abortError();
    try {
      return await fn();
    } catch (error) {
      if (!waiting(error) || Date.now() + delay.ms > limit) throw error;
      yield log(`${what} (waiting ${Math.round(delay.ms / 1000)} s)`);
      await sleep(delay.ms, ctx.signal);
      delay.idle();
    }
  }
}

const graphNotYet = (e: unknown) =>
  azureErrorIs(e, 'Request_ResourceNotFound', 'ResourceNotFound') || (azureErrorIs(e) && e.status === 404);

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is not known yet`);
  return value;
}

async function* upsertApp(ctx: ApplyContext, op: Extract<Op, { t: 'app' }>): AsyncGenerator<ProvisionEvent, string> {
  const { http, signal } = ctx;
  if (op.mode === 'patch') {
    const app = need(ctx.apps[op.purpose], 'the app');
    yield* retrying(ctx, 'graph', 'Waiting for Microsoft Entra ID to replicate the app', graphNotYet, () =>
      http.request('graph', 'PATCH', `/applications/${app.id}`, { body: op.body, signal }),
    );
    return app.appId;
  }
  const path = `/applications(uniqueName='${encodeURIComponent(ctx.uniqueName[op.purpose].replaceAll("'", "''"))}')`;
  const r = await http.request('graph', 'PATCH', path, {
    body: op.body,
    headers: { Prefer: 'create-if-missing' },
    schema: ApplicationShape,
    signal,
  });
  let app = r.body;
  if (!app)
    app = yield* retrying(
      ctx,
      'graph',
      'Waiting for Microsoft Entra ID to replicate the app',
      (e) => e instanceof NotYet,
      async () => {
        const found = await appByUniqueName(http, ctx.uniqueName[op.purpose], signal);
        if (!found) throw new NotYet();
        return found;
      },
    );
  ctx.apps[op.purpose] = { id: app.id, appId: app.appId };
  return app.appId;
}

async function* createSp(ctx: ApplyContext, purpose: Purpose): AsyncGenerator<ProvisionEvent, string> {
  const { http, signal } = ctx;
  const app = need(ctx.apps[purpose], 'the app');
  const sp = yield* retrying(
    ctx,
    'graph',
    'Waiting for Microsoft Entra ID to replicate the new app before its service principal',
    (e) => azureErrorIs(e, 'NoBackingApplicationObject') || graphNotYet(e),
    async () => {
      try {
        const r = await http.request('graph', 'POST', '/servicePrincipals', {
          body: { appId: app.appId },
          schema: ServicePrincipalShape,
          signal,
        });
        return r.body!;
      } catch (error) {
        // Created by an earlier, interrupted run: take the one that exists.
        if (
          azureErrorIs(error, 'Request_MultipleObjectsWithSameKeyValue') ||
          (azureErrorIs(error) && error.status === 409)
        ) {
          const found = await spByAppId(http, app.appId, signal);
          if (found) return found;
        }
        throw error;
      }
    },
  );
  ctx.sps[purpose] = sp.id;
  return sp.id;
}

/** Run one write; returns the id of what it made or changed, when it has one. */
export async function* applyOp(ctx: ApplyContext, op: Op): AsyncGenerator<ProvisionEvent, string | undefined> {
  const { http, sub, signal } = ctx;
  switch (op.t) {
    case 'register': {
      await http.request('arm', 'POST', `/subscriptions/${sub}/providers/${op.ns}/register`, {
        query: { 'api-version': API.resources },
        signal,
      });
      yield* retrying(
        ctx,
        'provider',
        `Waiting for Azure to register ${op.ns}`,
        (e) => e instanceof NotYet,
        async () => {
          const r = await http.request('arm', 'GET', `/subscriptions/${sub}/providers/${op.ns}`, {
            query: { 'api-version': API.resources },
            schema: ProviderShape,
            signal,
          });
          if (r.body?.registrationState !== 'Registered') throw new NotYet();
        },
      );
      return op.ns;
    }
    case 'rg':
      await http.request(
        'arm',
        'PUT',
        `/subscriptions/${sub}/resourcegroups/${encodeURIComponent(op.key.split(':')[1]!)}`,
        {
          query: { 'api-version': API.resources },
          body: { location: op.location, tags: op.tags },
          signal,
        },
      );
      return undefined;
    case 'restore': {
      const r = await http.request('graph', 'POST', `/directory/deletedItems/${op.deletedId}/restore`, {
        schema: ApplicationShape,
        signal,
      });
      if (r.body) ctx.apps[op.purpose] = { id: r.body.id, appId: r.body.appId };
      return r.body?.appId;
    }
    case 'app':
      return yield* upsertApp(ctx, op);
    case 'fic': {
      const app = need(ctx.apps[op.purpose], 'the app');
      const name = encodeURIComponent(op.fic.name.replaceAll("'", "''"));
      yield* retrying(
        ctx,
        'graph',
        'Waiting for Microsoft Entra ID to replicate the app before its federated credential',
        graphNotYet,
        () =>
          http.request('graph', 'PATCH', `/applications/${app.id}/federatedIdentityCredentials(name='${name}')`, {
            body: {
              name: op.fic.name,
              issuer: op.fic.issuer,
              subject: op.fic.subject,
              audiences: op.fic.audiences,
              description: FIC_DESCRIPTION,
            },
            headers: { Prefer: 'create-if-missing' },
            signal,
          }),
      );
      return op.fic.name;
    }
    case 'sp':
      return yield* createSp(ctx, op.purpose);
    case 'owner': {
      const sp = need(ctx.sps[op.purpose], 'the service principal');
      yield* retrying(
        ctx,
        'graph',
        'Waiting for Microsoft Entra ID to replicate the service principal before its owner',
        graphNotYet,
        () =>
          http.request('graph', 'POST', `/servicePrincipals/${sp}/owners/$ref`, {
            body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${ctx.me}` },
            signal,
          }),
      );
      return ctx.me;
    }
    case 'role':
      await http.request(
        'arm',
        'PUT',
        `${op.role.scope}/providers/Microsoft.Authorization/roleDefinitions/${op.role.guid}`,
        {
          query: { 'api-version': API.authorization },
          body: roleBody(op.role),
          signal,
        },
      );
      return op.role.guid;
    case 'roleDelete':
      yield* retrying(
        ctx,
        'role',
        'Waiting for Azure to see that the role is no longer assigned',
        (e) => azureErrorIs(e, 'RoleDefinitionHasAssignments', 'RoleDefinitionInUse'),
        () =>
          http.request('arm', 'DELETE', `${op.scope}/providers/Microsoft.Authorization/roleDefinitions/${op.guid}`, {
            query: { 'api-version': API.authorization },
            allow: [404],
            signal,
          }),
      );
      return op.guid;
    case 'assign':
      return yield* assign(ctx, op);
    case 'unassign':
      await http.request('arm', 'DELETE', op.id, { query: { 'api-version': API.authorization }, allow: [404], signal });
      return op.id;
    case 'policyAdd':
    case 'policyRemove': {
      const objectId = op.t === 'policyAdd' ? need(ctx.sps.storage, 'the storage service principal') : op.objectId;
      await http.request('arm', 'PUT', `${op.vaultId}/accessPolicies/${op.t === 'policyAdd' ? 'add' : 'remove'}`, {
        query: { 'api-version': API.keyVault },
        body: {
          properties: {
            accessPolicies: [{ tenantId: op.tenantId, objectId, permissions: { secrets: ['get', 'list'] } }],
          },
        },
        signal,
      });
      return op.vaultId;
    }
  }
}

async function* assign(ctx: ApplyContext, op: Extract<Op, { t: 'assign' }>): AsyncGenerator<ProvisionEvent, string> {
  const principal = need(ctx.sps[op.want.principal], 'the service principal');
  const name = assignmentGuid(op.want.scope, op.want.roleGuid, principal);
  const id = `${op.want.scope}/providers/Microsoft.Authorization/roleAssignments/${name}`;
  try {
    yield* retrying(
      ctx,
      'principal',
      'Waiting for Azure to see the new identity and role',
      (e) => azureErrorIs(e, 'PrincipalNotFound', 'RoleDefinitionDoesNotExist', 'InvalidRoleDefinitionId'),
      () =>
        ctx.http.request('arm', 'PUT', id, {
          query: { 'api-version': API.authorization },
          body: {
            properties: {
              roleDefinitionId: op.want.roleDefinitionId,
              principalId: principal,
              principalType: 'ServicePrincipal',
              description: ASSIGNMENT_DESCRIPTION,
            },
          },
          signal: ctx.signal,
        }),
    );
  } catch (error) {
    // The same grant under another name (the Terraform's, or a hand-made one): it is there.
    if (azureErrorIs(error, 'RoleAssignmentExists')) return lastSegment(id);
    throw error;
  }
  return id;
}
