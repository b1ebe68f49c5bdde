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
import { captureScreen } from '../support/screens';

/*
 * A reload in the middle of an Azure deploy re-attaches to the running deploy, which finishes;
 * nothing is started twice. The deploy is held in flight by the peer's replication window (a new
 * service principal unknown to role assignments, as Azure answers PrincipalNotFound while Entra
 * replicates) until the test closes it: the deploy runs for as long as the test needs, not for a
 * guessed number of seconds.
 */
let world: AzureWorld;

test.beforeAll(async () => {
  world = await startAzureWorld();
});
test.afterAll(async () => world?.close());
test.afterEach(() => world.peer.assertClean({ ignoreRefused: EXPECTED_REFUSALS }));

const az = spawnSync('az', ['version'], { encoding: 'utf8' });
test('a reload in the middle of an Azure deploy re-attaches to it, and it finishes', async ({ page }) => {
  test.skip(az.status !== 0, 'The Azure CLI (az) is not installed here: .ci/run installs Debian azure-cli.');
  test.setTimeout(600_000);
  const peer = world.peer;
  const look = azureInspector(peer);
  const [lake] = SEEDED.accounts;
  const login = await runAz(peer, ['login', '-u', peer.admin.upn, '-p', peer.admin.password, '--output', 'none']);
  expect(login.code, login.stderr).toBe(0);
  await world.fresh(
    azureDraft(world, 'review', {
      team: 'acme-reattach',
      azure: { storageAccounts: [draftAccount(world, lake.resourceGroup, lake.name)] },
    }),
  );
  await page.goto(world.host.launchUrl);
  await expect(page.getByRole('table', { name: 'Planned changes' })).toContainText('datachain-oidc-storage', {
    timeout: 90_000,
  });

  // Role assignments to the new identities wait for replication until the test ends the window.
  peer.replication.principalTypeSkipsLookup = false;
  peer.replication.principalAfterServicePrincipal = 3_600_000;
  const appsCreated = () =>
    peer.requests.filter(
      // The app upserts each app registration by its unique name (one PATCH each; a second deploy would PATCH again).
      (r) =>
        r.method === 'PATCH' &&
        r.host.startsWith('graph.microsoft.com') &&
        /\/applications\(uniqueName=/.test(decodeURIComponent(r.path)),
    ).length;
  const waitingOnReplication = () =>
    peer.requests.some((r) => r.method === 'PUT' && /roleAssignments/.test(r.path) && r.status === 400);

  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Deploying', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeVisible();
  await expect.poll(() => (world.savedDraft()?.activeOperation as { kind?: string })?.kind).toBe('deploy');
  await expect.poll(waitingOnReplication, { timeout: 180_000 }).toBe(true);
  // The wait is visible, as it is in Azure.
  await page.getByText(/^Log \(\d+ entries\)$/).click();
  await expect(page.getByText(/Waiting for Azure to see the new identity and role/).first()).toBeVisible({
    timeout: 60_000,
  });
  await captureScreen(page, 'azure-09-deploy-running');
  expect(appsCreated()).toBe(2);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Deploying', exact: true })).toBeVisible({ timeout: 60_000 });
  // The events seen before the reload are replayed: the log still has the first steps.
  await page.getByText(/^Log \(\d+ entries\)$/).click();
  await expect(page.getByText(/Waiting for Azure to see the new identity and role/).first()).toBeVisible({
    timeout: 60_000,
  });
  expect(world.savedDraft()?.activeOperation, 'still running: the draft keeps the operation').toBeDefined();

  // Entra catches up: the same deploy finishes.
  peer.replication.principalAfterServicePrincipal = 0;
  await expect(page.getByRole('heading', { name: 'Deployed' })).toBeVisible({ timeout: 300_000 });
  expect(appsCreated(), 'the apps were made once: the reload started nothing').toBe(2);
  expect(look.assignments('storage').map(([, scope]) => scope)).toContain(
    look.ids.account(lake.resourceGroup, lake.name),
  );
  expect(look.assignments('compute')).toHaveLength(1);
  await expect.poll(() => world.savedDraft()?.activeOperation).toBeUndefined();

  // And once it is done, a further reload shows the finished setup, not a deploy screen.
  await page.getByRole('button', { name: 'See the outputs' }).click();
  await expect.poll(() => world.savedDraft()?.step).toBe('outputs');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Outputs for Studio' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('table', { name: 'Outputs' })).toContainText(look.app('storage')!.appId, {
    timeout: 60_000,
  });
});
