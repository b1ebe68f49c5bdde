/**
 * Azure behind the provider seam: a setup is a resource group (marker tags and the setup's
 * record) with two app registrations, their federated credentials and service principals, two
 * custom roles and their grants. The app gives the provider a typed client per tenant (made from
 * the signed-in user's credential, which never enters this module); plans are computed from
 * reads, and deploy re-reads and converges, so a plan's deployable is just its config.
 */
import { randomUUID } from 'node:crypto';
import { ProvisionError } from '../core/errors';
import type { Finding } from '../core/findings.schema';
import type { SetupProvider } from '../core/provider';
import type { Revoking } from '../core/setup.schema';
import type { ApplyDeps } from './apply';
import type { AzureHttp } from './client';
import { azureSecretReference, type AzureSetupConfig } from './config.schema';
import { CANCEL_MEANING, deploySetup } from './deploy';
import { diagnoseAzureSetup, refuseRepairInOneCall } from './doctor/doctor';
import { azureErrorToApiError } from './errors';
import { azureHandoff } from './handoff';
import { nodePoolReport } from './node-pools';
import { readOutputs, readSetup } from './outputs';
import { permissionChecks } from './permissions';
import { computePlan } from './plan';
import type {
  AzureAccountRef,
  AzurePlanView,
  AzureSetupOutputs,
  AzureSetupRef,
  AzureSetupSummary,
} from './setup.schema';
import { findSetups } from './setups';
import { observe } from './state';
import { TEARDOWN_CANCEL_MEANING, teardownSetup } from './teardown';

export interface AzureProviderDeps extends ApplyDeps {
  /** A client for the signed-in user in a tenant (the core holds the credential per tenant). */
  client(tenantId: string): AzureHttp | Promise<AzureHttp>;
  /** A new setup's id (default: a random UUID). */
  newSetupId?: () => string;
  /** Who wrote a hand-off script (the app's name and version). */
  generator?: string;
}

export interface AzureDeployable {
  config: AzureSetupConfig;
  setupId: string;
  revoking?: Revoking;
  plannedChanges: number;
}

export type AzurePlanDetails = AzurePlanView;

export type AzureProvider = SetupProvider<
  'azure',
  AzureAccountRef,
  AzureSetupRef,
  AzureSetupConfig,
  AzurePlanDetails,
  AzureDeployable,
  AzureSetupOutputs,
  AzureSetupSummary
>;

const REATTACH_MEANING = 'A re-attached Azure setup is only read: nothing runs again. Deploy again to finish it.';

const refOf = (c: Pick<AzureSetupConfig, 'tenantId' | 'subscriptionId' | 'resourceGroup'>): AzureSetupRef => ({
  cloud: 'azure',
  tenantId: c.tenantId,
  subscriptionId: c.subscriptionId,
  resourceGroup: c.resourceGroup,
});

/** Plan a config: reads, the computed plan, the permission pre-check and the node-pool check. */
export async function planAzureSetup(
  http: AzureHttp,
  config: AzureSetupConfig,
  options: { setupId: string; revoking?: Revoking; signal?: AbortSignal },
): Promise<{ view: AzurePlanView; setupId: string }> {
  const { signal } = options;
  const observed = await observe(http, config, signal ? { signal } : {});
  const plan = computePlan(observed, config, {
    setupId: options.setupId,
    ...(options.revoking ? { revoking: options.revoking } : {}),
  });
  const [permissions, nodePools] = await Promise.all([
    plan.ops.length ? permissionChecks(http, observed, config, plan, signal) : Promise.resolve([]),
    config.nodePools
      ? nodePoolReport(http, config.subscriptionId, config.location, config.nodePools, signal)
      : Promise.resolve(undefined),
  ]);
  const blockers: Finding[] = [...plan.blockers];
  const warnings: Finding[] = [...plan.warnings];
  for (const p of permissions)
    if (p.status === 'missing')
      blockers.push({
        code: 'PERMISSION_MISSING',
        message: `You may not ${p.what.toLowerCase()} (${p.action} on ${p.scope}).`,
        hint: `Ask an admin for ${p.askFor}.`,
      });
    else if (p.status === 'unknown')
      warnings.push({
        code: 'PERMISSION_UNKNOWN',
        message: `Could not check whether you may ${p.what.toLowerCase()}.`,
        hint: `If the deploy is refused, ask an admin for ${p.askFor}.`,
      });
  for (const pool of nodePools?.pools ?? [])
    for (const f of pool.findings)
      (f.severity === 'blocker' ? blockers : warnings).push({
        code: 'NODE_POOL',
        message: `${pool.name}: ${f.message}`,
        ...(f.hint ? { hint: f.hint } : {}),
        field: `nodePools.${pool.name}`,
      });
  for (const q of nodePools?.quotas ?? [])
    if (q.status === 'short') warnings.push({ code: 'VCPU_QUOTA', message: q.message });
  const kind = blockers.length ? 'blocked' : plan.ops.length ? 'changes' : 'no-changes';
  const view: AzurePlanView = {
    cloud: 'azure',
    kind,
    blockers,
    warnings,
    ...(plan.takeover && kind === 'changes' ? { takeover: plan.takeover } : {}),
    ...(kind === 'changes' ? { cancelMeaning: CANCEL_MEANING } : {}),
    tenantId: config.tenantId,
    subscriptionId: config.subscriptionId,
    resourceGroup: config.resourceGroup,
    location: config.location,
    action: plan.action,
    rows: plan.rows,
    roles: plan.roles,
    assignments: plan.assignments,
    accessPolicies: plan.accessPolicies,
    permissions,
    providers: observed.providers,
    ...(nodePools ? { nodePools } : {}),
    writes: kind === 'changes' ? plan.ops.length : 0,
    config,
  };
  return { view, setupId: plan.record.setupId };
}

export function createAzureProvider(deps: AzureProviderDeps): AzureProvider {
  const client = async (tenantId: string) => deps.client(tenantId);
  return {
    cloud: 'azure',
    features: new Set(['sso', 'vaultLevelSecretGrant']),

    async plan(_account, config, { signal, revoking }) {
      const http = await client(config.tenantId);
      const { view, setupId } = await planAzureSetup(http, config, {
        setupId: deps.newSetupId?.() ?? randomUUID(),
        ...(revoking ? { revoking } : {}),
        ...(signal ? { signal } : {}),
      });
      return {
        view,
        ...(view.kind === 'changes'
          ? { deployable: { config, setupId, ...(revoking ? { revoking } : {}), plannedChanges: view.writes } }
          : {}),
      };
    },

    async discard() {
      // Nothing was prepared in Azure: a plan is computed from reads.
    },

    deploy(d) {
      return {
        title: `Set up ${d.config.resourceGroup} in subscription ${d.config.subscriptionId}`,
        cancellable: true,
        cancelMeaning: CANCEL_MEANING,
        target: refOf(d.config),
        plannedChanges: d.plannedChanges,
        run: async function* (signal) {
          const http = await client(d.config.tenantId);
          return yield* deploySetup(
            http,
            { config: d.config, setupId: d.setupId, ...(d.revoking ? { revoking: d.revoking } : {}) },
            { signal, deps },
          );
        },
      };
    },

    attach(ref, { plannedChanges }) {
      return {
        title: `Checking ${ref.resourceGroup} in subscription ${ref.subscriptionId}`,
        cancellable: false,
        cancelMeaning: REATTACH_MEANING,
        target: ref,
        ...(plannedChanges ? { plannedChanges } : {}),
        run: async function* (signal) {
          const http = await client(ref.tenantId);
          const { record } = await readSetup(http, ref, signal);
          const { view } = await planAzureSetup(http, record.config, { setupId: record.setupId, signal });
          for (const row of view.rows)
            yield {
              type: 'resource' as const,
              logicalId: row.key,
              resourceType: row.kind,
              status: row.action === 'none' || row.action === 'adopt' ? ('complete' as const) : ('pending' as const),
            };
          if (view.writes > 0)
            throw new ProvisionError(
              'STACK_NEEDS_ATTENTION',
              `The last deploy of ${ref.resourceGroup} stopped before it finished (${view.writes} steps left).`,
              {
                hint: 'Plan and deploy again: it continues where it stopped.',
              },
            );
          return { ref, outputs: await readOutputs(http, ref, signal), writes: 0, notes: [] };
        },
      };
    },

    teardown(ref, { resume } = {}) {
      return {
        title: `${resume ? 'Finishing the teardown of' : 'Tear down'} ${ref.resourceGroup} in subscription ${ref.subscriptionId}`,
        cancellable: false,
        cancelMeaning: TEARDOWN_CANCEL_MEANING,
        target: ref,
        run: async function* (signal) {
          const http = await client(ref.tenantId);
          return yield* teardownSetup(http, ref, { signal, deps, ...(resume ? { resume } : {}) });
        },
      };
    },

    async outputs(ref, signal) {
      return readOutputs(await client(ref.tenantId), ref, signal);
    },

    async readConfig(ref, signal) {
      const { record } = await readSetup(await client(ref.tenantId), ref, signal);
      return record.config;
    },

    async list(account, signal) {
      return findSetups(await client(account.tenantId), account, signal);
    },

    secretReference: ({ envName, id, key }) => azureSecretReference(envName, id, key),
    toError: azureErrorToApiError,

    async handoff(_account, config, { signal }) {
      return azureHandoff(await client(config.tenantId), config, {
        setupId: deps.newSetupId?.() ?? randomUUID(),
        ...(signal ? { signal } : {}),
        ...(deps.generator ? { generator: deps.generator } : {}),
      });
    },

    async doctor(ref, signal) {
      return diagnoseAzureSetup(await client(ref.tenantId), ref, signal ? { signal } : {});
    },

    async repair(_ref, remedy) {
      return refuseRepairInOneCall(remedy);
    },
  };
}
