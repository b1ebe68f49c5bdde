/** What the CLI's exit status means; `--help` prints this table, scripts may rely on it. */
export const EXIT = {
  ok: 0,
  /** The cloud refused or an operation failed (read the message). */
  failed: 1,
  /** Bad command line or setup file: nothing was changed. */
  usage: 2,
  /** No usable credentials, or they need a sign-in or an MFA code. */
  credentials: 3,
  /** A confirmation was needed and none could be asked (no terminal and no --yes), or it was declined. */
  notConfirmed: 4,
  /** The permission preflight found rights missing: ask an admin, or `plan --handoff`. */
  permissions: 5,
  /** The doctor found a problem. */
  doctorProblems: 6,
  /** The setup (stack) does not exist, or is not one this app made. */
  notFound: 7,
  /** Interrupted (Ctrl-C): what cancel means in the app was done. */
  cancelled: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code for an API error code from the core. */
export function exitFor(code: string): ExitCode {
  if (code === 'INVALID_INPUT' || code === 'UNKNOWN_METHOD') return EXIT.usage;
  if (['NO_CREDENTIALS', 'MFA_REQUIRED', 'CREDENTIALS_EXPIRED', 'UNAUTHORIZED'].includes(code)) return EXIT.credentials;
  if (code === 'ACCESS_DENIED') return EXIT.permissions;
  if (code === 'NOT_FOUND') return EXIT.notFound;
  if (code === 'CONFLICT') return EXIT.notConfirmed;
  if (code === 'CANCELLED') return EXIT.cancelled;
  return EXIT.failed;
}

export const EXIT_HELP = `Exit status:
  0    done (doctor: every check passed)
  1    the cloud refused, or an operation failed
  2    bad command line or setup file; nothing was changed
  3    no usable credentials (sign in, or give an MFA code)
  4    needed a confirmation: none could be asked (no terminal, no --yes), or it was declined
  5    permissions missing for this plan (ask an admin, or use plan --handoff)
  6    the doctor found a problem
  7    no such setup, or not one this app made
  130  interrupted (Ctrl-C): what cancel means in the app was done`;
