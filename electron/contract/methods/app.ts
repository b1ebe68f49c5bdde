import { z } from 'zod';
import { AppInfo, ExternalUrl, NoInput } from '../schemas/common';
import { Draft } from '../schemas/draft';
import { UpdateInstall, UpdateStatus } from '../schemas/update';
import type { MethodSpec } from './spec';

/** The app itself: its identity, links, the draft, files. */
export const appMethods = {
  'app.info': {
    summary: 'Name, version and runtime of the app.',
    input: NoInput,
    output: AppInfo,
  },
  'app.openExternal': {
    summary: 'Open an allow-listed https link in the system browser.',
    input: z.object({ url: ExternalUrl }).strict(),
    output: z.object({ opened: z.boolean() }),
  },
  'app.draft.load': {
    summary: 'The saved wizard draft, if any.',
    input: NoInput,
    output: z.object({ draft: Draft.nullable(), savedAt: z.string().optional() }),
  },
  'app.draft.save': {
    summary: 'Save the wizard draft (never credentials or secret values: the schema has no room for them).',
    input: z.object({ draft: Draft }).strict(),
    output: z.object({ savedAt: z.string() }),
  },
  'app.draft.clear': {
    summary: 'Forget the saved draft.',
    input: NoInput,
    output: z.object({ cleared: z.boolean() }),
  },
  'app.saveFile': {
    summary: 'Save a file through the system save dialog (desktop app only; the browser downloads instead).',
    maxStringLength: 5_000_000,
    input: z
      .object({
        suggestedName: z.string().regex(/^[\w.-]{1,100}$/, 'a plain file name'),
        content: z.string().max(5_000_000),
        filterName: z.string().max(50),
        extensions: z
          .array(z.string().regex(/^[a-z0-9]{1,10}$/))
          .min(1)
          .max(5),
      })
      .strict(),
    output: z.object({
      saved: z.boolean(),
      path: z.string().optional(),
      reason: z.enum(['saved', 'cancelled', 'unsupported']),
    }),
  },
  'app.update.status': {
    summary: "Where the app's own update stands (checked at start and daily, downloaded in the background).",
    input: NoInput,
    output: UpdateStatus,
  },
  'app.update.install': {
    summary: 'Restart into the downloaded update; refused while a deploy or teardown runs.',
    input: NoInput,
    output: UpdateInstall,
  },
} as const satisfies Record<string, MethodSpec>;
