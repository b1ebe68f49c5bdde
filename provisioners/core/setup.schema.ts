/**
 * The cloud-neutral parts of a setup's lifecycle: what every cloud's plan says besides its own
 * details, who would lose access (a takeover), and where the setup's record came from.
 */
import { z } from 'zod';
import { Finding } from './findings.schema';

export const CLOUD_IDS = ['aws', 'azure'] as const;
export const CloudId = z.enum(CLOUD_IDS);
export type CloudId = z.infer<typeof CloudId>;

export const Subjects = z.object({ compute: z.string(), storage: z.string() });
export type Subjects = z.infer<typeof Subjects>;

/**
 * A plan that changes who Studio lets in (the team or credential names of a setup that exists)
 * or removes grants nobody asked to remove. Review says it in plain words; deploy needs the
 * user's explicit confirmation.
 */
export const Takeover = z.object({
  /** One sentence for the top of the warning. */
  summary: z.string(),
  /** Who loses what, one line each ("team acme: the bucket acme-data"). */
  losses: z.array(z.string()),
  subjects: z.object({ before: Subjects, after: Subjects }).optional(),
  /** Grants the plan removes although they were not asked to be revoked. */
  removedGrants: z.array(z.string()),
});
export type Takeover = z.infer<typeof Takeover>;

/** What a planned change set, deployment or update amounts to, whatever the cloud. */
export const PlanKind = z.enum(['blocked', 'no-changes', 'changes']);
export type PlanKind = z.infer<typeof PlanKind>;

/** The fields every cloud's plan has (the contract adds the plan id and the cloud's details). */
export const PlanEnvelope = z.object({
  kind: PlanKind,
  blockers: z.array(Finding),
  warnings: z.array(Finding),
  takeover: Takeover.optional(),
  /** A name prefix that gives this setup names of its own, when the default ones are taken. */
  suggestedPrefix: z.string().optional(),
  /** What cancelling the deploy of this plan would do. */
  cancelMeaning: z.string().optional(),
});
export type PlanEnvelope = z.infer<typeof PlanEnvelope>;

/** What the user asked to revoke: only these grants may disappear without a takeover warning. */
export const Revoking = z
  .object({
    buckets: z.array(z.string().max(2048)).max(500).default([]),
    secrets: z.array(z.string().max(2048)).max(500).default([]),
  })
  .strict();
export type Revoking = z.infer<typeof Revoking>;
