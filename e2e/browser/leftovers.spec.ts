import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { captureScreen } from '../support/screens';
import { inspector, seeder } from '../support/seed';
import { ISSUER, startWorld, type World } from '../support/world';

/*
 * Nothing left behind, nothing lost quietly, nothing too wide (issue 12), in Chromium through the
 * loopback host against moto: leaving Review discards its plan (no REVIEW_IN_PROGRESS stack
 * stays); a crash on Review leaves one, which Manage lists for what it is and removes; an error
 * that echoes a very long value wraps instead of widening the page; a draft that cannot be saved
 * is said so on screen.
 */
const REGION = 'eu-north-1';
const run = Date.now().toString(36).slice(-5);
let world: World;

test.beforeAll(async () => {
  world = await startWorld();
});
test.afterAll(async () => world?.close());

const draftAt = (step: string, prefix: string) =>
  world.seedDraft(step, {
    region: REGION,
    zones: [`${REGION}a`, `${REGION}b`],
    studio: {
      issuer: ISSUER,
      team: 'acme-leftovers',
      computeCredentials: 'datachain-compute',
      storageCredentials: 'datachain-storage',
    },
    namePrefix: prefix,
  });

async function reviewPlanned(page: Page, stackName: string) {
  await expect(page.getByRole('heading', { name: 'Review the plan' })).toBeVisible();
  await expect(page.getByText(`Create the stack ${stackName} in ${REGION}`)).toBeVisible({ timeout: 60_000 });
}

test('leaving Review discards its plan; a crash on Review leaves an unfinished review that Manage removes', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const look = inspector(REGION);
  const prefix = `lo${run}`;
  const stackName = `${prefix}-datachain-cluster`;
  const reviewing = async () => (await look.stackStatuses(stackName)).filter((s) => s === 'REVIEW_IN_PROGRESS');

  // Review plans: CloudFormation holds an empty stack under review for the change set.
  await draftAt('review', prefix);
  await page.goto(await world.launchUrl());
  await reviewPlanned(page, stackName);
  expect(await reviewing()).toEqual(['REVIEW_IN_PROGRESS']);

  // Back: the plan is discarded, with its stack.
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Review the plan' })).toBeHidden();
  await expect.poll(reviewing, { timeout: 60_000 }).toEqual([]);

  // Review again, then the app crashes there: the plan's stack stays behind.
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await reviewPlanned(page, stackName);
  expect(await reviewing()).toEqual(['REVIEW_IN_PROGRESS']);
  await world.restart({}, { crash: true });
  // The next session starts elsewhere (a new draft) and looks at the setups.
  await draftAt('cloud', prefix);
  await page.goto(await world.launchUrl());
  await page.getByRole('button', { name: 'Manage setups' }).click();
  const remove = page.getByRole('button', { name: `Remove the unfinished review ${stackName} in ${REGION}` });
  await expect(remove).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/An unfinished review in .* — nothing was created/).first()).toBeVisible();
  // Not listed as a setup.
  await expect(page.getByRole('button', { name: `Manage ${stackName} in ${REGION}` })).toBeHidden();
  await captureScreen(page, 'leftovers-01-unfinished-review');
  await remove.click();
  await expect(remove).toBeHidden({ timeout: 60_000 });
  await expect.poll(reviewing, { timeout: 60_000 }).toEqual([]);
});

test('an error echoing a very long value wraps; a draft that cannot be saved is said so', async ({ page }) => {
  test.setTimeout(300_000);
  await seeder(REGION).bucket(`dcs-${run}-wrap`);
  await draftAt('buckets', `lw${run}`);
  await page.goto(await world.launchUrl());
  await expect(page.getByRole('heading', { name: /buckets/i }).first()).toBeVisible();
  // Found by its name: moto is shared, so the account may hold more buckets than the list shows at once.
  const search = page.getByLabel('Search buckets');
  await search.fill(`dcs-${run}-wrap`);
  await expect(page.getByRole('checkbox', { name: `dcs-${run}-wrap` })).toBeVisible({ timeout: 60_000 });

  // The search echoes what was typed, as long as the field allows, in one unbroken word.
  const limit = await search.evaluate((el) => (el as HTMLInputElement).maxLength);
  expect(limit).toBeGreaterThan(100);
  const long = 'q'.repeat(limit);
  await search.fill(long);
  await expect(page.getByText(`No bucket name contains “${long}”.`)).toBeVisible();
  const widths = () =>
    page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  const { page: wide, viewport } = await widths();
  expect(wide).toBeLessThanOrEqual(viewport);
  // And a field's own error that quotes the value (a label key, an excerpt of it).
  await search.fill('');
  // Back to the region and its pools.
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Node pools' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Add CPU workers' }).click();
  await page.getByLabel('Labels').fill(`${'k'.repeat(300)}=v`);
  // Said under the field and in the pools' summary of what to fix.
  await expect(page.getByText(/is not a Kubernetes label key/).first()).toBeVisible();
  const afterLabel = await widths();
  expect(afterLabel.page).toBeLessThanOrEqual(afterLabel.viewport);
  await page.getByLabel('Labels').fill('');

  // The draft's file cannot be replaced (a folder holds its name): the next save fails, and says so.
  const file = path.join(world.userData, 'draft.json');
  rmSync(file, { force: true });
  mkdirSync(path.join(file, 'in-the-way'), { recursive: true });
  await page.getByLabel('Labels').fill('team=data');
  const notice = page.getByText('Your work in progress could not be saved');
  await expect(notice).toBeVisible({ timeout: 30_000 });
  // What happened and what to do, not "something went wrong".
  const saveError = page.getByRole('alert').filter({ has: notice });
  await expect(saveError).toContainText('something else is in the way of the file');
  await expect(saveError).toContainText('change any field to save again');
  await captureScreen(page, 'leftovers-02-save-failed');
  // Once it can be saved again, the notice goes.
  rmSync(file, { recursive: true, force: true });
  await page.getByLabel('Labels').fill('team=data2');
  await expect(notice).toBeHidden({ timeout: 30_000 });
  expect(world.savedDraft()?.step).toBeDefined();
});
