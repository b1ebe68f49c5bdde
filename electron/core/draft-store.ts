import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ApiError, readDraft, type Draft } from '../contract';

/** The wizard draft as a file in the user's data folder (0600), written atomically. */
export class DraftStore {
  private readonly file: string;

  constructor(userDataDir: string) {
    this.file = path.join(userDataDir, 'draft.json');
  }

  async load(): Promise<{ draft: Draft | null; savedAt?: string }> {
    try {
      const raw = JSON.parse(await readFile(this.file, 'utf8')) as { savedAt?: string; draft?: unknown };
      // An older draft is migrated; one of an unknown version, or edited by hand into something
      // invalid, is dropped rather than trusted.
      const draft = readDraft(raw.draft);
      return draft ? { draft, ...(raw.savedAt ? { savedAt: raw.savedAt } : {}) } : { draft: null };
    } catch {
      return { draft: null };
    }
  }

  async save(draft: Draft): Promise<string> {
    const savedAt = new Date().toISOString();
    // A name of its own per save: two overlapping saves never write or rename each other's file.
    const partial = `${this.file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      await writeFile(partial, JSON.stringify({ savedAt, draft }, null, 2), { mode: 0o600, flag: 'wx' });
      await rename(partial, this.file);
    } catch (error) {
      await rm(partial, { force: true }).catch(() => undefined);
      throw notSaved(this.file, error);
    }
    return savedAt;
  }

  async clear(): Promise<boolean> {
    await rm(this.file, { force: true });
    return true;
  }
}

/** A failed write says where and what to check, in words (never Node's "EISDIR: illegal operation…"). */
function notSaved(file: string, error: unknown): ApiError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'this app may not write there'
        : code === 'EISDIR' || code === 'ENOTDIR' || code === 'EEXIST'
          ? 'something else is in the way of the file'
          : 'the file could not be written';
  return new ApiError('INTERNAL', `The wizard could not write ${file}: ${why}.`, {
    hint: 'Free some space or fix that folder, then change any field to save again; until then your choices live only in this window.',
  });
}
