import { spawnSync } from 'node:child_process';
import { runAz } from '../../test/support/azure/az';
import { expect, test } from '../support/fixtures';
import { EXPECTED_REFUSALS, startAzureWorld, type AzureWorld } from '../support/azure-world';
import { noAzureCliSkipReason } from '../support/host';
import { captureScreen } from '../support/screens';

let world: AzureWorld;

test.beforeAll(async () => {
  world = await startAzureWorld();
});
test.afterAll(async () => world?.close());
// Signing in waits on real credential flows and screenshots both themes: slower than the default.
test.describe.configure({ timeout: 180_000 });
// `az` checks its connectivity against azure.microsoft.com, and the Studio step checks the default
// issuer (studio.datachain.ai), both of which the peer's proxy refuses (and lists). The CLI test ends
// on the Studio step, so its check can land during the next test.
test.afterEach(() => world.peer.assertClean({ ignoreRefused: EXPECTED_REFUSALS }));

async function toSignIn(page: import('@playwright/test').Page) {
  // Each test starts as a new user: no draft, no sign-in held by the app.
  await world.fresh();
  await page.goto(world.host.launchUrl);
  await page.getByRole('radio', { name: /Microsoft Azure/ }).check();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Azure' })).toBeVisible();
}

test('device code: the code is shown and copyable until the user confirms it', async ({ page }) => {
  const peer = world.peer;
  // Nobody confirms the code yet: the app keeps showing it.
  peer.signIn.deviceCodeUser = undefined;
  await toSignIn(page);
  await page.getByRole('button', { name: 'Sign in with a device code' }).click();
  const wait = page.getByRole('region', { name: 'Sign-in in progress' });
  await expect(wait.getByRole('button', { name: 'Copy the device code' })).toBeVisible();
  await expect(wait).toContainText('enter this code and sign in');
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  await captureScreen(page, 'azure-02-sign-in-device-code');
  // The user confirms it on the (simulated) Microsoft page.
  peer.signIn.deviceCodeUser = peer.admin.upn;
  const identity = page.getByRole('region', { name: 'Azure identity' });
  await expect(identity).toContainText('Signed in', { timeout: 120_000 });
  await expect(identity).toContainText(peer.admin.upn);
  await expect(identity).toContainText('DataChain Test');
  await expect(page.getByLabel('Subscription')).toHaveValue(peer.subscription.subscriptionId);
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeEnabled();
});

test('browser sign-in: the app follows the Microsoft sign-in back to itself', async ({ page }) => {
  await toSignIn(page);
  await page.getByRole('button', { name: 'Sign in with the browser' }).click();
  const identity = page.getByRole('region', { name: 'Azure identity' });
  await expect(identity).toContainText('with browser sign-in', { timeout: 120_000 });
  await expect(identity).toContainText(world.peer.admin.upn);
  await expect(page.getByLabel('Tenant')).toHaveValue(world.peer.tenantId);
  await captureScreen(page, 'azure-02-sign-in');
});

const az = spawnSync('az', ['version'], { encoding: 'utf8' });
test('Azure CLI session: detected, offered first, and used without a prompt', async ({ page }) => {
  test.skip(
    az.status !== 0,
    'The Azure CLI (az) is not installed here: .ci/run installs Debian azure-cli for this test.',
  );
  const peer = world.peer;
  const login = await runAz(peer, ['login', '-u', peer.admin.upn, '-p', peer.admin.password, '--output', 'none']);
  expect(login.code, login.stderr).toBe(0);
  await world.fresh();
  await page.goto(world.host.launchUrl);
  // No AWS credentials here, and a signed-in Azure CLI: Azure is chosen, and the session used
  // on the first screen as AWS's default credentials are (`az` takes seconds to start).
  await expect(page.getByRole('radio', { name: /Microsoft Azure/ })).toBeChecked({ timeout: 60_000 });
  const identity = page.getByRole('region', { name: 'Azure identity' });
  await expect(identity).toContainText('with the Azure CLI session', { timeout: 60_000 });
  await expect(identity).toContainText(peer.admin.upn);
  await expect(page.getByLabel('Subscription')).toHaveValue(peer.subscription.subscriptionId);
  await captureScreen(page, 'azure-01-cloud-cli-session');
  // The sign-in step is one click away, with the session offered first.
  await page.getByRole('button', { name: 'Sign in another way' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Azure' })).toBeVisible();
  const cli = page.getByRole('region', { name: 'Azure CLI session' });
  await expect(cli).toContainText(`signed in as ${peer.admin.upn}`, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Use the Azure CLI session' }).click();
  await expect(identity).toContainText('with the Azure CLI session', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Connect to DataChain Studio' })).toBeVisible();
});

const cannotHideAz = noAzureCliSkipReason();
test('without the Azure CLI: the sign-in says to install it, offers the browser first, and signs in with it', async ({
  page,
}) => {
  test.skip(!!cannotHideAz, cannotHideAz ?? '');
  // A host on a computer without az: every az it could find (PATH, the known install folders, the
  // login shell's PATH) is hidden from it.
  await world.fresh(undefined, { withoutAzureCli: true });
  await page.goto(world.host.launchUrl);
  await page.getByRole('radio', { name: /Microsoft Azure/ }).check();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Azure' })).toBeVisible();
  const cli = page.getByRole('region', { name: 'Azure CLI session' });
  await expect(cli).toContainText(
    'The Azure CLI (az) is not installed. Install it, or sign in with the browser or a device code below.',
    { timeout: 60_000 },
  );
  await expect(cli.getByRole('button', { name: 'Use the Azure CLI session' })).toBeDisabled();
  await expect(cli.getByRole('button', { name: 'Install it' })).toBeVisible();
  const browser = page.getByRole('button', { name: 'Sign in with the browser' });
  await expect(browser).toHaveClass(/button--primary/);
  await captureScreen(page, 'azure-02-sign-in-no-cli');
  await browser.click();
  const identity = page.getByRole('region', { name: 'Azure identity' });
  await expect(identity).toContainText('with browser sign-in', { timeout: 120_000 });
  await expect(identity).toContainText(world.peer.admin.upn);
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeEnabled();
});
