import type { AwsSetupConfig } from '@contract/clouds/aws';
import type { Revoking } from '@contract/domain';

/** A change proposed on the manage screen; `appliedBy` is the operation applying it, once Apply is pressed. */
export interface Change {
  label: string;
  config: AwsSetupConfig;
  /** What the user asked to revoke (any other removal would be a takeover). */
  revoking?: Partial<Revoking>;
  appliedBy?: string;
}

export type Propose = (label: string, config: AwsSetupConfig, revoking?: Partial<Revoking>) => Promise<void>;
