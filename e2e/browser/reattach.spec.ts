import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { captureScreen } from '../support/screens';
import { inspector } from '../support/seed';
import { ISSUER, startWorld, type World } from '../support/world';

const REGION = 'sa-east-1';
const run = Date.now().toString(36).slice(-5);
let world: World;

// The answer to CloudFormation's ExecuteChangeSet is held until the test lets it go, so the deploy
// is still running when the page reloads or the app restarts. (A fixed delay was not enough: on a
// busy machine the screenshots before the reload took longer, and the deploy had finished.)
test.beforeAll(async () => {
  world = await startWorld({ holdExecutes: true });
});
test.afterAll(async () => world?.close());

async function startDeploy(page: Page, prefix: string) {
  await world.seedDraft('review', {
    region: REGION,
    zones: [`${REGION}a`, `${REGION}c`],
    studio: {
      issuer: ISSUER,
      team: 'acme-reattach',
      computeCredentials: 'datachain-compute',
      storageCredentials: 'datachain-storage',
    },
    namePrefix: prefix,
  });
  await page.goto(await world.launchUrl());
  await expect(page.getByText(`Create the stack ${prefix}-datachain-cluster in ${REGION}`)).toBeVisible({
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Deploying', exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeVisible();
  // The draft on disk knows which stack to follow.
  await expect
    .poll(() => world.savedDraft()?.activeOperation?.target?.stackId)
    .toContain(`:stack/${prefix}-datachain-cluster/`);
}

test('a reload in the middle of a deploy re-attaches to it instead of starting it again', async ({ page }) => {
  test.setTimeout(120_000);
  const prefix = `rl${run}`;
  const executesBefore = world.executeCount();
  await startDeploy(page, prefix);
  await world.executeTaken(executesBefore + 1);
  await captureScreen(page, '09-deploy-running');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Deploying', exact: true })).toBeVisible();
  // The events seen before the reload are replayed: the log starts with the deploy's first steps.
  await expect(page.getByText(`Create ${prefix}-datachain-cluster in ${REGION}`)).toBeVisible();
  expect(world.savedDraft()?.activeOperation, 'still running: the draft keeps the operation').toBeDefined();
  world.releaseExecutes();
  await expect(page.getByRole('heading', { name: 'Deployed' })).toBeVisible({ timeout: 60_000 });
  expect(world.executeCount() - executesBefore, 'ExecuteChangeSet calls').toBe(1);
  expect(await inspector(REGION).stackStatuses(`${prefix}-datachain-cluster`)).toEqual(['CREATE_COMPLETE']);

  // And once it is done, a further reload shows the finished setup, not a deploy screen.
  await page.getByRole('button', { name: 'See the outputs' }).click();
  await expect.poll(() => world.savedDraft()?.step, 'a step change is saved at once').toBe('outputs');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Outputs for Studio' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Outputs' })).toContainText(`${prefix}-datachain-oidc-compute`);
});

test('a deploy still running when the app quit is followed after the next start, not started again', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const prefix = `rs${run}`;
  const executesBefore = world.executeCount();
  await startDeploy(page, prefix);
  // The app ends after CloudFormation took the change set, before it heard back (a quit would
  // wait for that answer, which the proxy holds: the app is ended at once, as a crash would).
  await world.executeTaken(executesBefore + 1);
  await world.restart(undefined, { crash: true });
  // The answer the old host never got goes nowhere.
  world.releaseExecutes();

  await page.goto(await world.launchUrl());
  await expect(page.getByRole('heading', { name: 'Deployed' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/Re-attached to .*-datachain-cluster/)).toBeAttached();
  expect(world.executeCount() - executesBefore, 'ExecuteChangeSet calls').toBe(1);
  expect(await inspector(REGION).stackStatuses(`${prefix}-datachain-cluster`)).toEqual(['CREATE_COMPLETE']);
  await page.getByRole('button', { name: 'See the outputs' }).click();
  await expect(page.getByRole('table', { name: 'Outputs' })).toContainText(`${prefix}-datachain-oidc-storage`);
});
