/**
 * The app's update policy, apart from the updater that carries it out (electron-updater in the
 * desktop app, injected): check when the app starts and once a day, download a newer version in
 * the background, and install it only when the user asks and no deploy or teardown is running.
 * The updater verifies what it downloads (checksums from the feed, code signatures where the
 * platform has them); nothing here turns that off.
 */
import type { UpdateStatus } from '../../contract/schemas/update';
import type { Logger } from '../services';

export interface UpdaterPort {
  /** Ask the feed: the newer version on offer, or undefined when this one is current. */
  check(): Promise<string | undefined>;
  /** Download the version `check` found (verified by the updater before it resolves). */
  download(): Promise<void>;
  /** Quit and install the downloaded version. */
  install(): void;
}

export interface UpdatePolicy {
  /** What an install would interrupt now (a running deploy's title), or undefined. */
  busy(): string | undefined;
  log: Logger;
  /** Between checks; a day by default. */
  intervalMs?: number;
  setInterval?: (run: () => void, ms: number) => { unref?(): void };
  clearInterval?: (handle: unknown) => void;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

export class UpdateService {
  private state: UpdateStatus = { state: 'idle' };
  private timer: unknown;
  private running: Promise<void> | undefined;

  constructor(
    private readonly updater: UpdaterPort | undefined,
    private readonly policy: UpdatePolicy,
    private readonly disabledBecause = 'Updates come with the installed app.',
  ) {
    if (!updater) this.state = { state: 'disabled', message: disabledBecause };
  }

  /** Check now and then every interval. */
  start(): void {
    if (!this.updater || this.timer) return;
    void this.checkNow();
    const every = this.policy.setInterval ?? ((run, ms) => setInterval(run, ms));
    const handle = every(() => void this.checkNow(), this.policy.intervalMs ?? DAY_MS);
    handle.unref?.();
    this.timer = handle;
  }

  stop(): void {
    if (this.timer) (this.policy.clearInterval ?? ((h) => clearInterval(h as NodeJS.Timeout)))(this.timer);
    this.timer = undefined;
  }

  /** One check (and download); a check already running is joined, a downloaded update kept. */
  checkNow(): Promise<void> {
    if (!this.updater || this.state.state === 'ready') return Promise.resolve();
    this.running ??= this.run(this.updater).finally(() => (this.running = undefined));
    return this.running;
  }

  status(): UpdateStatus {
    const waitingFor = this.state.state === 'ready' ? this.policy.busy() : undefined;
    return { ...this.state, ...(waitingFor ? { waitingFor } : {}) };
  }

  /** Install, when an update is ready and nothing would be interrupted. */
  install(): { installing: boolean; reason?: string } {
    if (!this.updater || this.state.state !== 'ready')
      return { installing: false, reason: 'No update has been downloaded.' };
    const busy = this.policy.busy();
    if (busy)
      return {
        installing: false,
        reason: `"${busy}" is still running; the update can be installed once it has finished.`,
      };
    this.policy.log.info('installing the downloaded update', { version: this.state.version });
    this.updater.install();
    return { installing: true };
  }

  private async run(updater: UpdaterPort): Promise<void> {
    this.state = { state: 'checking' };
    try {
      const version = await updater.check();
      if (!version) {
        this.state = { state: 'idle' };
        return;
      }
      this.state = { state: 'downloading', version };
      await updater.download();
      this.state = { state: 'ready', version };
      this.policy.log.info('update downloaded', { version });
    } catch (error) {
      // A feed that cannot be reached is no reason to bother the user: the next check retries.
      this.policy.log.warn('update check failed', { error: String(error) });
      this.state = { state: 'error', message: 'Could not check for updates; the app will try again later.' };
    }
  }
}

/** Operations an install must not interrupt. */
export const UNINTERRUPTIBLE = new Set(['deploy', 'attach', 'teardown']);
