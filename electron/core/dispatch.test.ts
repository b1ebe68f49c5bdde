import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, methods } from '../contract';
import { createDispatcher } from './dispatch';
import { createCore } from './index';
import { silentLogger } from './services';

const contract = {
  'demo.echo': {
    summary: 'echo',
    input: z.object({ name: z.string().min(2), count: z.number().int() }).strict(),
    output: z.object({ greeting: z.string() }),
  },
  'demo.fail': { summary: 'fail', input: z.object({}).strict(), output: z.object({}) },
  'demo.crash': { summary: 'crash', input: z.object({}).strict(), output: z.object({}) },
  'demo.badOutput': { summary: 'bad', input: z.object({}).strict(), output: z.object({ n: z.number() }) },
};

function dispatcher(onInternal = vi.fn()) {
  const handlers = {
    'demo.echo': vi.fn(async ({ name, count }: { name: string; count: number }) => ({ greeting: `${name} x${count}` })),
    'demo.fail': vi.fn(async () => {
      throw new ApiError('CONFLICT', 'Already there.', { hint: 'Pick another name.' });
    }),
    'demo.crash': vi.fn(async () => {
      throw new TypeError('secret internal detail /home/user/.aws/credentials');
    }),
    'demo.badOutput': vi.fn(async () => ({ n: 'not a number' }) as unknown as { n: number }),
  };
  return { dispatch: createDispatcher(contract, handlers, onInternal), handlers, onInternal };
}

describe('dispatch', () => {
  it('runs a valid call and returns its validated output', async () => {
    const { dispatch } = dispatcher();
    await expect(dispatch('demo.echo', { name: 'ada', count: 2 }, { transport: 'test' })).resolves.toEqual({
      ok: true,
      result: { greeting: 'ada x2' },
    });
  });

  it('rejects unknown and non-string method names without running anything', async () => {
    const { dispatch, handlers } = dispatcher();
    for (const name of ['demo.nope', 'constructor', '__proto__', 'toString', 42, undefined, { method: 'demo.echo' }]) {
      const result = await dispatch(name, {}, { transport: 'test' });
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
    expect(handlers['demo.echo']).not.toHaveBeenCalled();
  });

  it('names every invalid field and never calls the handler', async () => {
    const { dispatch, handlers } = dispatcher();
    const result = await dispatch('demo.echo', { name: 'a', count: 1.5, extra: true }, { transport: 'test' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    const paths = result.error.details?.fields?.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'count', '(input)']));
    expect(result.error.message).toMatch(/^Invalid (name|count|\(input\))/);
    expect(handlers['demo.echo']).not.toHaveBeenCalled();
  });

  it('passes structured errors through with the method attached', async () => {
    const { dispatch } = dispatcher();
    const result = await dispatch('demo.fail', {}, { transport: 'test' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'Already there.',
        details: { hint: 'Pick another name.', method: 'demo.fail' },
      },
    });
  });

  it('turns unexpected exceptions into INTERNAL without leaking their text', async () => {
    const { dispatch, onInternal } = dispatcher();
    const result = await dispatch('demo.crash', {}, { transport: 'test' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(onInternal).toHaveBeenCalledOnce();
  });

  it('refuses to return an output that breaks the contract', async () => {
    const { dispatch, onInternal } = dispatcher();
    const result = await dispatch('demo.badOutput', {}, { transport: 'test' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(onInternal).toHaveBeenCalled();
  });
});

describe('the app contract', () => {
  const core = createCore({
    appName: 'DataChain Cluster Setup',
    appVersion: '1.2.3',
    runtime: 'browser',
    platform: 'linux',
    env: {},
    log: silentLogger,
    openExternal: async () => true,
    userDataDir: '/nonexistent',
  });

  it('has a handler for every method, and every method has input and output schemas', async () => {
    for (const [name, spec] of Object.entries(methods)) {
      expect(spec.input, name).toBeDefined();
      expect(spec.output, name).toBeDefined();
      const result = await core.dispatch(name, { definitely_not_a_field: 1 }, { transport: 'test' });
      // Every method rejects unexpected fields before reaching its handler.
      expect(result, name).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('answers app.info', async () => {
    await expect(core.dispatch('app.info', {}, { transport: 'test' })).resolves.toEqual({
      ok: true,
      result: { name: 'DataChain Cluster Setup', version: '1.2.3', runtime: 'browser', platform: 'linux' },
    });
  });

  it('opens allow-listed links only', async () => {
    const denied = await core.dispatch(
      'app.openExternal',
      { url: 'https://evil.example/phish' },
      { transport: 'test' },
    );
    expect(denied).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { fields: [{ path: 'url' }] } },
    });
    const allowed = await core.dispatch(
      'app.openExternal',
      { url: 'https://docs.aws.amazon.com/eks/' },
      { transport: 'test' },
    );
    expect(allowed).toEqual({ ok: true, result: { opened: true } });
  });
});
