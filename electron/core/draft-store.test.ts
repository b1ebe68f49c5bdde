import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testCore } from '../../test/support/core';
import { DraftStore } from './draft-store';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'dcs-draft-'));
const draft = { version: 1 as const, step: 'buckets', cloud: 'aws' as const, aws: { profile: 'dev', region: 'eu-west-1', buckets: [{ name: 'data', grantKms: false }] } };

describe('the draft store', () => {
  it('saves to a file only the user can read, and loads it back', async () => {
    const dir = tmp();
    const store = new DraftStore(path.join(dir, 'nested'));
    const savedAt = await store.save(draft);
    const file = path.join(dir, 'nested', 'draft.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.load()).toEqual({ draft, savedAt });
    expect(await store.clear()).toBe(true);
    expect(await store.load()).toEqual({ draft: null });
  });

  it('drops a corrupt or foreign draft instead of trusting it', async () => {
    const dir = tmp();
    const store = new DraftStore(dir);
    writeFileSync(path.join(dir, 'draft.json'), '{ not json');
    expect(await store.load()).toEqual({ draft: null });
    writeFileSync(path.join(dir, 'draft.json'), JSON.stringify({ draft: { ...draft, version: 2 } }));
    expect(await store.load()).toEqual({ draft: null });
  });

  it('has no room for credentials or secret values: the contract refuses them and writes nothing', async () => {
    const core = testCore();
    const cases = [
      { ...draft, aws: { ...draft.aws, credentials: { accessKeyId: 'AKIA…', secretAccessKey: 'x' } } },
      { ...draft, aws: { ...draft.aws, secrets: [{ arn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf', value: 'hunter2' }] } },
      { ...draft, sessionToken: 'x' },
    ];
    for (const bad of cases) {
      const saved = await core.dispatch('app.draft.save', { draft: bad }, { transport: 'test' });
      expect(saved).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await core.dispatch('app.draft.load', {}, { transport: 'test' })).toEqual({ ok: true, result: { draft: null } });

    const ok = await core.dispatch('app.draft.save', { draft }, { transport: 'test' });
    expect(ok.ok).toBe(true);
    expect(await core.dispatch('app.draft.load', {}, { transport: 'test' })).toMatchObject({ ok: true, result: { draft } });
  });

  it('writes atomically: a crash mid-write leaves the previous draft readable', async () => {
    const dir = tmp();
    const store = new DraftStore(dir);
    await store.save(draft);
    // A leftover partial file from a crashed write is ignored.
    writeFileSync(path.join(dir, `draft.json.${process.pid}.tmp`), '{"savedAt":"x","dra');
    expect((await store.load()).draft).toEqual(draft);
    expect(JSON.parse(readFileSync(path.join(dir, 'draft.json'), 'utf8')).draft).toEqual(draft);
  });
});
