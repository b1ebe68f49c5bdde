/**
 * Teardown of only what this app made, in the safe order: refuse while AKS clusters live in the
 * group (Studio's; deleting the group would delete them), then role assignments (before their
 * principals, or they linger as "Identity not found" orphans), access-policy entries, the custom
 * roles, the group (only when this app made it and nothing else of the user's is in it), and
 * the apps last — they stay in the Entra recycle bin for 30 days, and a later deploy restores
 * them with the same client ids. What was adopted from the Terraform is released, not deleted.
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
import { isRecordTag } from './record';
import type { AzureLeftAlone, AzureSetupRef, AzureTeardownResult } from './setup.schema';
import { API, GroupResourceShape, ManagedClusterShape } from './shapes';
import { observe } from './state';

export const TEARDOWN_CANCEL_MEANING =
  'Teardown cannot be cancelled halfway from here: stopping between steps could leave grants without their roles.';

export async function* teardownSetup(
  http: AzureHttp,
  ref: AzureSetupRef,
  options: { signal: AbortSignal; deps?: ApplyDeps },
): AsyncGenerator<ProvisionEvent, AzureTeardownResult> {
  const { signal } = options;
  const sleep = options.deps?.sleep ?? defaultSleep;
  const { rg, record } = await readSetup(http, ref, signal);
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

  // 4. The group: deleted only when this app made it and Azure lists nothing in it.
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

  // 5. The apps, last (the service principals go with them).
  const recycleBin: AzureTeardownResult['recycleBin'] = [];
  for (const p of PURPOSES) {
    const app = o.apps[p].app;
    if (!app) continue;
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

function namesOf(resources: { name: string }[]): string {
  const shown = resources.slice(0, 5).map((r) => r.name);
  return resources.length > 5 ? `${shown.join(', ')} and ${resources.length - 5} more` : shown.join(', ');
}
