/**
 * The doctor of a deployed Azure setup: reads its record (the resource group's tags) and what
 * exists now, and checks that Studio's tokens get in and nothing else does — each app's
 * federated credentials, the custom roles' actions and assignable scopes, every assignment and
 * access-policy entry, the vaults' permission model, and that the granted accounts and vaults
 * still exist. Each finding says how to fix it; a re-deploy from the record fixes what the setup
 * itself made, and offers itself.
 */
import { doctorVerdict, type DoctorRemedy, type DoctorReport } from '../../core/checks.schema';
import { ProvisionError } from '../../core/errors';
import type { AzureHttp } from '../client';
import { readSetup } from '../outputs';
import type { AzureSetupRef } from '../setup.schema';
import { observe } from '../state';
import { accessFindings } from './access';
import { trustFindings } from './trust';

export async function diagnoseAzureSetup(
  http: AzureHttp,
  ref: AzureSetupRef,
  options: { signal?: AbortSignal; now?: () => Date } = {},
): Promise<DoctorReport> {
  const { signal } = options;
  const { record } = await readSetup(http, ref, signal);
  const observed = await observe(http, record.config, signal ? { signal } : {});
  const findings = [...trustFindings(observed, record.config), ...accessFindings(observed, record.config)];
  return {
    ...doctorVerdict(findings),
    checkedAt: (options.now?.() ?? new Date()).toISOString(),
    findings,
  };
}

/**
 * The doctor's fix on Azure is a deploy from the setup's record, and a deploy is planned like any
 * change (its plan shown first, followed with progress): it is never applied inside one call.
 */
export function refuseRepairInOneCall(remedy: DoctorRemedy): never {
  throw new ProvisionError(
    'INVALID_CONFIG',
    remedy.kind === 'redeploy'
      ? "On Azure the doctor's fix is a deploy from the setup's record, planned like any change."
      : 'This fix is not one the doctor offers for an Azure setup.',
    {
      hint:
        remedy.kind === 'redeploy'
          ? "Plan it from the doctor's fix on the Manage screen, or run datachain-setup doctor --fix: its plan is shown first."
          : 'Run the doctor again and use the fix it offers.',
    },
  );
}
