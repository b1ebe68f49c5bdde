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
import type { ProvisionEvent } from '../../core/events';
import type { ApplyDeps } from '../apply';
import type { AzureHttp } from '../client';
import { deploySetup } from '../deploy';
import { readSetup } from '../outputs';
import { computePlan } from '../plan';
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

/** Apply a remedy the doctor offered: deploy the setup again from its record. */
export async function repairAzureSetup(
  http: AzureHttp,
  ref: AzureSetupRef,
  remedy: DoctorRemedy,
  options: { signal?: AbortSignal; deps?: ApplyDeps } = {},
): Promise<string> {
  if (remedy.kind !== 'redeploy')
    throw new ProvisionError('INVALID_CONFIG', 'This fix is not one the doctor offers for an Azure setup.', {
      hint: 'Run the doctor again and use the fix it offers.',
    });
  const signal = options.signal ?? new AbortController().signal;
  const { record } = await readSetup(http, ref, signal);
  const observed = await observe(http, record.config, { signal });
  const plan = computePlan(observed, record.config, { setupId: record.setupId });
  if (plan.blockers.length)
    throw new ProvisionError('CONFLICT', `The setup cannot be deployed again: ${plan.blockers[0]!.message}`, {
      ...(plan.blockers[0]!.hint ? { hint: plan.blockers[0]!.hint } : {}),
    });
  if (!plan.ops.length) return 'Nothing to put back: the setup is as its record says.';
  const run = deploySetup(
    http,
    { config: record.config, setupId: record.setupId },
    {
      signal,
      ...(options.deps ? { deps: options.deps } : {}),
    },
  );
  let next: IteratorResult<ProvisionEvent, { writes: number }>;
  do next = await run.next();
  while (!next.done);
  return `Deployed ${ref.resourceGroup} again from its record: ${next.value.writes} change${next.value.writes === 1 ? '' : 's'} made.`;
}
