import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { expect, test } from '../support/fixtures';
import { azureInspector } from '../support/azure-inspect';
import { EXPECTED_REFUSALS, ISSUER, SEEDED, startAzureWorld, type AzureWorld } from '../support/azure-world';
import { captureScreen } from '../support/screens';

/*
 * A first-time Azure user, from choosing Azure to an exported Studio config, by visible labels
 * only: browser sign-in, the Studio connection, location and resource group, the node pools, one
 * storage account, a secret of an RBAC vault with a JSON key, the plan, a live deploy, the seven
 * outputs and the exports. The exported file is checked against its schema and against what
 * the Azure peer now holds.
 */
let world: AzureWorld;

test.beforeAll(async () => {
  world = await startAzureWorld();
});
test.afterAll(async () => world?.close());
test.afterEach(() => world.peer.assertClean({ ignoreRefused: EXPECTED_REFUSALS }));

const TEAM = 'acme-azure';
const OUTPUT_NAMES = [
  'datachain_compute_azure_subscription_id',
  'datachain_compute_azure_tenant_id',
  'datachain_compute_azure_client_id',
  'datachain_storage_azure_subscription_id',
  'datachain_storage_azure_tenant_id',
  'datachain_storage_azure_client_id',
  'datachain_compute_resource_group',
];

test('a first-time Azure user goes from choosing Azure to an exported Studio config', async ({ page, context }) => {
  test.setTimeout(900_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const peer = world.peer;
  const sub = peer.subscription.subscriptionId;
  const look = azureInspector(peer);
  const next = page.getByRole('button', { name: 'Next', exact: true });
  const [lake] = SEEDED.accounts;
  const rbacVault = SEEDED.vaults[0];

  await page.goto(world.host.launchUrl);

  // 1. Cloud
  await expect(page.getByRole('heading', { name: 'Where should Studio run your clusters?' })).toBeVisible();
  await page.getByRole('radio', { name: /Microsoft Azure/ }).check();
  // No Azure CLI session on this computer: the sign-in step comes next.
  await expect(page.getByText('Next, sign in with the browser or a device code.')).toBeVisible({ timeout: 60_000 });
  await captureScreen(page, 'azure-01-cloud');
  await next.click();

  // 2. Sign in with the browser: who, which tenant, which subscription.
  await expect(page.getByRole('heading', { name: 'Sign in to Azure' })).toBeVisible();
  await expect(next).toBeDisabled();
  await page.getByRole('button', { name: 'Sign in with the browser' }).click();
  const identity = page.getByRole('region', { name: 'Azure identity' });
  await expect(identity).toContainText(peer.admin.upn, { timeout: 60_000 });
  await expect(identity).toContainText('DataChain Test');
  await expect(page.getByLabel('Subscription')).toHaveValue(sub);
  await captureScreen(page, 'azure-02-signed-in');
  await next.click();

  // 3. Studio connection: the same neutral screen as AWS; bad input caught as typed.
  await expect(page.getByRole('heading', { name: 'Connect to DataChain Studio' })).toBeVisible();
  await page.getByLabel('Studio team (or user)').fill('acme/*');
  await expect(page.getByText('may contain only letters, digits, dots, hyphens and underscores')).toBeVisible();
  await expect(next).toBeDisabled();
  await page.getByLabel('Studio team (or user)').fill(TEAM);
  await page.getByLabel('OIDC issuer').fill(ISSUER);
  await expect(page.getByText('Issuer verified')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('region', { name: 'Token subjects' })).toContainText(
    `credentials:${TEAM}/datachain-compute`,
  );
  await captureScreen(page, 'azure-03-studio');
  await next.click();

  // 4. Location and resource group: East US and the Terraform's name, a new group.
  await expect(page.getByRole('heading', { name: 'Location and resource group' })).toBeVisible();
  await expect(page.getByLabel('Location', { exact: true })).toHaveValue('eastus', { timeout: 120_000 });
  const group = page.getByLabel('Resource group', { exact: true });
  await expect(group).toHaveValue('datachain');
  await group.fill('Not a group!');
  await expect(next).toBeDisabled();
  await group.fill('datachain');
  await expect(page.getByText('datachain does not exist yet')).toBeVisible({ timeout: 120_000 });
  // 4b. Node pools, on the same screen: checked against the location's VM sizes and quotas.
  await expect(page.getByRole('region', { name: 'Node pools' })).toBeVisible();
  await page.getByRole('button', { name: 'Add CPU workers' }).click();
  await page.getByLabel('Max nodes').fill('1');
  await page.getByLabel('Min nodes').fill('3');
  await expect(next).toBeDisabled();
  await page.getByLabel('Min nodes').fill('0');
  await page.getByLabel('Max nodes').fill('4');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('region', { name: 'vCPU quotas' })).toContainText('Fits', { timeout: 120_000 });

  await captureScreen(page, 'azure-04-location-and-pools');
  await next.click();

  // 5. Storage accounts: the whole subscription, grouped; the shared-key warning.
  await expect(page.getByRole('heading', { name: 'Storage accounts Studio jobs may use' })).toBeVisible();
  await page.getByLabel('Search storage accounts').fill('acme');
  await page.getByRole('checkbox', { name: lake.name }).check();
  await page.getByRole('checkbox', { name: 'acmenokeys' }).check();
  const grantedAccounts = page.getByRole('region', { name: 'Granted storage accounts' });
  await expect(grantedAccounts).toContainText('Shared key access is off for this account');
  await captureScreen(page, 'azure-05-storage-accounts');
  await page.getByRole('checkbox', { name: 'acmenokeys' }).uncheck();
  await expect(grantedAccounts).not.toContainText('Shared key access is off');
  await expect(grantedAccounts).toContainText(lake.name);
  await next.click();

  // 6. Key Vaults: the RBAC vault's secret with a JSON key, and its ready-to-paste line.
  await expect(page.getByRole('heading', { name: 'Key Vault secrets Studio jobs may read' })).toBeVisible();
  await expect(page.getByLabel('Key Vault', { exact: true })).toContainText('Azure RBAC');
  await page
    .getByLabel('Key Vault', { exact: true })
    .selectOption({ label: `${rbacVault.name} (${rbacVault.resourceGroup}, Azure RBAC)` });
  await page.getByRole('checkbox', { name: 'db-url' }).check();
  await expect(page.getByLabel('Job variable for db-url')).toHaveValue('DB_URL');
  await page.getByLabel('JSON key in db-url').fill('url');
  const reference = `DB_URL=azsecret://${rbacVault.name}.vault.azure.net/secrets/db-url#url`;
  const grantedSecrets = page.getByRole('region', { name: 'Granted secrets' });
  await expect(grantedSecrets).toContainText(reference);
  await grantedSecrets.getByRole('button', { name: 'Copy the reference for DB_URL' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(reference);
  await captureScreen(page, 'azure-06-vaults');
  await next.click();

  // 8. Review: every object, the custom roles and their assignments, the permission check, the cost.
  await expect(page.getByRole('heading', { name: 'Review the plan' })).toBeVisible();
  const changes = page.getByRole('table', { name: 'Planned changes' });
  await expect(changes).toContainText('datachain-oidc-compute', { timeout: 60_000 });
  await expect(changes).toContainText('App registration');
  await expect(changes).toContainText('Federated credential');
  const roles = page.getByRole('region', { name: 'Custom roles' });
  await roles
    .getByText(/datachain-oidc-storage/)
    .first()
    .click();
  await expect(roles).toContainText(look.ids.account(lake.resourceGroup, lake.name), { ignoreCase: true });
  const assignments = page.getByRole('table', { name: 'Role assignments' });
  await expect(assignments).toContainText('Key Vault Secrets User');
  await expect(page.getByRole('region', { name: 'Permission check' })).toContainText(
    'Everything the deploy needs looks granted',
  );
  await expect(page.getByRole('region', { name: 'What it costs' })).toContainText('Nothing, by itself');
  expect(look.app('compute'), 'nothing is made before Deploy').toBeUndefined();
  await captureScreen(page, 'azure-08-review');
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();

  // 9. Deploy: live per-object status until it is done.
  await expect(page.getByRole('heading', { name: 'Deployed' })).toBeVisible({ timeout: 300_000 });
  await expect(page.getByRole('progressbar', { name: 'Overall progress' })).toHaveAttribute('aria-valuenow', /\d+/);
  await expect(page.getByRole('table', { name: 'Resources' })).toContainText('Done');
  await captureScreen(page, 'azure-09-deployed');

  // 10. Outputs: the seven Terraform outputs, copy, and the exports.
  const outputs = page.getByRole('table', { name: 'Outputs' });
  for (const name of OUTPUT_NAMES) await expect(outputs).toContainText(name);
  const compute = look.app('compute')!;
  const storage = look.app('storage')!;
  await expect(outputs).toContainText(compute.appId);
  await page.getByRole('button', { name: 'Copy datachain_storage_azure_client_id' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(storage.appId);
  await page.getByRole('button', { name: 'Copy all outputs' }).click();
  const all = await page.evaluate(() => navigator.clipboard.readText());
  expect(all.split('\n')).toHaveLength(7);
  expect(all).toContain(`datachain_compute_resource_group = datachain`);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Studio config (JSON)' }).click();
  const file = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
  const schema = JSON.parse(readFileSync('docs/schemas/studio-config.v2.schema.json', 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addSchema(JSON.parse(readFileSync('docs/schemas/studio-config.v1.schema.json', 'utf8')));
  const validate = ajv.compile(schema);
  expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
  expect(file).toMatchObject({
    version: 2,
    cloud: 'azure',
    tenantId: peer.tenantId,
    subscriptionId: sub,
    location: 'eastus',
    resourceGroup: 'datachain',
    studio: {
      issuer: ISSUER,
      team: TEAM,
      credentials: {
        compute: {
          name: 'datachain-compute',
          subject: `credentials:${TEAM}/datachain-compute`,
          clientId: compute.appId,
        },
        storage: {
          name: 'datachain-storage',
          subject: `credentials:${TEAM}/datachain-storage`,
          clientId: storage.appId,
        },
      },
    },
    storage: {
      accounts: [{ resourceGroup: lake.resourceGroup, name: lake.name }],
      secrets: [expect.objectContaining({ envName: 'DB_URL', key: 'url', reference })],
    },
  });
  expect(Object.keys(file.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());

  // The file against what Azure holds: the apps, their federated credentials, roles and scopes.
  for (const [purpose, app] of [
    ['compute', compute],
    ['storage', storage],
  ] as const) {
    expect(app.appId).toBe(file.outputs[`datachain_${purpose}_azure_client_id`]);
    expect(app.federatedIdentityCredentials).toEqual([
      expect.objectContaining({
        issuer: `https://${file.studio.issuer}`,
        subject: file.studio.credentials[purpose].subject,
        audiences: ['api://AzureADTokenExchange'],
      }),
    ]);
    expect(look.servicePrincipal(purpose), `${purpose} service principal`).toBeDefined();
  }
  const group0 = look.ids.group(file.resourceGroup);
  expect(look.resourceGroup('datachain')?.location).toBe('eastus');
  expect(look.role('compute')?.assignableScopes.map((s) => s.toLowerCase())).toEqual([group0]);
  const accountIds = file.storage.accounts.map((a: { resourceGroup: string; name: string }) =>
    look.ids.account(a.resourceGroup, a.name),
  );
  expect(look.role('storage')?.assignableScopes.map((s) => s.toLowerCase())).toEqual(accountIds);
  expect(look.assignments('compute')).toEqual([[look.role('compute')!.roleName, group0]]);
  expect(look.assignments('storage')).toEqual(
    [
      [look.role('storage')!.roleName, accountIds[0]],
      ['Key Vault Secrets User', look.ids.vault(rbacVault.resourceGroup, rbacVault.name)],
    ].sort((x, y) => x[1]!.localeCompare(y[1]!)),
  );
  // Nothing granted on what the user did not choose.
  expect(look.accessPolicies(SEEDED.vaults[1].name)).toEqual([]);

  const tf = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export terraform output -json' }).click();
  const tfOutput = JSON.parse(readFileSync((await (await tf).path())!, 'utf8'));
  expect(Object.keys(tfOutput).sort()).toEqual([...OUTPUT_NAMES].sort());
  expect(tfOutput.datachain_storage_azure_client_id).toEqual({
    sensitive: false,
    type: 'string',
    value: storage.appId,
  });

  const yaml = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as YAML' }).click();
  const yamlText = readFileSync((await (await yaml).path())!, 'utf8');
  expect(yamlText).toContain(`reference: ${JSON.stringify(reference)}`);
  expect(yamlText).toContain(`datachain_compute_azure_client_id: ${JSON.stringify(compute.appId)}`);

  await page.getByRole('button', { name: 'See the outputs' }).click();
  await expect(page.getByRole('heading', { name: 'Outputs for Studio' })).toBeVisible();
  await captureScreen(page, 'azure-10-outputs');
});
