/**
 * Teardown of only what this app made, in the safe order: refuse while AKS clusters live in the
 * group (Studio's; deleting the group would delete them), then role assignments (before their
 * principals, or they linger as "Identity not found" orphans), access-policy entries, the custom
 * roles, the apps — they stay in the Entra recycle bin for 30 days, and a later deploy restores
 * them with the same client ids — and the group last (deleted only when this app made it and
 * nothing else of the user's is in it). What was adopted from the Terraform is released, not
 * deleted.
 *
 * Resumable: a teardown first marks the record (TEARDOWN_TAG), and the record, on the group,
 * goes last. A teardown interrupted anywhere (the app quit or crashed) leaves the marked record
 * and what is not deleted yet; with `resume` it is finished from there (every step skips what
 * is gone), and a record that is gone means it had finished. Nothing is orphaned on the way.
 */
import { ProvisionError } from '../core/errors';
import { log, type ProvisionEvent } from '../core/events';
import { PollDelay, sleep as defaultSleep } from '../core/poll';
import { azureErrorIs } from './api-error';
import type { ApplyDeps } from './apply';
import type { AzureHttp } from './client';
import { isRbacVault, desiredRole, hasAnyEntry } from './desired';
import { KEY_VAULT_SECRETS_USER, PURPOSES, type Purpose } from './naming';
import { readSetup } from './outputs';
import { getResourceGroup } from './discovery';
import { isRecordTag, TEARDOWN_TAG } from './record';
import type { AzureLeftAlone, AzureSetupRef, AzureTeardownResult } from './setup.schema';
import { API, GroupResourceShape, ManagedClusterShape } from './shapes';
import { observe } from './state';

export const TEARDOWN_CANCEL_MEANING =
  'Teardown cannot be cancelled halfway from here: stopping between steps could leave grants without their roles.';

export async function* teardownSetup(
  http: AzureHttp,
  ref: AzureSetupRef,
  options: { signal: AbortSignal; deps?: ApplyDeps; resume?: boolean },
): AsyncGenerator<ProvisionEvent, AzureTeardownResult> {
  const { signal } = options;
  const sleep = options.deps?.sleep ?? defaultSleep;
  const found = await openTeardown(http, ref, signal, options.resume === true);
  if (!found) {
    yield log(`The teardown of ${ref.resourceGroup} finished while the app was closed.`);
    return { ref, deleted: [], leftAlone: [], recycleBin: [], notes: [] };
  }
  const { rg, record } = found;
  const clusters = await http.list(
    'arm',
    `/subscriptions/${ref.subscriptionId}/resourcegroups/${ref.resourceGroup}/providers/Microsoft.ContainerService/managedClusters`,
    ManagedClusterShape,
    { query: { 'api-version': API.aks }, signal },
  );
  if (clusters.length)
    throw new ProvisionError(
      'CONFLICT',
      `${clusters.length === 1 ? `The cluster ${clusters[0]!.name} still runs` : `${clusters.length} clusters still run`} in ${ref.resourceGroup}.`,
      { hint: 'Delete the clusters in Studio first, then tear down the setup.' },
    );
  if (options.resume)
    yield log(`Finishing the teardown of ${ref.resourceGroup}, which was running when the app closed.`);
  else await markTeardown(http, ref, rg, signal);
  const config = record.config;
  const o = await observe(http, config, { signal });
  const deleted: string[] = [];
  const leftAlone: AzureLeftAlone[] = [];
  const resource = (
    logicalId: string,
    resourceType: string,
    status: 'deleting' | 'deleted' | 'skipped',
    reason?: string,
  ): ProvisionEvent => ({
    type: 'resource',
    logicalId,
    resourceType,
    status,
    ...(reason ? { reason } : {}),
  });
  const ours = (p: Purpose) => o.apps[p].source === 'unique';
  const roles = { compute: desiredRole(o, config, 'compute'), storage: desiredRole(o, config, 'storage') };
  const ourRoleGuids = new Set(PURPOSES.map((p) => roles[p].guid.toLowerCase()));
  const recordedVaults = new Set(config.vaults.map((v) => v.name.toLowerCase()));

  // 1. Role assignments of our principals: our roles anywhere, Key Vault Secrets User on our vaults.
  for (const p of PURPOSES) {
    if (!ours(p)) {
      if (o.apps[p].app)
        leftAlone.push({
          kind: 'roleAssignment',
          id: o.names.displayName[p],
          reason: 'Its app was adopted from the Terraform: its grants are released, not removed.',
        });
      continue;
    }
    for (const a of o.apps[p].assignments) {
      const guid = a.properties.roleDefinitionId.split('/').at(-1)!.toLowerCase();
      const vault = /\/vaults\/([^/]+)$/i.exec(a.properties.scope ?? '')?.[1]?.toLowerCase();
      const mine =
        ourRoleGuids.has(guid) || (guid === KEY_VAULT_SECRETS_USER && vault !== undefined && recordedVaults.has(vault));
      if (!mine) {
        leftAlone.push({ kind: 'roleAssignment', id: a.id, reason: 'Not made by this setup.' });
        continue;
      }
      yield resource(a.id, 'Microsoft.Authorization/roleAssignments', 'deleting');
      await http.request('arm', 'DELETE', a.id, { query: { 'api-version': API.authorization }, allow: [404], signal });
      deleted.push(a.id);
      yield resource(a.id, 'Microsoft.Authorization/roleAssignments', 'deleted');
    }
  }

  // 2. Access-policy entries of the storage principal on the vaults the setup granted.
  const storageSp = ours('storage') ? o.apps.storage.sp?.id : undefined;
  for (const vault of o.vaults.filter((v) => !isRbacVault(v) && recordedVaults.has(v.name.toLowerCase()))) {
    if (!storageSp || !hasAnyEntry(vault, storageSp)) continue;
    yield resource(`${vault.id}/accessPolicies`, 'Microsoft.KeyVault/vaults/accessPolicies', 'deleting');
    await http.request('arm', 'PUT', `${vault.id}/accessPolicies/remove`, {
      query: { 'api-version': API.keyVault },
      body: {
        properties: {
          accessPolicies: [
            {
              tenantId: vault.properties.tenantId ?? ref.tenantId,
              objectId: storageSp,
              permissions: { secrets: ['get', 'list'] },
            },
          ],
        },
      },
      signal,
    });
    deleted.push(`${vault.name} access policy`);
    yield resource(`${vault.id}/accessPolicies`, 'Microsoft.KeyVault/vaults/accessPolicies', 'deleted');
  }

  // 3. The custom roles (ours only; an adopted Terraform role is released).
  for (const p of PURPOSES) {
    const role = roles[p];
    if (!role.existing) continue;
    if (role.adopted) {
      leftAlone.push({
        kind: 'roleDefinition',
        id: role.roleName,
        reason: 'Adopted from the Terraform: released, not deleted.',
      });
      continue;
    }
    const id = `${role.scope}/providers/Microsoft.Authorization/roleDefinitions/${role.guid}`;
    yield resource(id, 'Microsoft.Authorization/roleDefinitions', 'deleting');
    const delay = new PollDelay(options.deps?.backoff);
    for (let attempt = 1; ; attempt++) {
      try {
        await http.request('arm', 'DELETE', id, { query: { 'api-version': API.authorization }, allow: [404], signal });
        break;
      } catch (error) {
        if (attempt >= 8 || !azureErrorIs(error, 'RoleDefinitionHasAssignments', 'RoleDefinitionInUse')) throw error;
        yield log(`Waiting for Azure to see that ${role.roleName} is no longer assigned`);
        await sleep(delay.ms, signal);
        delay.idle();
      }
    }
    deleted.push(role.roleName);
    yield resource(id, 'Microsoft.Authorization/roleDefinitions', 'deleted');
  }

  // 4. The apps (the service principals go with them).
  const recycleBin: AzureTeardownResult['recycleBin'] = [];
  for (const p of PURPOSES) {
    const app = o.apps[p].app;
    if (!app) {
      // Deleted already (a teardown resumed after its apps went): an app holding this setup's
      // unique name is in the recycle bin, still restorable by the next deploy, so it is said all
      // the same (an adopted Terraform app was released, never deleted: none of its own is there).
      const binned = o.apps[p].deleted;
      if (binned && !record.adopted.apps[p])
        recycleBin.push({
          displayName: binned.displayName ?? o.names.displayName[p],
          appId: binned.appId,
          objectId: binned.id,
        });
      continue;
    }
    if (!ours(p)) {
      leftAlone.push({
        kind: 'application',
        id: app.appId,
        reason: 'Adopted from the Terraform: released, not deleted.',
      });
      continue;
    }
    yield resource(app.id, 'microsoft.graph.application', 'deleting');
    await http.request('graph', 'DELETE', `/applications/${app.id}`, { allow: [404], signal });
    deleted.push(o.names.displayName[p]);
    recycleBin.push({ displayName: app.displayName ?? o.names.displayName[p], appId: app.appId, objectId: app.id });
    yield resource(app.id, 'microsoft.graph.application', 'deleted');
  }
  // 5. The group, with the record, last: deleted only when this app made it and Azure lists nothing in it.
  yield* releaseOrDeleteGroup(http, ref, {
    rg,
    adopted: record.adopted.resourceGroup,
    o,
    deleted,
    leftAlone,
    signal,
    sleep,
    backoff: options.deps?.backoff,
  });

  const notes = recycleBin.length
    ? [
        `The app registrations stay in the Microsoft Entra recycle bin for 30 days (Entra ID → App registrations → Deleted applications). Deploying this setup again within that time restores them with the same client IDs.`,
      ]
    : [];
  return { ref, deleted, leftAlone, recycleBin, notes };
}

async function* releaseOrDeleteGroup(
  http: AzureHttp,
  ref: AzureSetupRef,
  s: {
    rg: { id: string; name: string; location: string; tags: Record<string, string> };
    adopted: boolean;
    o: Awaited<ReturnType<typeof observe>>;
    deleted: string[];
    leftAlone: AzureLeftAlone[];
    signal: AbortSignal;
    sleep: typeof defaultSleep;
    backoff?: import('../core/poll').Backoff;
  },
): AsyncGenerator<ProvisionEvent, void> {
  const path = `/subscriptions/${ref.subscriptionId}/resourcegroups/${ref.resourceGroup}`;
  // Deleting a group deletes everything in it: ask Azure what is there, not only what we know of.
  const inGroup = s.adopted
    ? []
    : await http.list('arm', `${path}/resources`, GroupResourceShape, {
        query: { 'api-version': API.resources },
        signal: s.signal,
      });
  if (s.adopted || inGroup.length) {
    const kept = Object.fromEntries(Object.entries(s.rg.tags).filter(([k]) => !isRecordTag(k)));
    await http.request('arm', 'PUT', path, {
      query: { 'api-version': API.resources },
      body: { location: s.rg.location, tags: kept },
      signal: s.signal,
    });
    s.leftAlone.push({
      kind: 'resourceGroup',
      id: s.rg.id,
      reason: s.adopted
        ? 'It existed before this setup: only the setup’s tags were removed.'
        : `It holds resources of yours (${namesOf(inGroup)}): only the setup’s tags were removed.`,
    });
    return;
  }
  yield {
    type: 'resource',
    logicalId: s.rg.id,
    resourceType: 'Microsoft.Resources/resourceGroups',
    status: 'deleting',
  };
  await http.request('arm', 'DELETE', path, {
    query: { 'api-version': API.resources },
    allow: [404],
    signal: s.signal,
  });
  const delay = new PollDelay(s.backoff);
  for (let i = 0; i < 120; i++) {
    const r = await http.request('arm', 'GET', path, {
      query: { 'api-version': API.resources },
      allow: [404],
      signal: s.signal,
    });
    if (r.status === 404) break;
    yield log(`Waiting for Azure to delete the resource group ${ref.resourceGroup}`);
    await s.sleep(delay.ms, s.signal);
    delay.idle();
  }
  s.deleted.push(ref.resourceGroup);
  yield { type: 'resource', logicalId: s.rg.id, resourceType: 'Microsoft.Resources/resourceGroups', status: 'deleted' };
}

/**
 * The setup to tear down. Resuming, a record that is gone means the teardown had finished (the
 * record goes last); one without the teardown's mark means it had not started, and nothing is done.
 */
async function openTeardown(http: AzureHttp, ref: AzureSetupRef, signal: AbortSignal, resume: boolean) {
  if (resume) {
    const rg = await getResourceGroup(http, ref.subscriptionId, ref.resourceGroup, { signal });
    if (!rg || !Object.keys(rg.tags).some(isRecordTag)) return undefined;
  }
  const found = await readSetup(http, ref, signal);
  if (resume && found.rg.tags[TEARDOWN_TAG] === undefined)
    throw new ProvisionError(
      'NOT_FOUND',
      `The teardown of ${ref.resourceGroup} had not started when the app closed; nothing was deleted.`,
      { hint: 'Tear the setup down again from the dashboard if you still want it gone.' },
    );
  return found;
}

/** Mark the record: from here on, an interrupted teardown is finished after a restart. */
async function markTeardown(
  http: AzureHttp,
  ref: AzureSetupRef,
  rg: { location: string; tags: Record<string, string> },
  signal: AbortSignal,
) {
  await http.request('arm', 'PUT', `/subscriptions/${ref.subscriptionId}/resourcegroups/${ref.resourceGroup}`, {
    query: { 'api-version': API.resources },
    body: { location: rg.location, tags: { ...rg.tags, [TEARDOWN_TAG]: new Date().toISOString() } },
    signal,
  });
}

function namesOf(resources: { name: string }[]): string {
  const shown = resources.slice(0, 5).map((r) => r.name);
  return resources.length > 5 ? `${shown.join(', ')} and ${resources.length - 5} more` : shown.join(', ');
}
