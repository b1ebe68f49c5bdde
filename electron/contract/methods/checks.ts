import { z } from 'zod';
import { DoctorRemedy, DoctorReport, Handoff, PermissionReport } from '../../../provisioners/core/checks.schema';
import { SetupPlanInput, SetupRef } from '../schemas/setup';
import type { MethodSpec } from './spec';

/** Where an admin hosts the hand-off template, for the console's quick-create link. */
const TemplateUrl = z
  .string()
  .max(2048, 'is longer than 2048 characters')
  .regex(/^https:\/\/[^\s'"<>]+$/, 'must be an https URL');

/**
 * Checks around a setup, for every cloud: the rights the plan needs (before any write), the
 * admin hand-off, and the doctor that proves Studio gets in (and its fixes).
 */
export const checkMethods = {
  'setup.permissions': {
    summary: "Check the signed-in principal's rights for everything deploying this config needs. Changes nothing.",
    input: SetupPlanInput,
    output: PermissionReport,
  },
  'setup.handoff': {
    summary:
      'What an admin needs to make this setup with their own rights (template, parameters, command). Changes nothing.',
    input: z.object({ plan: SetupPlanInput, templateUrl: TemplateUrl.optional() }).strict(),
    output: Handoff,
  },
  'setup.doctor': {
    summary:
      "Prove from the live documents that Studio's tokens get in and nothing else does; check what the setup relies on.",
    input: z.object({ target: SetupRef }).strict(),
    output: DoctorReport,
  },
  'setup.repair': {
    summary: 'Apply a fix the doctor offered (put back a Studio role policy as the template has it).',
    input: z.object({ target: SetupRef, remedy: DoctorRemedy }).strict(),
    output: z.object({ done: z.string() }),
  },
} as const satisfies Record<string, MethodSpec>;
