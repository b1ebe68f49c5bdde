import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { runAz } from '../../test/support/azure/az';
import { expect, test } from '../support/fixtures';
import { azureInspector } from '../support/azure-inspect';
import {
  azureDraft,
  draftAccount,
  EXPECTED_REFUSALS,
  SEEDED,
  startAzureWorld,
  type AzureWorld,
} from '../support/azure-world';
import { applyPlannedChange } from '../support/manage';
import { captureScreen } from '../support/screens';

/*
 * Day 2 on Azure, by visible labels: a setup deployed through the app is found on the dashboard;
 * a storage account is granted, then a secret of an access-policy vault (each plan shown first,
 * nothing changed before Apply), one is revoked; the export is the same from another computer
 * (it reads the setup's record in the cloud); teardown is refused while an AKS cluster lives in
 * the group, then removes everything the setup made. The peer's state is checked after each.
 */
let world: AzureWorld;
const TEAM = 'acme-manage';
const GROUP = 'datachain';

test.beforeAll(async () => {
  world = await startAzureWorld();
});
test.afterAll(async () => world?.close());
test.afterEach(() => world.peer.assertClean({ ignoreRefused: EXPECTED_REFUSALS }));

/** Sign in as this computer's Azure CLI user, open the dashboard and the setup. */
async function openSetup(page: Page) {
  await page.getByRole('button', { name: 'Manage setups' }).click();
  const setups = page.getByRole('table', { name: 'Setups' });
  await expect(setups).toContainText(GROUP, { timeout: 60_000 });
  await expect(setups).toContainText(TEAM);
  // In words, as the portal says them: the location's name and the setup's state.
  const row = setups.getByRole('row').filter({ hasText: GROUP });
  await expect(row).toContainText('East US');
  await expect(row).toContainText('Deployed');
  await page.getByRole('button', { name: new RegExp(`^Manage ${GROUP} in `) }).click();
  await expect(page.getByRole('heading', { name: GROUP, exact: true })).toBeVisible();
  // Which subscription, by its name (not its id).
  await expect(page.getByText('DataChain Test Subscription', { exact: true })).toBeVisible();
}

async function exportJson(page: Page) {
  const download = page.waitForEvent('download');
  await page
    .getByRole('region', { name: 'Outputs' })
    .getByRole('button', { name: 'Export Studio config (JSON)' })
    .click();
  const file = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
  delete file.generatedAt;
  return file;
}

const az = spawnSync('az', ['version'], { encoding: 'utf8' });
test('grant a storage account, then an access-policy vault secret, revoke, re-export and tear down', async ({
  page,
}) => {
  test.skip(az.status !== 0, 'The Azure CLI (az) is not installed here: .ci/run installs Debian azure-cli.');
  test.setTimeout(900_000);
  const peer = world.peer;
  const look = azureInspector(peer);
  const [lake, archive] = SEEDED.accounts;
  const policyVault = SEEDED.vaults[1];
  const login = await runAz(peer, ['login', '-u', peer.admin.upn, '-p', peer.admin.password, '--output', 'none']);
  expect(login.code, login.stderr).toBe(0);

  // A setup with one storage account, deployed through the app from a saved review.
  await world.fresh(
    azureDraft(world, 'review', {
      team: TEAM,
      azure: { storageAccounts: [draftAccount(world, lake.resourceGroup, lake.name)] },
    }),
  );
  await page.goto(world.host.launchUrl);
  await expect(page.getByRole('heading', { name: 'Review the plan' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Planned changes' })).toContainText('datachain-oidc-storage', {
    timeout: 90_000,
  });
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Deployed' })).toBeVisible({ timeout: 300_000 });
  const lakeId = look.ids.account(lake.resourceGroup, lake.name);
  const archiveId = look.ids.account(archive.resourceGroup, archive.name);
  expect(look.role('storage')?.assignableScopes.map((s) => s.toLowerCase())).toEqual([lakeId]);

  await openSetup(page);
  await captureScreen(page, 'azure-11-manage');

  // Grant a storage account: bad input refused where typed; the plan first, nothing changed before Apply.
  const accounts = page.getByRole('region', { name: 'Granted storage accounts' });
  await expect(accounts.getByRole('button', { name: `Revoke ${lake.name}` })).toBeVisible();
  await accounts.getByLabel('Grant a storage account').fill('Not_An_Account');
  await expect(accounts.getByText('storage account names are 3 to 24 lowercase letters and digits')).toBeVisible();
  await expect(accounts.getByRole('button', { name: 'Plan the grant' })).toBeDisabled();
  await accounts.getByLabel('Grant a storage account').fill(archive.name);
  await accounts.getByRole('button', { name: 'Plan the grant' }).click();
  const planned = page.getByRole('region', { name: 'Planned change' });
  await expect(planned.getByRole('table', { name: 'Planned changes' })).toContainText(archive.name, {
    timeout: 60_000,
  });
  await captureScreen(page, 'azure-12-manage-plan');
  expect(
    look.assignments('storage').map(([, scope]) => scope),
    'nothing changes before Apply',
  ).not.toContain(archiveId);
  await applyPlannedChange(page, `Grant the storage account ${archive.name}`, { timeout: 180_000 });
  await expect(accounts.getByRole('button', { name: `Revoke ${archive.name}` })).toBeVisible();
  expect(
    look
      .role('storage')
      ?.assignableScopes.map((s) => s.toLowerCase())
      .sort(),
  ).toEqual([lakeId, archiveId].sort());
  expect(look.assignments('storage').map(([, scope]) => scope)).toEqual(expect.arrayContaining([lakeId, archiveId]));

  // Grant a secret of an access-policy vault: its get/list entry for the storage identity.
  const secrets = page.getByRole('region', { name: 'Granted secrets' });
  await secrets.getByLabel('Vault to grant from').selectOption({ label: `${policyVault.name} (Access policies)` });
  await secrets.getByLabel('Grant a secret').fill('legacy-password');
  await secrets.getByRole('button', { name: 'Plan the grant' }).click();
  await expect(planned).toContainText(`on the access-policy vault ${policyVault.name}`, { timeout: 60_000 });
  expect(look.accessPolicy(policyVault.name), 'nothing changes before Apply').toEqual([]);
  await captureScreen(page, 'azure-13-manage-secret-plan');
  await applyPlannedChange(page, `Grant the secret legacy-password of ${policyVault.name}`, { timeout: 180_000 });
  const reference = `LEGACY_PASSWORD=azsecret://${policyVault.name}.vault.azure.net/secrets/legacy-password`;
  await expect(secrets).toContainText(reference);
  expect(look.accessPolicy(policyVault.name).sort()).toEqual(['get', 'list']);
  // An access-policy vault gets no RBAC assignment.
  expect(look.assignments('storage').map(([, scope]) => scope)).not.toContain(
    look.ids.vault(policyVault.resourceGroup, policyVault.name),
  );

  // Revoke the first storage account: its assignment and its assignable scope go.
  await accounts.getByRole('button', { name: `Revoke ${lake.name}` }).click();
  await applyPlannedChange(page, `Revoke the storage account ${lake.name}`, { timeout: 180_000 });
  // The accounts are listed again once the change has applied (while it runs, the progress is shown instead).
  await expect(accounts.getByRole('button', { name: `Revoke ${archive.name}` })).toBeVisible({ timeout: 180_000 });
  await expect(accounts.getByRole('button', { name: `Revoke ${lake.name}` })).toBeHidden();
  expect(look.assignments('storage').map(([, scope]) => scope)).not.toContain(lakeId);
  expect(look.role('storage')?.assignableScopes.map((s) => s.toLowerCase())).toEqual([archiveId]);

  // Re-export: the file says what the setup is now.
  const exported = await exportJson(page);
  expect(exported.storage.accounts).toEqual([{ resourceGroup: archive.resourceGroup, name: archive.name }]);
  expect(exported.storage.secrets).toEqual([expect.objectContaining({ envName: 'LEGACY_PASSWORD', reference })]);
  expect(exported.studio.credentials.storage.clientId).toBe(look.app('storage')!.appId);

  // From another computer (nothing local: a new user-data folder), the same file.
  await page.goto('about:blank');
  await world.fresh();
  await page.goto(world.host.launchUrl);
  await expect(page.getByRole('region', { name: 'Azure identity' })).toContainText('with the Azure CLI session', {
    timeout: 90_000,
  });
  await openSetup(page);
  expect(await exportJson(page)).toEqual(exported);

  // Tear down while Studio still runs a cluster in the group: refused, nothing deleted.
  peer.addManagedCluster({ subscriptionId: peer.subscription.subscriptionId, resourceGroup: GROUP, name: 'dc-aks-1' });
  await page.getByRole('button', { name: `Tear down ${GROUP}` }).click();
  const dialog = page.getByRole('dialog', { name: `Tear down ${GROUP}?` });
  await expect(dialog).toContainText('recycle bin for 30 days');
  await expect(dialog).toContainText('refuses while AKS clusters still exist');
  await captureScreen(page, 'azure-14-teardown-confirm');
  await dialog.getByRole('button', { name: 'Yes, tear it down' }).click();
  await expect(page.getByText('The cluster dc-aks-1 still runs in datachain.')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText('Delete the clusters in Studio first, then tear down the setup.')).toBeVisible();
  await captureScreen(page, 'azure-14-teardown-refused');
  expect(look.app('compute'), 'a refused teardown deletes nothing').toBeDefined();
  expect(look.accessPolicy(policyVault.name).sort()).toEqual(['get', 'list']);

  // Once Studio deleted its cluster: everything the setup made goes, the user's own things stay.
  look.resourceGroup(GROUP)!.managedClusters.length = 0;
  await page.getByRole('button', { name: `Tear down ${GROUP}` }).click();
  await dialog.getByRole('button', { name: 'Yes, tear it down' }).click();
  await expect(page.getByText('Torn down', { exact: true })).toBeVisible({ timeout: 300_000 });
  await expect(page.getByText(/stay in the Microsoft Entra recycle bin for 30 days/)).toBeVisible();
  await captureScreen(page, 'azure-15-torn-down');
  expect(look.app('compute')).toBeUndefined();
  expect(look.app('storage')).toBeUndefined();
  expect(
    look
      .deletedApps()
      .map((a) => a.displayName)
      .sort(),
  ).toEqual(['datachain-oidc-compute', 'datachain-oidc-storage']);
  expect(look.role('compute')).toBeUndefined();
  expect(look.role('storage')).toBeUndefined();
  expect([...peer.state.roleAssignments.values()].filter((a) => a.principalType === 'ServicePrincipal')).toEqual([]);
  expect(look.accessPolicies(policyVault.name)).toEqual([]);
  expect(look.resourceGroup(GROUP)).toBeUndefined();
  // The user's storage accounts and vaults are kept.
  for (const a of SEEDED.accounts)
    expect([...peer.subscription.storageAccounts.values()].map((x) => x.name)).toContain(a.name);
  for (const v of SEEDED.vaults) expect([...peer.subscription.keyVaults.values()].map((x) => x.name)).toContain(v.name);
});
