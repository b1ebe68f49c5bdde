import { spawnSync } from 'node:child_process';
import { runAz } from '../../test/support/azure/az';
import { expect, test } from '../support/fixtures';
import { azureDraft, EXPECTED_REFUSALS, SEEDED, startAzureWorld, type AzureWorld } from '../support/azure-world';
import { captureScreen } from '../support/screens';

/*
 * The Key Vaults step finds a secret by name across the subscription's vaults, for a user who
 * may list every vault but read the secret names of one resource group only: a name in two
 * vaults is two rows (each with its vault and permission model), the vault whose secrets cannot
 * be listed says so with what to ask for, and that vault can still be browsed alone and a secret
 * of it added by name. Driven by visible labels, the check from the keyboard.
 */
const TEAM_VAULT = { resourceGroup: 'security', name: 'acme-team-kv', rbac: true, secrets: ['db-url'] };
const OPS_VAULT = { resourceGroup: 'ops', name: 'acme-ops-kv', rbac: false, secrets: ['db-url', 'ops-token'] };
let world: AzureWorld;
let reader: { upn: string; password: string };

test.beforeAll(async () => {
  world = await startAzureWorld();
  const { peer } = world;
  const sub = peer.subscription.subscriptionId;
  for (const v of [TEAM_VAULT, OPS_VAULT])
    peer.addKeyVault({ subscriptionId: sub, location: 'eastus', ...v, secrets: [...v.secrets] });
  const user = peer.addUser({ upn: `security-reader@${peer.tenant.defaultDomain}`, password: 'Peer-Passw0rd!' });
  const lister = peer.addCustomRole({
    scope: `/subscriptions/${sub}`,
    roleName: 'Vault lister',
    actions: ['Microsoft.Resources/subscriptions/read', 'Microsoft.KeyVault/vaults/read'],
    assignableScopes: [`/subscriptions/${sub}`],
  });
  peer.assignRole({ principalId: user.id, role: lister.name, scope: `/subscriptions/${sub}` });
  peer.assignRole({ principalId: user.id, role: 'Reader', scope: `/subscriptions/${sub}/resourceGroups/security` });
  reader = user;
});
test.afterAll(async () => world?.close());
test.afterEach(() => world.peer.assertClean({ ignoreRefused: EXPECTED_REFUSALS }));

const az = spawnSync('az', ['version'], { encoding: 'utf8' });
test('a secret found by name across vaults; a vault that cannot be listed says what to ask for', async ({ page }) => {
  test.skip(az.status !== 0, 'The Azure CLI (az) is not installed here: .ci/run installs Debian azure-cli.');
  test.setTimeout(300_000);
  const [rbacVault] = SEEDED.vaults;
  const login = await runAz(world.peer, ['login', '-u', reader.upn, '-p', reader.password, '--output', 'none']);
  expect(login.code, login.stderr).toBe(0);
  await world.fresh(azureDraft(world, 'secrets', { team: 'acme-search' }));
  await page.goto(world.host.launchUrl);

  await expect(page.getByRole('heading', { name: 'Key Vault secrets Studio jobs may read' })).toBeVisible({
    timeout: 90_000,
  });
  const vaultCount = SEEDED.vaults.length + 2;
  await expect(page.getByLabel('Key Vault', { exact: true }).locator('option:checked')).toHaveText(
    `All vaults (${vaultCount})`,
    { timeout: 60_000 },
  );
  const found = page.getByRole('region', { name: 'Secrets in all vaults' });
  // Four secrets in the three vaults of "security"; none of acme-ops-kv's.
  await expect(found).toContainText(`4 secrets in ${vaultCount} vaults`, { timeout: 60_000 });
  await page.getByLabel('Search secrets').fill('db-url');
  const rows = found.getByRole('group', { name: 'Secrets' }).getByRole('checkbox');
  await expect(rows).toHaveCount(2);
  await expect(found.getByRole('checkbox', { name: `db-url in ${rbacVault.name} Azure RBAC` })).toBeVisible();
  await expect(found.getByRole('checkbox', { name: `db-url in ${TEAM_VAULT.name} Azure RBAC` })).toBeVisible();

  // The vault whose secret names this user may not read: said so, with what to ask for.
  const failures = found.getByRole('list', { name: 'Vaults not listed' });
  await expect(found.getByText('The secrets of one vault could not be listed')).toBeVisible();
  await expect(failures.getByRole('listitem')).toHaveCount(1);
  await expect(failures).toContainText(`${OPS_VAULT.name} (${OPS_VAULT.resourceGroup}, Access policies)`);
  await expect(failures).toContainText('You are not allowed to perform Microsoft.KeyVault/vaults/secrets/read');
  await expect(failures).toContainText('Ask an admin for Key Vault Reader or Reader on');
  await expect(failures).not.toContainText('object id');
  await captureScreen(page, 'azure-06-vaults-search-failure');

  // From the keyboard: the team vault's db-url.
  await found.getByRole('checkbox', { name: `db-url in ${TEAM_VAULT.name}` }).focus();
  await page.keyboard.press('Space');
  const granted = page.getByRole('region', { name: 'Granted secrets' });
  await expect(granted).toContainText(`DB_URL=azsecret://${TEAM_VAULT.name}.vault.azure.net/secrets/db-url`);
  // The same name from a second vault: each field says which vault it is for.
  await expect(page.getByLabel('Job variable for db-url', { exact: true })).toBeVisible();
  await found.getByRole('checkbox', { name: `db-url in ${rbacVault.name}` }).check();
  for (const vault of [TEAM_VAULT.name, rbacVault.name]) {
    await expect(granted.getByLabel(`Job variable for db-url in ${vault}`, { exact: true })).toBeVisible();
    await expect(granted.getByLabel(`JSON key in db-url in ${vault}`, { exact: true })).toBeVisible();
  }
  await found.getByRole('checkbox', { name: `db-url in ${rbacVault.name}` }).uncheck();
  await expect(granted.getByLabel('Job variable for db-url', { exact: true })).toBeVisible();

  // The closed vault, browsed alone: its own error, and a secret added by name.
  await failures.getByRole('button', { name: `Browse ${OPS_VAULT.name} alone` }).click();
  await expect(page.getByLabel('Key Vault', { exact: true }).locator('option:checked')).toHaveText(
    `${OPS_VAULT.name} (${OPS_VAULT.resourceGroup}, Access policies)`,
  );
  const one = page.getByRole('region', { name: 'Secrets in the vault' });
  await expect(one.getByRole('alert')).toContainText('Ask an admin for Key Vault Reader or Reader on');
  await one.getByLabel('Add a secret by name').fill('ops-token');
  await one.getByLabel('Add a secret by name').press('Enter');
  await expect(granted).toContainText(`OPS_TOKEN=azsecret://${OPS_VAULT.name}.vault.azure.net/secrets/ops-token`);
  await captureScreen(page, 'azure-06-vaults-one-closed');
});
