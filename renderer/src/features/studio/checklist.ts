/**
 * What to do in DataChain Studio with a deployed setup's values, in order: the one text shown
 * after the outputs and written into the exported file's README section. Cloud-neutral: each
 * cloud says which outputs name its two identities and which fields the cluster form takes.
 */
import { subjectFor } from '@contract/domain';

/** Studio's own pages (opened in the system browser; the app's link allow-list has studio.datachain.ai). */
export const STUDIO_URL = 'https://studio.datachain.ai/';
export const studioTeamSettingsUrl = (team: string): string => `${STUDIO_URL}team/${encodeURIComponent(team)}/settings`;

export interface ChecklistInput {
  team: string;
  computeCredentials: string;
  storageCredentials: string;
  /** How this cloud names the identity each credentials entry stands for ("the role ARN in datachain_oidc_compute_role_arn"). */
  computeIdentity: string;
  storageIdentity: string;
  /** The outputs the cluster form in Studio takes, by name. */
  clusterOutputs: readonly string[];
  /** The job environment lines for the granted secrets. */
  secretLines: readonly string[];
}

export interface ChecklistStep {
  title: string;
  detail: string;
  /** A Studio page for this step. */
  link?: { label: string; url: string };
}

export function studioChecklist(input: ChecklistInput): ChecklistStep[] {
  const { team, computeCredentials: compute, storageCredentials: storage } = input;
  const settings = { label: `Open the settings of ${team} in Studio`, url: studioTeamSettingsUrl(team) };
  const steps: ChecklistStep[] = [
    {
      title: `In Studio, open the settings of the team (or user) ${team}`,
      detail:
        'Credentials belong to their owner: create them under the same team (or user) whose name this setup trusts, or the tokens will not match.',
      link: settings,
    },
    {
      title: `Create the compute credentials named exactly ${compute}`,
      detail: `Give it ${input.computeIdentity}. Studio's tokens for it carry the subject ${subjectFor(team, compute)}, the only one the compute role trusts.`,
    },
    {
      title: `Create the storage credentials named exactly ${storage}`,
      detail: `Give it ${input.storageIdentity}. Its tokens carry the subject ${subjectFor(team, storage)}.`,
    },
    {
      title: 'Add the compute cluster',
      detail: `Choose the compute credentials and paste ${input.clusterOutputs.join(', ')} (or import the exported Studio config). Studio creates the cluster in your account when it first needs it.`,
    },
  ];
  if (input.secretLines.length > 0) {
    steps.push({
      title: 'Give jobs their secrets',
      detail: `Add these lines to a job's environment: ${input.secretLines.join('; ')}. Jobs read them with the storage credentials.`,
    });
  }
  return steps;
}

/** The checklist as plain text lines (the exported file's README section). */
export function checklistLines(steps: readonly ChecklistStep[]): string[] {
  return steps.flatMap((step, i) => [
    `${i + 1}. ${step.title}.`,
    `   ${step.detail}${step.link ? ` (${step.link.url})` : ''}`,
  ]);
}
