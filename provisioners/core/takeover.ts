/**
 * Ownership safety, whatever the cloud: a plan over a setup that exists must not silently hand it
 * to another Studio team (new subjects or issuer on the trust), or drop grants nobody asked to
 * revoke. Pure: each cloud says which of its grants the plan drops; this says what that costs.
 */
import { subjectsOf, type StudioConnection } from './studio.schema';
import type { Takeover } from './setup.schema';

/** "a", "a and b", "a, b and c". */
export const listInWords = (items: string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/**
 * The takeover of a deployed setup by a plan: `removedGrants` are the grants (in words, "the
 * bucket b", "the Key Vault v") the deployed setup has, the plan drops, and nobody asked to revoke.
 */
export function takeoverOfStudio(
  deployed: StudioConnection,
  next: StudioConnection,
  removedGrants: string[],
): Takeover | undefined {
  const before = subjectsOf(deployed);
  const after = subjectsOf(next);
  const issuerChanges = deployed.issuer !== next.issuer;
  const subjectsChange = before.compute !== after.compute || before.storage !== after.storage || issuerChanges;
  if (!subjectsChange && removedGrants.length === 0) return undefined;
  const owner = `Studio team "${deployed.team}"`;
  const sameTeam = deployed.team === next.team;
  const losses: string[] = [];
  if (subjectsChange) {
    const who = sameTeam
      ? `${owner}'s credentials ${deployed.computeCredentials} and ${deployed.storageCredentials}`
      : owner;
    losses.push(
      `${who} (${before.compute}, ${before.storage}${issuerChanges ? ` from ${deployed.issuer}` : ''}) can no longer use this setup.`,
    );
  }
  if (removedGrants.length) losses.push(`Studio jobs lose ${listInWords(removedGrants)}.`);
  const summary = subjectsChange
    ? sameTeam
      ? 'This plan changes which Studio credentials this setup trusts.'
      : `This setup belongs to ${owner}. Deploying this plan hands it to team "${next.team}".`
    : `This plan removes ${removedGrants.length === 1 ? 'a grant' : `${removedGrants.length} grants`} you did not ask to revoke.`;
  return { summary, losses, ...(subjectsChange ? { subjects: { before, after } } : {}), removedGrants };
}
