import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses embedded defaults in local mode', () => {
    const c = loadConfig({}, 'local');
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.temporalAddress).toBeUndefined();
    expect(c.dataDir).toBe('.data');
    expect(c.seedDemo).toBe(true);
  });

  it.each([
    [{ DATABASE_URL: 'nonsense' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL'],
    [{ DATABASE_READ_URL: 'replica' }, 'DATABASE_READ_URL'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ TEMPORAL_ADDRESS: 'not a host' }, 'TEMPORAL_ADDRESS'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/40' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '99' }, 'TRUST_PROXY'],
  ])('names the bad variable in %j', (env, variable) => {
    expect(() => loadConfig(env, 'local')).toThrow(ConfigError);
    expect(() => loadConfig(env, 'local')).toThrow(new RegExp(`^配置错误 ${variable}:`));
  });

  it('requires external services and a secret in production', () => {
    expect(() => loadConfig({}, 'production')).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u:p@db/x' }, 'production')).toThrow(/TEMPORAL_ADDRESS/);
    const ok = loadConfig(
      { DATABASE_URL: 'postgres://u:p@db/x', TEMPORAL_ADDRESS: 'temporal:7233', JWT_SECRET: 'a-long-enough-secret' },
      'production',
    );
    expect(ok.temporalAddress).toBe('temporal:7233');
    expect(ok.seedDemo).toBe(false);
  });

  it('believes no proxy unless told which', () => {
    expect(loadConfig({}, 'local').trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }, 'local').trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }, 'local').trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '0' }, 'local').trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' }, 'local').trustProxy).toEqual(['loopback', '10.0.0.0/8', '::1']);
  });
});
