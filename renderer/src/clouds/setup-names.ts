/** How a setup reference reads to a person, whatever its cloud. */
import type { SetupRef } from '@contract/schemas/setup';

/** The setup's own name (a stack on AWS). */
export function setupName(ref: SetupRef): string {
  return ref.stackName;
}

/** Where it is (a region on AWS). */
export function setupPlace(ref: SetupRef): string {
  return ref.region;
}

export function sameSetup(a: SetupRef, b: SetupRef): boolean {
  return a.cloud === b.cloud && setupName(a) === setupName(b) && setupPlace(a) === setupPlace(b);
}
