/**
 * What the app checks around a setup, whatever the cloud: before writing, whether the signed-in
 * principal may do what the plan needs (the permission preflight); after deploying, whether
 * Studio's tokens get in and nothing else does (the doctor); and, for a user without the rights,
 * what to hand to an admin. Pure zod, shared by the contract, the renderer and the CLI.
 */
import { z } from 'zod';

/** One right the plan needs, as the cloud answered for the signed-in principal. */
export const PermissionCheck = z.object({
  action: z.string(),
  resource: z.string(),
  /** ok: allowed; missing: denied; unknown: the cloud would not say (no right to simulate). */
  status: z.enum(['ok', 'missing', 'unknown']),
  /** Why it is denied (an explicit deny, a missing allow), when the cloud said. */
  detail: z.string().optional(),
});
export type PermissionCheck = z.infer<typeof PermissionCheck>;

export const PermissionReport = z.object({
  /** Who was checked (on AWS the IAM user or role behind the session). */
  principal: z.string(),
  /** simulated: the cloud evaluated each right; unknown: it could not, and why. */
  method: z.enum(['simulated', 'unknown']),
  reason: z.string().optional(),
  checks: z.array(PermissionCheck),
  /** One sentence for the top of the checklist. */
  summary: z.string(),
  /** What to ask an admin for, ready to paste (on AWS an IAM policy document), when something is missing or unknown. */
  askAdmin: z.string().optional(),
});
export type PermissionReport = z.infer<typeof PermissionReport>;

/** A fix the app itself can apply for a finding (the finding says it in words too). */
export const DoctorRemedy = z.object({
  kind: z.enum(['restore-policy', 'redeploy']),
  /** What applying it does, in words (the button's confirmation). */
  label: z.string().max(500),
  /** Which document to restore (`<role>:<trust|inline>`), for restore-policy. */
  target: z.string().max(100).optional(),
  /**
   * What applying it writes, read before it is offered: the grants it puts back and the ones it
   * takes away, as plain lines (for restore-policy: the live document against the template's).
   */
  changes: z
    .object({
      added: z.array(z.string().max(10_240)).max(500),
      removed: z.array(z.string().max(10_240)).max(500),
    })
    .optional(),
});
export type DoctorRemedy = z.infer<typeof DoctorRemedy>;

export const DoctorFinding = z.object({
  /** Stable id, e.g. `trust.storage.team-token`. */
  id: z.string(),
  area: z.enum(['trust', 'access', 'live']),
  status: z.enum(['pass', 'fail', 'unknown']),
  /** What was checked, as a sentence that is true when it passes. */
  title: z.string(),
  /** What was found, when it did not pass. */
  detail: z.string().optional(),
  /** How to fix it, in words. */
  fix: z.string().optional(),
  remedy: DoctorRemedy.optional(),
});
export type DoctorFinding = z.infer<typeof DoctorFinding>;

export const DoctorReport = z.object({
  /** ok: every check passed; problems: at least one failed; unknown: none failed, some could not be checked. */
  verdict: z.enum(['ok', 'problems', 'unknown']),
  /** One plain sentence: can Studio get in? */
  summary: z.string(),
  checkedAt: z.string(),
  findings: z.array(DoctorFinding),
});
export type DoctorReport = z.infer<typeof DoctorReport>;

/** A file of an admin hand-off. */
export const HandoffFile = z.object({ name: z.string(), content: z.string(), description: z.string() });
export type HandoffFile = z.infer<typeof HandoffFile>;

/** What an admin needs to make the setup for a user who may not: files, and the command to run. */
export const Handoff = z.object({
  /** Where the setup will be (enough to adopt it afterwards). */
  where: z.string(),
  files: z.array(HandoffFile),
  /** The ready command, to run in the folder of the files. */
  command: z.string(),
  /** A console link that creates the setup from a hosted copy of the template, when a URL was given. */
  consoleUrl: z.string().optional(),
  /** What the admin reviews and what happens after (adoption), in a few lines. */
  notes: z.array(z.string()),
});
export type Handoff = z.infer<typeof Handoff>;

/** Summarise findings into a verdict and one plain sentence. */
export function doctorVerdict(findings: DoctorFinding[]): Pick<DoctorReport, 'verdict' | 'summary'> {
  const failed = findings.filter((f) => f.status === 'fail').length;
  const unknown = findings.filter((f) => f.status === 'unknown');
  const proofUnknown = unknown.some((f) => f.area !== 'live');
  const notMade = unknown.length
    ? ` ${unknown.length} other check${unknown.length > 1 ? 's' : ''} could not be made (${unknown.map((f) => f.title.toLowerCase()).join('; ')}).`
    : '';
  if (failed)
    return {
      verdict: 'problems',
      summary: `Studio may not get in, or more than Studio may: ${failed} check${failed > 1 ? 's' : ''} failed.`,
    };
  if (proofUnknown)
    return { verdict: 'unknown', summary: `Nothing failed, but it could not be proven that Studio gets in.${notMade}` };
  return {
    verdict: 'ok',
    summary: `Studio can get in: its tokens are trusted, they reach what was granted, and nothing else gets in.${notMade}`,
  };
}
