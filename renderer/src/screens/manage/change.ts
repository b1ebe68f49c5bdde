import type { Revoking } from '@contract/domain';

/** A change proposed on the manage screen; `appliedBy` is the operation applying it, once Apply is pressed. */
export interface Change<Config = unknown> {
  label: string;
  config: Config;
  /** What the user asked to revoke (any other removal would be a takeover). */
  revoking?: Partial<Revoking>;
  appliedBy?: string;
}

/** Plan a change of a setup's config: the plan is shown, and applied only when the user says so. */
export type Propose<Config> = (label: string, config: Config, revoking?: Partial<Revoking>) => Promise<void>;

/** What a card that changes a setup's grants gets. */
export interface GrantCardProps<Config> {
  config: Config;
  busy: boolean;
  propose: Propose<Config>;
}
