import { BadUserInputError } from '@common-ground/shared/graphql';
import { normaliseEmail, PasswordService } from './password.service';

describe('PasswordService', () => {
  const passwords = new PasswordService();

  it('hashes with argon2id and verifies', async () => {
    const hash = await passwords.hash('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain('correct horse battery');
    await expect(passwords.verify(hash, 'correct horse battery')).resolves.toBe(true);
    await expect(passwords.verify(hash, 'wrong horse battery')).resolves.toBe(false);
    await expect(passwords.verify(undefined, 'anything at all')).resolves.toBe(false);
  });

  it.each([
    ['short', 'ann@example.org'],
    ['ann@example.org', 'Ann@Example.org'],
    ['ANNABELLE-LEE', 'annabelle-lee@example.org'],
    ['x'.repeat(257), 'ann@example.org'],
  ])('refuses %s for %s', (password, email) => {
    expect(() => passwords.assertAcceptable(password, email)).toThrow(BadUserInputError);
  });

  it('accepts a decent password', () => {
    expect(() => passwords.assertAcceptable('correct horse battery', 'ann@example.org')).not.toThrow();
  });

  it('normalises e-mails', () => {
    expect(normaliseEmail('  Ann@Example.ORG ')).toBe('ann@example.org');
  });
});
