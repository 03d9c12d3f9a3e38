import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('demo123');
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain('demo123');
    await expect(verifyPassword('demo123', stored)).resolves.toBe(true);
    await expect(verifyPassword('demo124', stored)).resolves.toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('x')).not.toBe(await hashPassword('x'));
  });

  it('refuses a malformed stored value', async () => {
    await expect(verifyPassword('x', 'plain')).resolves.toBe(false);
  });
});
