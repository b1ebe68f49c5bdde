import { describe, expect, it } from 'vitest';
import { StudioConnection } from './studio.schema';
import { listInWords, takeoverOfStudio } from './takeover';

const acme = StudioConnection.parse({ team: 'acme' });

describe('takeoverOfStudio', () => {
  it('says nothing when the trust and the grants stay', () => {
    expect(takeoverOfStudio(acme, acme, [])).toBeUndefined();
  });

  it('names the team that loses the setup when another team takes it', () => {
    const t = takeoverOfStudio(acme, StudioConnection.parse({ team: 'beta' }), [])!;
    expect(t.summary).toBe('This setup belongs to Studio team "acme". Deploying this plan hands it to team "beta".');
    expect(t.losses).toEqual([
      'Studio team "acme" (credentials:acme/datachain-compute, credentials:acme/datachain-storage) can no longer use this setup.',
    ]);
    expect(t.subjects?.after.compute).toBe('credentials:beta/datachain-compute');
  });

  it('names the credentials and the old issuer when the same team moves its trust', () => {
    const t = takeoverOfStudio(acme, StudioConnection.parse({ team: 'acme', issuer: 'studio.example.com/api' }), [])!;
    expect(t.summary).toBe('This plan changes which Studio credentials this setup trusts.');
    expect(t.losses[0]).toMatch(
      /credentials datachain-compute and datachain-storage .* from studio\.datachain\.ai\/api\)/,
    );
  });

  it('lists the grants a plan drops in words', () => {
    const t = takeoverOfStudio(acme, acme, ['the bucket a', 'the Key Vault v', 'the secret s'])!;
    expect(t.summary).toBe('This plan removes 3 grants you did not ask to revoke.');
    expect(t.losses).toEqual(['Studio jobs lose the bucket a, the Key Vault v and the secret s.']);
    expect(t.subjects).toBeUndefined();
    expect(takeoverOfStudio(acme, acme, ['the bucket a'])!.summary).toMatch(/removes a grant/);
    expect(listInWords([])).toBe('');
    expect(listInWords(['x', 'y'])).toBe('x and y');
  });
});
