import type { Page } from '@playwright/test';
import type { z } from 'zod';
import { expect, test } from '../support/fixtures';
import { EXPECTED_REFUSALS, ISSUER, SEEDED, startAzureWorld, type AzureWorld } from '../support/azure-world';
import { captureScreen } from '../support/screens';
import { KeyVaultSecretName, ResourceGroupName, StorageAccountName } from '../../provisioners/azure/config.schema';
import { AzureNodePool, AZURE_NODE_POOL_PRESETS } from '../../provisioners/azure/node-pools.schema';
import { NodePoolName } from '../../provisioners/core/node-pools.schema';
import { EnvVarName, SecretKey } from '../../provisioners/core/secrets.schema';
import { IssuerHost, StudioName } from '../../provisioners/core/studio.schema';

/*
 * Every text field of the Azure wizard takes no more than its schema accepts, says so as the
 * value nears the limit, and catches bad input where it is typed with Next disabled: nothing
 * accepted on a screen can then fail to save or to plan. The expected limits are found here by
 * asking the schemas (the longest value each accepts), not copied from the app.
 */
let world: AzureWorld;

test.beforeAll(async () => {
  world = await startAzureWorld();
});
test.afterAll(async () => world?.close());
test.afterEach(() => world.peer.assertClean({ ignoreRefused: EXPECTED_REFUSALS }));

/** The longest `make(n)` the schema accepts (from the shortest it accepts; it refuses somewhere below 10,000). */
function longestAccepted(schema: z.ZodType, make: (n: number) => unknown): number {
  let n = 1;
  while (n < 100 && !schema.safeParse(make(n)).success) n++;
  while (n < 10_000 && schema.safeParse(make(n + 1)).success) n++;
  if (!schema.safeParse(make(n)).success || n >= 10_000) throw new Error('the schema has no limit here');
  return n;
}
const of = (ch: string) => (n: number) => ch.repeat(n);

/** The longest sizes field a pool accepts: the most distinct sizes, each as long as one may be, ", " between. */
function longestSizes(): number {
  const pool = { ...AZURE_NODE_POOL_PRESETS.cpu, name: 'w' };
  const list = (count: number, width: number) =>
    Array.from({ length: count }, (_, i) => `Standard_D${String(i).padStart(2, '0')}${'x'.repeat(width)}`);
  const count = longestAccepted(AzureNodePool, (n) => ({ ...pool, instanceTypes: list(n, 1) }));
  const width = longestAccepted(AzureNodePool, (n) => ({ ...pool, instanceTypes: list(count, n) }));
  return list(count, width).join(', ').length;
}

/** Every text field on the screen with its limit (-1 when it has none). */
async function textFields(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')]
      .filter((el) => el instanceof HTMLTextAreaElement || ['text', 'password', 'search', 'url'].includes(el.type))
      .map((el) => ({ label: el.labels?.[0]?.textContent?.trim() ?? el.id, maxLength: el.maxLength })),
  );
}

async function expectEveryFieldBounded(page: Page) {
  const fields = await textFields(page);
  expect(fields.length).toBeGreaterThan(0);
  expect(fields.filter((f) => f.maxLength <= 0)).toEqual([]);
}

async function expectLimit(page: Page, label: string, expected: number) {
  const field = page.getByLabel(label, { exact: true });
  expect(await field.evaluate((el) => (el as HTMLInputElement).maxLength), label).toBe(expected);
}

test('every Azure field is limited to what its schema accepts, with the limit shown as it nears', async ({ page }) => {
  test.setTimeout(600_000);
  const next = page.getByRole('button', { name: 'Next', exact: true });
  const rbacVault = SEEDED.vaults[0];
  await page.goto(world.host.launchUrl);

  // Cloud and sign-in (the browser sign-in against the peer).
  await page.getByRole('radio', { name: /Microsoft Azure/ }).check();
  await expect(page.getByText('Next, sign in with the browser or a device code.')).toBeVisible({ timeout: 60_000 });
  await next.click();
  await page.getByRole('button', { name: 'Sign in with the browser' }).click();
  await expect(page.getByRole('region', { name: 'Azure identity' })).toContainText(world.peer.admin.upn, {
    timeout: 60_000,
  });
  await next.click();

  // Studio: the neutral screen's fields.
  await expect(page.getByRole('heading', { name: 'Connect to DataChain Studio' })).toBeVisible();
  await expectLimit(page, 'Studio team (or user)', longestAccepted(StudioName, of('t')));
  await expectLimit(page, 'Compute credentials name', longestAccepted(StudioName, of('c')));
  await expectLimit(page, 'Storage credentials name', longestAccepted(StudioName, of('s')));
  // The issuer field takes https:// and a trailing slash too: the limit is the typed one, never less than a host.
  const issuer = await page
    .getByLabel('OIDC issuer', { exact: true })
    .evaluate((el) => (el as HTMLInputElement).maxLength);
  expect(IssuerHost.safeParse('a'.repeat(issuer + 1)).success).toBe(false);
  expect(issuer).toBeGreaterThanOrEqual(longestAccepted(IssuerHost, (n) => `${'a'.repeat(n)}.com`) + '.com'.length);
  await expectEveryFieldBounded(page);
  await page.getByLabel('Studio team (or user)').fill('acme-limits');
  await page.getByLabel('OIDC issuer').fill(ISSUER);
  await expect(page.getByText('Issuer verified')).toBeVisible({ timeout: 120_000 });
  await next.click();

  // Location and resource group, and the pool editor.
  await expect(page.getByRole('heading', { name: 'Location and resource group' })).toBeVisible();
  await expect(page.getByLabel('Location', { exact: true })).toHaveValue('eastus', { timeout: 120_000 });
  const groupLimit = longestAccepted(ResourceGroupName, of('g'));
  await expectLimit(page, 'Resource group', groupLimit);
  const group = page.getByLabel('Resource group', { exact: true });
  // Typing past the limit: the field keeps the limit's worth, and says it is full.
  await group.fill('g'.repeat(groupLimit + 50));
  await expect(group).toHaveValue('g'.repeat(groupLimit));
  await expect(page.getByText(`${groupLimit} of ${groupLimit} characters (the most allowed)`)).toBeVisible();
  // Bad input within the limit is caught where typed, and Next waits for it.
  await group.fill(`${'g'.repeat(groupLimit - 1)}.`);
  await expect(page.getByText('resource group names use letters, digits')).toBeVisible();
  await expect(next).toBeDisabled();
  await captureScreen(page, 'azure-limits-01-resource-group');
  await group.fill('datachain');
  // The group's check adds its notice above the pools: wait for it, so the click below lands
  // where the button is rather than where it was before the page moved.
  await expect(page.getByText('A new resource group')).toBeVisible({ timeout: 60_000 });

  await page.getByRole('button', { name: 'Add CPU workers' }).click();
  await expect(page.getByLabel('Name', { exact: true })).toBeVisible();
  await expectLimit(page, 'Name', longestAccepted(NodePoolName, of('p')));
  await expectLimit(page, 'VM sizes', longestSizes());
  await expectEveryFieldBounded(page);
  const name = page.getByLabel('Name', { exact: true });
  await name.fill('Not a pool');
  await expect(next).toBeDisabled();
  await name.fill(AZURE_NODE_POOL_PRESETS.cpu.name);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(next).toBeEnabled({ timeout: 120_000 });
  await next.click();

  // Storage accounts: the search and the add-by-name field.
  await expect(page.getByRole('heading', { name: 'Storage accounts Studio jobs may use' })).toBeVisible();
  await expectLimit(page, 'Add a storage account by name', longestAccepted(StorageAccountName, of('s')));
  await expectEveryFieldBounded(page);
  await next.click();

  // Key Vaults: add by name, and a granted secret's job variable and JSON key.
  await expect(page.getByRole('heading', { name: 'Key Vault secrets Studio jobs may read' })).toBeVisible();
  await page
    .getByLabel('Key Vault', { exact: true })
    .selectOption({ label: `${rbacVault.name} (${rbacVault.resourceGroup}, Azure RBAC)` });
  await expectLimit(page, 'Add a secret by name', longestAccepted(KeyVaultSecretName, of('s')));
  await page.getByRole('checkbox', { name: 'db-url' }).check();
  const envLimit = longestAccepted(EnvVarName, of('E'));
  await expectLimit(page, 'Job variable for db-url', envLimit);
  await expectLimit(page, 'JSON key in db-url', longestAccepted(SecretKey, of('k')));
  await expectEveryFieldBounded(page);
  const env = page.getByLabel('Job variable for db-url', { exact: true });
  await env.fill('E'.repeat(envLimit + 10));
  await expect(env).toHaveValue('E'.repeat(envLimit));
  await expect(page.getByText(`${envLimit} of ${envLimit} characters (the most allowed)`)).toBeVisible();
  // The reference line holds the whole variable: it wraps, and the page stays as wide as the window.
  const width = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth }));
  expect(width.page).toBeLessThanOrEqual(width.window);
  await page.getByLabel('JSON key in db-url', { exact: true }).fill('has space');
  await expect(next).toBeDisabled();
  await captureScreen(page, 'azure-limits-02-vaults');
  await page.getByLabel('JSON key in db-url', { exact: true }).fill('');
  await expect(next).toBeEnabled();
  // What was typed at the limit is saved: a restart would find it.
  await expect
    .poll(() => JSON.stringify(world.savedDraft()?.azure ?? {}), { timeout: 30_000 })
    .toContain('E'.repeat(envLimit));
});
