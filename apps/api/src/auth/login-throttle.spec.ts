import { LOGIN_LIMITS, LoginThrottle, addressKey, type Admission } from './login-throttle';

function fail(throttle: LoginThrottle, ip: string, user: string, now: number): Admission {
  return throttle.admit(ip, user, now);
}

describe('LoginThrottle', () => {
  const t0 = 1_000_000;

  it('stops a username after its failures, from any address, until the oldest leaves the window', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < LOGIN_LIMITS.perUsername; i++) expect(fail(throttle, `10.0.0.${i}`, 'county1', t0 + i * 1000).allowed).toBe(true);
    const refused = throttle.admit('10.9.9.9', 'County1 ', t0 + 10_000);
    expect(refused).toEqual({ allowed: false, retryAfterS: (LOGIN_LIMITS.windowMs - 10_000) / 1000 });
    expect(throttle.admit('10.9.9.9', 'county1', t0 + LOGIN_LIMITS.windowMs).allowed).toBe(true);
  });

  it('stops an address after its failures, whatever the usernames; other addresses still sign in', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) fail(throttle, '203.0.113.7', `guess${i}`, t0);
    expect(throttle.admit('203.0.113.7', 'village1', t0 + 1).allowed).toBe(false);
    expect(throttle.admit('203.0.113.8', 'village1', t0 + 1).allowed).toBe(true);
  });

  it('a success takes its attempt back and clears its username; an abandoned attempt counts for nothing', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < LOGIN_LIMITS.perUsername - 1; i++) fail(throttle, '10.0.0.1', 'village1', t0);
    const ok = throttle.admit('10.0.0.1', 'village1', t0 + 1);
    if (!ok.allowed) throw new Error('admitted expected');
    ok.succeeded();
    for (let i = 0; i < LOGIN_LIMITS.perUsername * 3; i++) {
      const next = throttle.admit('10.0.0.2', 'admin', t0 + 2);
      if (!next.allowed) throw new Error(`refused after ${i} successes`);
      next.succeeded();
    }
    const lost = throttle.admit('10.0.0.3', 'township1', t0);
    if (lost.allowed) lost.abandoned();
    for (let i = 0; i < LOGIN_LIMITS.perUsername - 1; i++) fail(throttle, '10.0.0.3', 'township1', t0);
    expect(throttle.admit('10.0.0.3', 'township1', t0).allowed).toBe(true);
  });

  it('counts an IPv6 /64 as one address and a mapped IPv4 as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
  });
});
