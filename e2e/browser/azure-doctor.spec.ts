import { spawnSync } from 'node:child_process';
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
 * The doctor on Azure's Manage screen, by visible labels, against the strict Azure peer: a setup
 * deployed through the app passes ("Studio can get in"); faults planted in the peer behind the
 * app's back (the storage app's federated credential names another team, the compute
 * assignment deleted, the access-policy vault switched to Azure RBAC) are each found with how to
 * fix them; the fix the app can apply (deploy again from the setup's record) offers itself, and
 * afterwards the doctor passes again and the peer holds the setup as made.
 */
let world: AzureWorld;
const TEAM = 'acme-doctor';
const GROUP = 'datachain';

test.beforeAll(async () => {
  world = await startAzureWorld();
});
test.afterAll(async () => world?.close());
test.afterEach(() => world.peer.assertClean({ ignoreRefused: EXPECTED_REFUSALS }));

const az = spawnSync('az', ['version'], { encoding: 'utf8' });
test('the Azure doctor says Studio can get in, finds planted faults with their fixes, and puts them right', async ({
  page,
}) => {
  test.skip(az.status !== 0, 'The Azure CLI (az) is not installed here: .ci/run installs Debian azure-cli.');
  test.setTimeout(900_000);
  const peer = world.peer;
  const sub = peer.subscription.subscriptionId;
  const [lake] = SEEDED.accounts;
  const policyVault = SEEDED.vaults[1];
  const login = await runAz(peer, ['login', '-u', peer.admin.upn, '-p', peer.admin.password, '--output', 'none']);
  expect(login.code, login.stderr).toBe(0);

  await world.fresh(
    azureDraft(world, 'review', {
      team: TEAM,
      azure: {
        storageAccounts: [draftAccount(world, lake.resourceGroup, lake.name)],
        vaults: [
          {
            id: `/subscriptions/${sub}/resourceGroups/${policyVault.resourceGroup}/providers/Microsoft.KeyVault/vaults/${policyVault.name}`,
            name: policyVault.name,
            resourceGroup: policyVault.resourceGroup,
            vaultUri: `https://${policyVault.name}.vault.azure.net/`,
            model: 'accessPolicy',
          },
        ],
      },
    }),
  );
  await page.goto(world.host.launchUrl);
  await expect(page.getByRole('heading', { name: 'Review the plan' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Planned changes' })).toContainText('datachain-oidc-storage', {
    timeout: 90_000,
  });
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Deployed' })).toBeVisible({ timeout: 300_000 });

  await page.getByRole('button', { name: 'Manage setups' }).click();
  await expect(page.getByRole('table', { name: 'Setups' })).toContainText(GROUP, { timeout: 60_000 });
  await page.getByRole('button', { name: new RegExp(`^Manage ${GROUP} in `) }).click();
  await expect(page.getByRole('heading', { name: GROUP, exact: true })).toBeVisible();

  // A fresh setup: the doctor says plainly that Studio can get in, and every check passed.
  const doctor = page.getByRole('region', { name: 'Doctor' });
  await doctor.getByRole('button', { name: 'Run the doctor' }).click();
  await expect(doctor.getByText(/^Studio can get in/)).toBeVisible({ timeout: 120_000 });
  const passed = await doctor.getByText(/^\d+ of \d+ checks passed\.$/).innerText();
  const [, ok, all] = /^(\d+) of (\d+)/.exec(passed)!;
  expect(ok).toBe(all);
  expect(Number(all)).toBeGreaterThan(5);
  await expect(doctor.getByRole('list', { name: 'Findings' })).toHaveCount(0);
  await doctor.scrollIntoViewIfNeeded();
  await captureScreen(page, 'azure-doctor-01-ok');

  // Planted behind the app's back: another team's subject on the storage app's credential, the
  // compute service principal's assignments deleted, the access-policy vault switched to RBAC.
  const tenant = peer.tenant;
  const appOf = (prefix: string) => [...tenant.applications.values()].find((a) => a.uniqueName?.startsWith(prefix))!;
  const storageApp = appOf('datachain-oidc-storage');
  const ownSubject = storageApp.federatedIdentityCredentials[0]!.subject;
  storageApp.federatedIdentityCredentials[0]!.subject = 'credentials:another-team/datachain-storage';
  const computeSp = [...tenant.servicePrincipals.values()].find(
    (s) => s.appId === appOf('datachain-oidc-compute').appId,
  )!;
  for (const [key, a] of peer.state.roleAssignments)
    if (a.principalId === computeSp.id) peer.state.roleAssignments.delete(key);
  const vault = [...peer.subscription.keyVaults.values()].find((v) => v.name === policyVault.name)!;
  vault.rbac = true;

  await doctor.getByRole('button', { name: 'Check again' }).click();
  await expect(doctor.getByText(/^Studio may not get in/)).toBeVisible({ timeout: 120_000 });
  const findings = doctor.getByRole('list', { name: 'Findings' });
  const failed = findings.getByRole('listitem').filter({ has: page.locator('.badge', { hasText: /^fail$/ }) });
  await expect(failed.filter({ hasText: 'credentials:another-team/datachain-storage' })).not.toHaveCount(0);
  await expect(failed.filter({ hasText: policyVault.name }).first()).toContainText('Azure RBAC now');
  // Every failure says how to fix it.
  const count = await failed.count();
  expect(count).toBeGreaterThanOrEqual(3);
  for (let i = 0; i < count; i++) await expect(failed.nth(i)).toContainText('How to fix it:');
  const fix = failed
    .getByRole('button', { name: 'Deploy the setup again (puts back what it made, as its record says)' })
    .first();
  await expect(fix).toBeVisible();
  await doctor.scrollIntoViewIfNeeded();
  await captureScreen(page, 'azure-doctor-02-faults');

  // The fix is planned like any change of the setup: shown first (what it puts back), brought into
  // view, and applied only when asked.
  await fix.click();
  const planned = page.getByRole('region', { name: 'Planned change' });
  const heading = planned.getByRole('heading', { name: 'Put back what this setup made, as its record says' });
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
  const changes = planned.getByRole('table', { name: 'Planned changes' });
  await expect(changes).toBeVisible({ timeout: 120_000 });
  expect(storageApp.federatedIdentityCredentials[0]!.subject, 'nothing changes before Apply').not.toBe(ownSubject);
  await captureScreen(page, 'azure-doctor-03-fix-planned');
  await applyPlannedChange(page, 'Put back what this setup made, as its record says', { timeout: 300_000 });
  // The doctor starts afresh once the setup has changed.
  await doctor.getByRole('button', { name: 'Run the doctor' }).click();
  await expect(doctor.getByText(/^Studio can get in/)).toBeVisible({ timeout: 120_000 });
  // The peer holds the setup as made again: the team's subject, the compute assignments.
  expect(storageApp.federatedIdentityCredentials[0]!.subject).toBe(ownSubject);
  expect(azureInspector(peer).assignments('compute').length).toBeGreaterThan(0);
  await doctor.scrollIntoViewIfNeeded();
  await captureScreen(page, 'azure-doctor-04-fixed');
});
