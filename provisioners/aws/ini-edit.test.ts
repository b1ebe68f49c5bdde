import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editIni, readIniSections } from './ini-edit';

const FILE = [
  '# top comment',
  '[default]',
  'region = eu-north-1 ; trailing',
  '',
  '[profile dev]',
  '# inside',
  'output = json',
  '',
  '',
  '[sso-session corp]',
  'sso_start_url = https://d-1.awsapps.com/start',
].join('\n');

describe('editIni', () => {
  it('adds a section at the end, separated by one blank line, leaving every other line alone', () => {
    const out = editIni(`${FILE}\n`, [{ header: 'profile new', entries: [['region', 'us-east-1']] }]);
    expect(out).toBe(`${FILE}\n\n[profile new]\nregion = us-east-1\n`);
  });

  it('sets keys in a section that exists, keeping comments and order', () => {
    const out = editIni(FILE, [
      {
        header: 'profile dev',
        entries: [
          ['output', 'yaml'],
          ['region', 'eu-west-1'],
        ],
      },
    ]);
    expect(out.split('\n').slice(4, 10)).toEqual([
      '[profile dev]',
      '# inside',
      'output = yaml',
      'region = eu-west-1',
      '',
      '',
    ]);
    expect(out.startsWith('# top comment\n[default]\nregion = eu-north-1 ; trailing\n')).toBe(true);
  });

  it('keeps Windows line ends', () => {
    const out = editIni('[default]\r\nregion = a\r\n', [{ header: 'profile x', entries: [['region', 'b']] }]);
    expect(out).toBe('[default]\r\nregion = a\r\n\r\n[profile x]\r\nregion = b\r\n');
  });

  it('refuses values that would break the file', () => {
    expect(() => editIni('', [{ header: 'profile a]\n[b', entries: [] }])).toThrow(/unsafe/);
    expect(() => editIni('', [{ header: 'profile a', entries: [['region', 'x\n[evil]']] }])).toThrow(/line break/);
  });

  it('what it writes, the SDK loader reads as written', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dcs-ini-'));
    const file = path.join(dir, 'config');
    writeFileSync(
      file,
      editIni(FILE, [
        { header: 'sso-session d-9', entries: [['sso_start_url', 'https://d-9.awsapps.com/start']] },
        { header: 'profile dev', entries: [['region', 'eu-west-1']] },
      ]),
    );
    const { configFile } = await loadSharedConfigFiles({ configFilepath: file, filepath: path.join(dir, 'none') });
    expect(configFile.dev).toEqual({ output: 'json', region: 'eu-west-1' });
    expect(configFile.default).toMatchObject({ region: expect.stringMatching(/^eu-north-1/) });
    expect(readIniSections(FILE).get('profile dev')?.get('output')).toBe('json');
  });
});
