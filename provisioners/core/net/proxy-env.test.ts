import { describe, expect, it } from 'vitest';
import { createNetwork } from './proxy-agent';
import { bypassesProxy, proxyFromEnv, proxyFromPacResult } from './proxy-env';

describe('proxy from the environment', () => {
  const env = { HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'proxy.corp:8080' };

  it('takes HTTPS_PROXY for https and HTTP_PROXY for http, lower case first', () => {
    expect(proxyFromEnv('https://sts.amazonaws.com/', env)).toBe('http://proxy.corp:3128');
    expect(proxyFromEnv('http://169.254.169.254/', env)).toBe('http://proxy.corp:8080');
    expect(proxyFromEnv('https://x.example/', { ...env, https_proxy: 'http://lower:1' })).toBe('http://lower:1');
    expect(proxyFromEnv('https://x.example/', { ALL_PROXY: 'http://all:1' })).toBe('http://all:1');
    expect(proxyFromEnv('https://x.example/', {})).toBeUndefined();
  });

  it('goes direct for NO_PROXY: *, suffixes with or without a dot, host:port', () => {
    const no = (value: string, url: string) => bypassesProxy(new URL(url), value);
    expect(no('*', 'https://anything.example/')).toBe(true);
    expect(no('.corp.example', 'https://git.corp.example/')).toBe(true);
    expect(no('corp.example', 'https://corp.example/')).toBe(true);
    expect(no('corp.example', 'https://notcorp.example/')).toBe(false);
    expect(no('localhost:8443', 'https://localhost:8443/')).toBe(true);
    expect(no('localhost:8443', 'https://localhost/')).toBe(false);
    expect(no('10.0.0.1, s3.amazonaws.com', 'https://s3.amazonaws.com/')).toBe(true);
    expect(proxyFromEnv('https://s3.amazonaws.com/', { ...env, NO_PROXY: 'amazonaws.com' })).toBeUndefined();
  });

  it("reads Chromium's PAC-style answers", () => {
    expect(proxyFromPacResult('PROXY proxy.corp:3128; DIRECT')).toBe('http://proxy.corp:3128');
    expect(proxyFromPacResult('HTTPS secure.corp:443')).toBe('https://secure.corp:443');
    expect(proxyFromPacResult('DIRECT')).toBeUndefined();
    expect(proxyFromPacResult('SOCKS5 s:1080; PROXY p:3128')).toBe('http://p:3128');
    expect(proxyFromPacResult('PROXY not a host')).toBeUndefined();
  });

  it('asks the system proxy only when the environment names none', async () => {
    const asked: string[] = [];
    const systemProxy = async (url: string) => {
      asked.push(url);
      return 'PROXY system.corp:8080';
    };
    expect(await createNetwork({ env: {}, systemProxy }).proxyFor('https://sts.amazonaws.com/')).toBe(
      'http://system.corp:8080',
    );
    expect(asked).toEqual(['https://sts.amazonaws.com/']);
    expect(await createNetwork({ env, systemProxy }).proxyFor('https://sts.amazonaws.com/')).toBe(
      'http://proxy.corp:3128',
    );
    expect(asked).toHaveLength(1);
    // Nothing configured: the SDK keeps its own handler.
    expect(createNetwork({ env: {} }).awsAgents()).toBeUndefined();
  });
});
