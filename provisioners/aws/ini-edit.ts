/**
 * Edit the AWS config and credentials files the way a person would: add a section, or set keys
 * in one that exists, and leave every other line — other sections, comments, blank lines, key
 * order — exactly as it was. Text in, text out; reading and writing the files is the caller's.
 */

export interface IniSectionEdit {
  /** The header without brackets: `profile dev`, `sso-session corp`, `default`. */
  header: string;
  /** Keys to set (in this order for a new section); existing keys of the section are kept. */
  entries: [key: string, value: string][];
}

const HEADER = /^\s*\[([^\]]*)\]\s*([#;].*)?$/;
const ENTRY = /^\s*([^=#;\s][^=]*?)\s*=/;

/**
 * A section's identity is its header exactly as written: the SDK's loader reads `[profile dev]`
 * (one space) and ignores `[profile   dev]`, so the two are not the same profile.
 */
export function sectionKey(header: string): string {
  return header;
}

/** A value or header that would break the file (a newline, or a bracket in a header). */
function assertSafe(edit: IniSectionEdit): void {
  if (/[\r\n[\]]/.test(edit.header)) throw new Error(`unsafe section header: ${JSON.stringify(edit.header)}`);
  for (const [key, value] of edit.entries) {
    if (!/^[A-Za-z0-9_.-]+$/.test(key)) throw new Error(`unsafe key: ${JSON.stringify(key)}`);
    if (/[\r\n]/.test(value)) throw new Error(`a value for ${key} contains a line break`);
  }
}

/** The sections of a file (header → key → value), enough to see what a file already has. */
export function readIniSections(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of text.split(/\r?\n/)) {
    const header = HEADER.exec(line);
    if (header) {
      const key = sectionKey(header[1]!);
      current = sections.get(key) ?? new Map();
      sections.set(key, current);
      continue;
    }
    const entry = ENTRY.exec(line);
    if (entry && current) current.set(entry[1]!.trim(), line.slice(line.indexOf('=') + 1).trim());
  }
  return sections;
}

/** Apply edits to a file's text; returns the new text. Lines not named by an edit are untouched. */
export function editIni(text: string, edits: IniSectionEdit[]): string {
  edits.forEach(assertSafe);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text === '' ? [] : text.split(/\r?\n/);
  // A final newline leaves one empty string at the end; it is put back when joining.
  const endsWithNewline = lines.length > 0 && lines[lines.length - 1] === '';
  if (endsWithNewline) lines.pop();

  for (const edit of edits) {
    const wanted = sectionKey(edit.header);
    const start = lines.findIndex((line) => {
      const header = HEADER.exec(line);
      return !!header && sectionKey(header[1]!) === wanted;
    });
    if (start < 0) {
      if (lines.length && lines[lines.length - 1]!.trim() !== '') lines.push('');
      lines.push(`[${wanted}]`, ...edit.entries.map(([k, v]) => `${k} = ${v}`));
      continue;
    }
    let end = lines.findIndex((line, i) => i > start && HEADER.test(line));
    if (end < 0) end = lines.length;
    const missing: string[] = [];
    for (const [key, value] of edit.entries) {
      const at = lines.findIndex((line, i) => i > start && i < end && ENTRY.exec(line)?.[1]?.trim() === key);
      if (at >= 0) lines[at] = `${key} = ${value}`;
      else missing.push(`${key} = ${value}`);
    }
    // New keys go after the section's last entry, before the blank lines that separate it.
    let insertAt = end;
    while (insertAt > start + 1 && lines[insertAt - 1]!.trim() === '') insertAt -= 1;
    lines.splice(insertAt, 0, ...missing);
  }
  return lines.join(eol) + eol;
}
