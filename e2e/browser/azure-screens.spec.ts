/**
 * Every Azure screen, as a new user walks them against the Azure peer: each one recorded in both
 * themes and checked by axe (serious and critical violations fail), the keyboard focus visible,
 * and Review's plain summary read against what was chosen (who, where, what Studio may touch,
 * what gets created, the honest warnings) before the first write.
 */
import { expect, test } from '../support/fixtures';
import { ISSUER, startAzureWorld, type AzureWorld } from '../support/azure-world';
import { captureScreen } from '../support/screens';
import type { Page } from '@playwright/test';

let world: AzureWorld;

test.beforeAll(async () => {
  world = await startAzureWorld();
  // An account in another location than the one chosen: Review says so.
  world.peer.addStorageAccount({
    subscriptionId: world.peer.subscription.subscriptionId,
    resourceGroup: 'data',
    name: 'acmewest',
    location: 'westus2',
  });
});
test.afterAll(async () => world?.close());
test.describe.configure({ timeout: 480_000 });

const next = (page: Page) => page.getByRole('button', { name: 'Next', exact: true });

/** Nothing wider than the window, and no table wider than the card (or screen) it sits in. */
async function expectNothingOverflows(page: Page, name: string) {
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth)
      out.push(`the page is ${root.scrollWidth}px wide in ${root.clientWidth}px`);
    for (const table of document.querySelectorAll('table')) {
      const box = table.closest('section, .screen')?.getBoundingClientRect();
      const right = table.getBoundingClientRect().right;
      if (box && right > box.right + 1)
        out.push(`table “${table.getAttribute('aria-label')}” ends ${Math.round(right - box.right)}px past its card`);
    }
    return out;
  });
  expect(problems, `${name}: overflow`).toEqual([]);
}

/** The screen in both themes, checked by axe, and checked for overflow to the right. */
async function capture(page: Page, name: string) {
  await captureScreen(page, name);
  await expectNothingOverflows(page, name);
}

/** Tab until the element has focus, then check the focus ring is drawn. */
async function expectVisibleFocus(page: Page, target: ReturnType<Page['getByRole']>) {
  for (let i = 0; i < 60 && !(await target.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
  expect(await target.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
}

/** The pools checked against the location, one pool's editor open for the record. */
async function walkPools(page: Page) {
  await expect(page.getByRole('region', { name: 'vCPU quotas' })).toBeVisible({ timeout: 60_000 });
  await page
    .getByRole('button', { name: /^Edit / })
    .first()
    .click();
  await capture(page, 'azure-07-node-pools');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(next(page)).toBeEnabled({ timeout: 60_000 });
}

test('every Azure screen, in both themes, accessible, from sign-in to teardown', async ({ page }) => {
  await world.fresh();
  await page.goto(world.host.launchUrl);

  // Cloud
  await page.getByRole('radio', { name: /Microsoft Azure/ }).check();
  await capture(page, 'azure-01-cloud');
  await next(page).click();

  // Sign in (browser sign-in: the peer's browser follows the redirect back)
  await expect(page.getByRole('heading', { name: 'Sign in to Azure' })).toBeVisible();
  await capture(page, 'azure-02-sign-in-choose');
  await page.getByRole('button', { name: 'Sign in with the browser' }).click();
  await expect(page.getByRole('region', { name: 'Azure identity' })).toContainText(world.peer.admin.upn, {
    timeout: 60_000,
  });
  await expect(page.getByLabel('Subscription')).toHaveValue(world.peer.subscription.subscriptionId);
  await capture(page, 'azure-02-sign-in-signed-in');
  await expectVisibleFocus(page, next(page));
  await page.keyboard.press('Enter');

  // Studio connection (the neutral screen)
  await expect(page.getByRole('heading', { name: 'Connect to DataChain Studio' })).toBeFocused();
  await page.getByLabel('Studio team (or user)').fill('acme-e2e');
  await page.getByLabel('OIDC issuer').fill(ISSUER);
  await expect(page.getByText('Issuer verified')).toBeVisible({ timeout: 30_000 });
  await expectVisibleFocus(page, page.getByLabel('OIDC issuer'));
  await capture(page, 'azure-03-studio');
  await next(page).click();

  // Location and resource group
  await expect(page.getByRole('heading', { name: 'Location and resource group' })).toBeVisible();
  await page.getByLabel('Location', { exact: true }).selectOption('eastus');
  await expect(page.getByLabel('Resource group', { exact: true })).toHaveValue('datachain');
  await expect(page.getByText('A new resource group')).toBeVisible({ timeout: 30_000 });
  // Node pools: a screen of their own, or on this one under the location (checked against it).
  const quotas = page.getByRole('region', { name: 'vCPU quotas' });
  const poolsHere = await quotas.waitFor({ timeout: 60_000 }).then(
    () => true,
    () => false,
  );
  await capture(page, 'azure-04-location');
  if (poolsHere) await walkPools(page);
  await next(page).click();

  // Storage accounts: the shared-key warning where it applies
  await expect(page.getByRole('heading', { name: 'Storage accounts Studio jobs may use' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'acmelake' }).check();
  await page.getByRole('checkbox', { name: 'acmenokeys' }).check();
  await page.getByRole('checkbox', { name: 'acmewest' }).check();
  const accounts = page.getByRole('region', { name: 'Granted storage accounts' });
  await expect(accounts).toContainText('Shared key access is off for this account');
  // An account made after the list was read, added by name: what the check read is kept, so its
  // shared-key setting gets the same warning here and in Review as a listed account's.
  world.peer.addStorageAccount({
    subscriptionId: world.peer.subscription.subscriptionId,
    resourceGroup: 'data',
    name: 'acmelate',
    location: 'eastus',
    allowSharedKeyAccess: false,
  });
  await page.getByLabel('Add a storage account by name').fill('acmelate');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(accounts.getByRole('listitem').filter({ hasText: 'acmelate' })).toContainText(
    'Shared key access is off for this account',
  );
  await expectVisibleFocus(page, page.getByRole('checkbox', { name: 'acmelake' }));
  await capture(page, 'azure-05-storage-accounts');
  await next(page).click();

  // Key Vaults and secrets: the ready-to-paste reference
  await expect(page.getByRole('heading', { name: 'Key Vault secrets Studio jobs may read' })).toBeVisible();
  const vault = page.getByLabel('Key Vault', { exact: true });
  const rbac = await vault.locator('option', { hasText: 'acme-rbac-kv' }).getAttribute('value', { timeout: 60_000 });
  await vault.selectOption(rbac!);
  await page.getByRole('checkbox', { name: 'db-url' }).check({ timeout: 60_000 });
  await page.getByLabel('Job variable for db-url').fill('DB_URL');
  await page.getByLabel('JSON key in db-url').fill('url');
  await expect(page.getByRole('region', { name: 'Granted secrets' })).toContainText(
    'DB_URL=azsecret://acme-rbac-kv.vault.azure.net/secrets/db-url#url',
  );
  await expectVisibleFocus(page, page.getByRole('button', { name: 'Copy the reference for DB_URL' }));
  await capture(page, 'azure-06-key-vaults');
  await next(page).click();
  // Node pools on a screen of their own, after the vaults.
  if (!poolsHere) {
    await expect(page.getByRole('heading', { name: 'Node pools', exact: true })).toBeVisible();
    await walkPools(page);
    await next(page).click();
  }

  // Review: the summary in plain words first, then the plan
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary).toBeVisible({ timeout: 90_000 });
  const who = summary.getByRole('region', { name: 'Who' });
  await expect(who).toContainText('acme-e2e');
  await expect(who).toContainText('credentials:acme-e2e/datachain-compute');
  await expect(who).toContainText('credentials:acme-e2e/datachain-storage');
  const where = summary.getByRole('region', { name: 'Where' });
  await expect(where).toContainText(world.peer.tenantId);
  await expect(where).toContainText(world.peer.subscription.subscriptionId);
  await expect(where).toContainText('East US');
  await expect(where).toContainText('datachain');
  const touch = summary.getByRole('region', { name: 'What Studio may touch' });
  for (const account of ['acmelake', 'acmenokeys', 'acmewest', 'acmelate']) await expect(touch).toContainText(account);
  const grant = (name: string) => touch.getByRole('listitem').filter({ hasText: name });
  await expect(grant('acmelate')).toContainText('Shared key access is off on this account');
  for (const account of ['acmelate', 'acmelake']) await expect(grant(account)).not.toContainText('not checked');
  await expect(touch).toContainText('acme-rbac-kv/db-url');
  await expect(touch).toContainText('as DB_URL (JSON key url)');
  await expect(touch).toContainText('In West US 2, not East US');
  await expect(touch).toContainText('Shared key access is off on this account');
  const creates = summary.getByRole('region', { name: 'What gets created' });
  await expect(creates).toContainText('1 resource group');
  await expect(creates).toContainText('2 app registrations');
  await expect(creates).toContainText('2 service principals');
  await expect(creates).toContainText('2 custom role definitions');
  await expect(summary.getByRole('region', { name: 'What it costs' })).toContainText('Nothing, by itself');
  await expect(summary.getByRole('region', { name: 'This will not' })).toContainText('Read a secret’s value');
  // The counts are the plan's: each "created" row of the detailed table is counted once.
  const planned = page.getByRole('table', { name: 'Planned changes' });
  const appRows = planned.getByRole('row').filter({ hasText: 'App registration' }).filter({ hasText: 'Create' });
  await expect(appRows).toHaveCount(2);
  await capture(page, 'azure-08-review');
  await expectVisibleFocus(page, page.getByRole('button', { name: 'Deploy', exact: true }));
  await page.keyboard.press('Enter');

  // Deploy: live status until it is done, then the outputs
  await expect(page.getByRole('heading', { name: 'Deployed' })).toBeVisible({ timeout: 240_000 });
  await capture(page, 'azure-09-deploy');
  await page.getByRole('button', { name: 'See the outputs' }).click();

  // Outputs: the seven Terraform outputs, the secret line, the exports and the Studio checklist
  const outputs = page.getByRole('table', { name: 'Outputs' });
  await expect(outputs).toContainText('datachain_compute_azure_client_id');
  await expect(outputs.getByRole('row')).toHaveCount(8);
  await expect(page.getByRole('region', { name: 'Next, in Studio' })).toContainText('acme-e2e');
  await expectVisibleFocus(page, page.getByRole('button', { name: 'Copy datachain_compute_azure_client_id' }));
  await capture(page, 'azure-10-outputs');

  // Manage: the setup is listed for the tenant, and opens
  await page.getByRole('button', { name: 'Manage setups (grant storage accounts and secrets, tear down)' }).click();
  await expect(page.getByRole('heading', { name: 'Your DataChain setups' })).toBeVisible();
  const open = page.getByRole('button', { name: /^Manage datachain in / });
  await expect(open).toBeVisible({ timeout: 60_000 });
  await capture(page, 'azure-11-dashboard');
  await open.click();
  await expect(page.getByRole('region', { name: 'Granted storage accounts' })).toContainText('acmelake', {
    timeout: 60_000,
  });
  await expect(page.getByRole('region', { name: 'Studio connection' })).toContainText(
    'credentials:acme-e2e/datachain-compute',
  );
  await expect(page.getByRole('table', { name: 'Outputs' })).toBeVisible({ timeout: 60_000 });
  await capture(page, 'azure-12-manage');
  // The teardown confirmation from the keyboard: focus on the safe choice, kept in the dialog,
  // Escape closes it and focus goes back to the button that opened it.
  const tearDown = page.getByRole('button', { name: 'Tear down datachain' });
  await expectVisibleFocus(page, tearDown);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('recycle bin');
  await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await capture(page, 'azure-13-teardown-confirm');
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement)), 'Tab stays in the dialog').toBe(true);
  }
  await page.keyboard.press('Shift+Tab');
  expect(await dialog.evaluate((d) => d.contains(document.activeElement)), 'Shift+Tab stays in the dialog').toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(tearDown).toBeFocused();
});
