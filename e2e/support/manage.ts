import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * On a setup's Manage screen: apply the planned change named `label` (its plan shown, with `row`
 * among its changes when given) and return once the setup has been read again after it. The
 * planned change is hidden while the change runs too, so its going is no sign of the end: the
 * setup's cards, shown only once the setup was read again after the change, are.
 */
export async function applyPlannedChange(
  page: Page,
  label: string,
  { row, timeout = 60_000 }: { row?: string; timeout?: number } = {},
): Promise<void> {
  const planned = page.getByRole('region', { name: 'Planned change' });
  await expect(planned.getByRole('heading', { name: label })).toBeVisible();
  const changes = planned.getByRole('table', { name: 'Planned changes' });
  if (row) await expect(changes).toContainText(row, { timeout });
  else await expect(changes).toBeVisible({ timeout });
  await planned.getByRole('button', { name: 'Apply this change' }).click();
  await expect(planned).toBeHidden({ timeout });
  await expect(page.getByRole('region', { name: 'Outputs' })).toBeVisible({ timeout });
}
