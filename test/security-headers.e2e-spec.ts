import { LOGIN_LIMITS } from '../apps/api/src/auth/login-throttle';
import { application, type Headers } from './support/fixtures';
import { RawClient, listenOnLoopback, type RawResponse } from './support/raw-http';
import { login, startTestStack, type TestStack } from './support/test-stack';

/** What a browser needs from the server: security headers on every answer, no forged writes, no password guessing. */
describe('security headers, cross-site writes and the login throttle', () => {
  let stack: TestStack;
  let village: Headers;
  let raw: RawClient;
  beforeAll(async () => {
    stack = await startTestStack();
    village = await login(stack, 'village1');
    raw = new RawClient(await listenOnLoopback(stack));
  });
  afterAll(async () => {
    await stack?.stop();
  });

  function directives(header: unknown): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const part of String(header ?? '').split(';')) {
      const [name, ...values] = part.trim().split(/\s+/);
      if (name) out.set(name, values);
    }
    return out;
  }

  function expectSecurityHeaders(headers: Record<string, unknown>) {
    const csp = directives(headers['content-security-policy']);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('script-src-attr')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['x-powered-by']).toBeUndefined();
    // Plain HTTP without a trusted proxy: HSTS would mean nothing here.
    expect(headers['strict-transport-security']).toBeUndefined();
  }

  it('the console\'s pages carry a CSP without inline scripts, and the page has none', async () => {
    for (const path of ['/', '/login', '/projects']) {
      const page = await stack.http().get(path).set('Accept', 'text/html,application/xhtml+xml').expect(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expectSecurityHeaders(page.headers);
      // Every script is a file of our origin: the CSP allows no other.
      expect(page.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
    }
    const script = /src="(\/assets\/[^"]+\.js)"/.exec((await stack.http().get('/').set('Accept', 'text/html')).text)?.[1];
    expect(script).toBeDefined();
    expectSecurityHeaders((await stack.http().get(script!).expect(200)).headers);
  });

  it('API answers carry the same headers: a bearer read, the health check, an error, Swagger UI', async () => {
    expectSecurityHeaders((await stack.http().get('/projects').set(village).expect(200)).headers);
    expectSecurityHeaders((await stack.http().get('/health').expect(200)).headers);
    expectSecurityHeaders((await stack.http().get('/projects').expect(401)).headers);
    const docs = await stack.http().get('/docs/').set('Accept', 'text/html').expect(200);
    expectSecurityHeaders(docs.headers);
    expect(docs.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
  });

  it('HSTS and Secure cookies only over TLS that a trusted proxy vouches for', async () => {
    await stack.http().get('/health').set('X-Forwarded-Proto', 'https').expect(200).expect((r) => expect(r.headers['strict-transport-security']).toBeUndefined());
    // As TRUST_PROXY=loopback would set it: a proxy on this host terminates TLS.
    const express = stack.app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void };
    express.set('trust proxy', ['loopback']);
    try {
      const tls = await stack.http().get('/health').set('X-Forwarded-Proto', 'https').expect(200);
      expect(tls.headers['strict-transport-security']).toBe('max-age=31536000');
      expectSecurityHeaders({ ...tls.headers, 'strict-transport-security': undefined });
      expect((await stack.http().get('/health').expect(200)).headers['strict-transport-security']).toBeUndefined();
      const signIn = await stack.http().post('/auth/login').set('X-Forwarded-Proto', 'https').set('X-Auth-Mode', 'cookie').send({ username: 'village1', password: 'demo123' }).expect(200);
      const cookies = ([] as string[]).concat(signIn.headers['set-cookie'] ?? []);
      expect(cookies).toHaveLength(2);
      for (const cookie of cookies) expect(cookie).toMatch(/;\s*Secure/i);
    } finally {
      express.set('trust proxy', false);
    }
  });

  it('a cookie-session write is refused with 403 without its CSRF token, with a forged one, or from another site', async () => {
    const signIn = await stack.http().post('/auth/login').set('X-Auth-Mode', 'cookie').send({ username: 'village1', password: 'demo123' }).expect(200);
    const cookie = ([] as string[]).concat(signIn.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const token: string = signIn.body.csrfToken;
    const draft = application({ name: '跨站伪造测试' });
    const refusals = [
      await stack.http().post('/projects').set('Cookie', cookie).send(draft),
      await stack.http().post('/projects').set('Cookie', cookie).set('X-CSRF-Token', 'forged').send(draft),
      // What a browser sends for a form or fetch from another site, or from a sibling subdomain that planted its own rf_csrf.
      await stack.http().post('/projects').set('Cookie', cookie).set('X-CSRF-Token', token).set('Origin', 'https://evil.example').set('Sec-Fetch-Site', 'cross-site').send(draft),
      await stack.http().post('/projects').set('Cookie', cookie).set('X-CSRF-Token', token).set('Origin', 'https://other.example.gov.cn').set('Sec-Fetch-Site', 'same-site').send(draft),
    ];
    expect(refusals.map((r) => [r.status, r.body.code])).toEqual(refusals.map(() => [403, 'CSRF_FAILED']));
    for (const r of refusals) expectSecurityHeaders(r.headers);
    const rows = await stack.db.query(`SELECT count(*)::int AS n FROM projects WHERE name = '跨站伪造测试'`);
    expect(rows[0].n).toBe(0);
  });

  function signIn(username: string, password: string, from: string, headers: Record<string, string> = {}): Promise<RawResponse> {
    return raw.send({ method: 'POST', path: '/auth/login', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }), localAddress: from });
  }

  function expectThrottled(answer: RawResponse) {
    expect(answer.status).toBe(429);
    const retryAfter = Number(answer.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_LIMITS.windowMs / 1000);
    expect(answer.json).toEqual({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/登录失败次数过多，请 \d+ 分钟后再试/), details: { retryAfterSeconds: retryAfter } });
    expectSecurityHeaders(answer.headers);
  }

  it('a username that failed too often answers 429 with Retry-After, even with the right password from elsewhere; others still sign in', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perUsername; i++) expect((await signIn('finance1', `wrong-${i}`, '127.0.1.1')).status).toBe(401);
    expectThrottled(await signIn('finance1', 'demo123', '127.0.1.1'));
    expectThrottled(await signIn('FINANCE1', 'demo123', '127.0.1.2'));
    expect((await signIn('county1', 'demo123', '127.0.1.1')).status).toBe(200);
  });

  it('an address that failed too often answers 429 for any username; other addresses are not affected', async () => {
    // Without TRUST_PROXY a claimed X-Forwarded-For changes nothing: the connection's address counts.
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) {
      expect((await signIn(`nobody-${i}`, 'guess', '127.0.2.1', { 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(401);
    }
    expectThrottled(await signIn('township1', 'demo123', '127.0.2.1'));
    expect((await signIn('township1', 'demo123', '127.0.2.2')).status).toBe(200);
    // A malformed body is still told what is wrong with it: validation comes before the throttle.
    expect((await signIn('', 'demo123', '127.0.2.1')).status).toBe(400);
  });

  it('successful sign-ins are never throttled', async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAddress + LOGIN_LIMITS.perUsername; i++) expect((await signIn('monitor1', 'demo123', '127.0.3.1')).status).toBe(200);
  });

  it('the document lists 429 among the answers of POST /auth/login', async () => {
    const doc = (await stack.http().get('/docs-json').expect(200)).body;
    expect(doc.paths['/auth/login'].post.responses['429']['x-error-codes']).toEqual(['TOO_MANY_REQUESTS']);
  });
});
