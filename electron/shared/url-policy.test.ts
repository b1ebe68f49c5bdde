import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, isAppUrl } from './url-policy';

describe('isAppUrl', () => {
  it('accepts only our own bundle', () => {
    expect(isAppUrl('app://wizard/')).toBe(true);
    expect(isAppUrl('app://wizard/assets/index.js')).toBe(true);
    for (const url of [
      'app://evil/',
      'http://wizard/',
      'file:///etc/passwd',
      'app://user:pw@wizard/',
      'https://studio.datachain.ai',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('isAllowedExternalUrl', () => {
  it('opens the documentation, consoles and sign-in pages the wizard links to', () => {
    for (const url of [
      'https://studio.datachain.ai/team/settings',
      'https://docs.aws.amazon.com/eks/latest/userguide/',
      'https://eu-north-1.console.aws.amazon.com/servicequotas/home',
      'https://d-1234567890.awsapps.com/start',
      'https://device.sso.eu-north-1.amazonaws.com/?user_code=ABCD-EFGH',
      'https://portal.azure.com/',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(true);
    }
  });

  it('refuses everything else, including look-alikes', () => {
    for (const url of [
      'http://studio.datachain.ai/',
      'https://studio.datachain.ai.evil.example/',
      'https://evildatachain.ai/',
      'https://user:pass@studio.datachain.ai/',
      'https://studio.datachain.ai:8443/',
      'https://awsapps.com.evil.example/',
      'https://device.sso.evil.amazonaws.com.example/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'app://wizard/',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});
