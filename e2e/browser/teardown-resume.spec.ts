import { expect, test } from '../support/fixtures';
import { inspector, seeder } from '../support/seed';
import { startWorld, type World } from '../support/world';

/*
 * A teardown running when the app is killed is followed to its end after the restart, including
 * what runs after CloudFormation's deletion (the OIDC-provider clean-up). CloudFormation (moto)
 * takes the DeleteStack at once; its answer is held from the app, so the teardown is certainly
 * still running in the app when the host is killed.
 */
const REGION = 'eu-north-1';
const run = Date.now().toString(36).slice(-5);
const prefix = `tr${run}`;
const stackName = `${prefix}-datachain-cluster`;
// An issuer of its own: the setup makes the account's OIDC provider for it, and teardown removes it.
const issuerPath = `/tr${run}`;
const issuer = `issuer.test${issuerPath}`;
let world: World;

test.beforeAll(async () => {
  world = await startWorld({ holdDeletes: true, issuerPath });
});
test.afterAll(async () => world?.close());

test('a teardown interrupted by killing the host is finished after the restart, OIDC provider included', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const look = inspector(REGION);
  const seed = seeder(REGION);
  await world.seedDraft('review', {
    region: REGION,
    zones: [`${REGION}a`, `${REGION}b`],
    studio: {
      issuer,
      team: 'acme-resume',
      computeCredentials: 'datachain-compute',
      storageCredentials: 'datachain-storage',
    },
    namePrefix: prefix,
  });
  await page.goto(await world.launchUrl());
  await expect(page.getByText(`Create the stack ${stackName} in ${REGION}`)).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Deployed' })).toBeVisible({ timeout: 120_000 });
  expect(await seed.hasOidcProvider(issuer), 'the setup made the OIDC provider of its issuer').toBe(true);

  // Tear down from Manage; CloudFormation takes the deletion, the app is still waiting for its answer.
  await page.getByRole('button', { name: 'Manage setups' }).click();
  await page.getByRole('button', { name: `Manage ${stackName} in ${REGION}` }).click({ timeout: 60_000 });
  await page.getByRole('button', { name: `Tear down ${stackName}` }).click();
  await page
    .getByRole('dialog', { name: `Tear down ${stackName}?` })
    .getByRole('button', { name: 'Yes, tear it down' })
    .click();
  await world.deleteTaken(1);
  await expect
    .poll(() => (world.savedDraft() as { activeOperation?: { kind?: string } })?.activeOperation?.kind, {
      timeout: 30_000,
    })
    .toBe('teardown');
  expect(await seed.hasOidcProvider(issuer), 'the clean-up has not run yet').toBe(true);

  // Killed, as a crash would; started again: the teardown is followed to its end.
  await world.restart({}, { crash: true });
  await page.goto(await world.launchUrl());
  await expect(page.getByText('Torn down', { exact: true })).toBeVisible({ timeout: 120_000 });
  expect(await look.stackStatuses(stackName)).toEqual(['DELETE_COMPLETE']);
  await expect.poll(() => seed.hasOidcProvider(issuer), { timeout: 30_000 }).toBe(false);
  // The finished teardown is taken off the draft (saved a moment after the screen says so).
  await expect.poll(() => (world.savedDraft() as { activeOperation?: unknown })?.activeOperation).toBeUndefined();
});
