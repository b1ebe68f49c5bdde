/** How a setup reference reads to a person, whatever its cloud. */
import type { SetupRef } from '@contract/schemas/setup';

/** The setup's own name (a stack, or a resource group). */
export function setupName(ref: SetupRef): string {
  return 'stackName' in ref ? ref.stackName : ref.resourceGroup;
}

/** Where it is (a region, or a subscription). */
export function setupPlace(ref: SetupRef): string {
  return 'region' in ref ? ref.region : ref.subscriptionId;
}

export function sameSetup(a: SetupRef, b: SetupRef): boolean {
  return a.cloud === b.cloud && setupName(a) === setupName(b) && setupPlace(a) === setupPlace(b);
}
