/**
 * The seam between the app and a cloud: one provider per cloud, each implementing the same
 * setup lifecycle (plan, deploy, attach, teardown, outputs, read the record, list setups) over
 * clients the app injects. The core routes every neutral setup call by the `cloud` of its
 * reference; sign-in and discovery stay per cloud. In the manner of SkyPilot's Cloud class:
 * what a cloud can or cannot do is a feature flag, not a branch on its name.
 */
import type { DoctorRemedy, DoctorReport, Handoff, PermissionReport } from './checks.schema';
import type { CloudErrorShape } from './errors';
import type { ProvisionEvent } from './events';
import type { CloudId, PlanEnvelope, Revoking } from './setup.schema';

/** Capabilities a cloud may have: the UI and the core ask these instead of the cloud's name. */
export type CloudFeature =
  /** Clusters span availability zones the user picks. */
  | 'zones'
  /** Browser or device sign-in to an identity center from inside the app. */
  | 'sso'
  /** Credentials that may ask for a one-time code. */
  | 'mfa'
  /** Customer-managed encryption keys need grants of their own. */
  | 'cmk'
  /** Secrets are granted a whole vault at a time. */
  | 'vaultLevelSecretGrant';

/** A long operation as a provider describes it; the app's registry runs it and streams its events. */
export interface OperationPlan<Ref, Result> {
  title: string;
  cancellable: boolean;
  /** What cancelling does, in words, or why it cannot be done. */
  cancelMeaning: string;
  /** The setup it works on, complete enough to follow it again after the app restarts. */
  target: Ref;
  /** How many resources it touches (for progress after a re-attach). */
  plannedChanges?: number;
  run(signal: AbortSignal): AsyncGenerator<ProvisionEvent, Result>;
}

/** A plan as Review shows it, and what deploying it needs (kept in the main process). */
export interface PreparedPlan<View extends PlanEnvelope, Deployable> {
  view: View;
  /** Absent when there is nothing to deploy (blocked, or no changes). */
  deployable?: Deployable;
}

export interface SetupListing<Summary> {
  setups: Summary[];
  /** Places that could not be read (a region behind an SCP, a subscription without access), with why. */
  unreadable: { where: string; reason: string }[];
}

export interface SetupProvider<
  C extends CloudId,
  Account,
  Ref,
  Config,
  View extends PlanEnvelope,
  Deployable,
  Outputs,
  Summary,
> {
  readonly cloud: C;
  readonly features: ReadonlySet<CloudFeature>;
  plan(
    account: Account,
    config: Config,
    options: { signal?: AbortSignal; revoking?: Revoking },
  ): Promise<PreparedPlan<View, Deployable>>;
  /** Throw away a plan that will not be deployed (e.g. delete its change set). */
  discard(deployable: Deployable): Promise<void>;
  deploy(deployable: Deployable): OperationPlan<Ref, unknown>;
  /** Follow a deployment that was running when the app closed; never starts anything again. */
  attach(ref: Ref, options: { plannedChanges?: number }): OperationPlan<Ref, unknown>;
  /** With resume: finish a teardown that was running when the app quit (never start one). */
  teardown(ref: Ref, options?: { resume?: boolean }): OperationPlan<Ref, unknown>;
  /** The deployed setup's outputs, under the Terraform's output names. */
  outputs(ref: Ref, signal?: AbortSignal): Promise<Outputs>;
  /** The config the setup was made from, read from its record in the cloud (never a local file). */
  readConfig(ref: Ref, signal?: AbortSignal): Promise<Config>;
  /** Setups this app made that the signed-in account can see. */
  list(account: Account, signal?: AbortSignal): Promise<SetupListing<Summary>>;
  /** The ready-to-paste job variable for a secret (awssecret://…, azsecret://…). */
  secretReference(secret: { envName: string; id: string; key: string }): string;
  /** This cloud's SDK errors in words a user can act on; undefined when the error is not its. */
  toError(error: unknown): CloudErrorShape | undefined;

  // Checks around a setup. Optional: a cloud without them says so instead of guessing.
  /** Whether the signed-in principal may do what deploying this config needs; read-only. */
  permissions?(account: Account, config: Config, options: { signal?: AbortSignal }): Promise<PermissionReport>;
  /** What an admin needs to make this setup with their own rights; read-only. */
  handoff?(account: Account, config: Config, options: { signal?: AbortSignal; templateUrl?: string }): Promise<Handoff>;
  /** Prove, from the live documents, that Studio's tokens get in and nothing else does. */
  doctor?(ref: Ref, signal?: AbortSignal): Promise<DoctorReport>;
  /** Apply a fix the doctor offered; says what it did. */
  repair?(ref: Ref, remedy: DoctorRemedy, signal?: AbortSignal): Promise<string>;
}

/** A provider seen from the core, which has validated every input against the contract already. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySetupProvider = SetupProvider<CloudId, any, any, any, PlanEnvelope, any, any, any>;
