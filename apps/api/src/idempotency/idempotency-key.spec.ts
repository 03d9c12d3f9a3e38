import { createHash } from 'node:crypto';
import { canonicalJson, idempotencyScope, idForKey, isValidIdempotencyKey, normalisePath, requestHash } from './idempotency-key';

describe('isValidIdempotencyKey', () => {
  it.each([
    ['a UUID', '3f1c9a52-7a44-4c1e-9d1b-2f6a0c9e8b11'],
    ['one character', 'a'],
    ['200 characters', 'k'.repeat(200)],
    ['printable punctuation and inner spaces', 'order #42 / retry: 1 ~!@$%^&*()'],
  ])('accepts %s', (_label, key) => {
    expect(isValidIdempotencyKey(key)).toBe(true);
  });

  it.each([
    ['an empty key', ''],
    ['201 characters', 'k'.repeat(201)],
    ['a tab', 'a\tb'],
    ['a newline', 'a\nb'],
    ['DEL', 'a\x7fb'],
    ['non-ASCII (Chinese)', '幂等键'],
    ['latin-1', 'caf\xe9'],
    ['a non-string', 42],
    ['undefined', undefined],
  ])('refuses %s', (_label, key) => {
    expect(isValidIdempotencyKey(key)).toBe(false);
  });
});

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,1,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text for the same content in any key order', () => {
    const one = {
      name: '蔬菜大棚',
      fundingSources: [{ source: '市级', amount: '1.00' }],
      beneficiaries: { people: 4, householdsLifted: 1 },
    };
    const two = {
      beneficiaries: { householdsLifted: 1, people: 4 },
      fundingSources: [{ amount: '1.00', source: '市级' }],
      name: '蔬菜大棚',
    };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('drops undefined members like JSON does and writes null for undefined array items and a missing body', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('escapes strings exactly as JSON and uses toJSON (dates)', () => {
    expect(canonicalJson({ '"k"': 'line\nbreak "q" 中文' })).toBe('{"\\"k\\"":"line\\nbreak \\"q\\" 中文"}');
    expect(canonicalJson({ at: new Date('2025-01-02T03:04:05.000Z') })).toBe('{"at":"2025-01-02T03:04:05.000Z"}');
  });

  it('keeps a string "1" and a number 1 apart', () => {
    expect(canonicalJson({ n: '1' })).not.toBe(canonicalJson({ n: 1 }));
  });

  it('is valid JSON that parses back to an equal value', () => {
    const value = { z: [1, 'two', { y: true, x: null }], a: -0.5 };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });
});

describe('requestHash', () => {
  it('is the sha256 of the canonical JSON body', () => {
    const body = { b: 2, a: 1 };
    expect(requestHash(body)).toBe(createHash('sha256').update('{"a":1,"b":2}').digest('hex'));
    expect(requestHash(body, {})).toBe(requestHash(body));
  });

  it('ignores key order but not content', () => {
    expect(requestHash({ a: 1, b: 2 })).toBe(requestHash({ b: 2, a: 1 }));
    expect(requestHash({ a: 1, b: 2 })).not.toBe(requestHash({ a: 1, b: 3 }));
    expect(requestHash({ list: [1, 2] })).not.toBe(requestHash({ list: [2, 1] }));
  });

  it('treats a missing body as null and lets a query string change the fingerprint', () => {
    expect(requestHash(undefined)).toBe(requestHash(null));
    expect(requestHash({ a: 1 }, { force: 'true' })).not.toBe(requestHash({ a: 1 }));
  });
});

describe('scope', () => {
  it('strips the query string and trailing slashes from the path', () => {
    expect(normalisePath('/projects/?x=1')).toBe('/projects');
    expect(normalisePath('/projects/abc/submit')).toBe('/projects/abc/submit');
    expect(normalisePath('/')).toBe('/');
  });

  it('combines caller, method and path', () => {
    expect(idempotencyScope('public', 'post', '/projects')).toBe('public POST /projects');
    expect(idempotencyScope('u1', 'POST', '/a')).not.toBe(idempotencyScope('u2', 'POST', '/a'));
  });
});

describe('idForKey', () => {
  it('names the same thing for the same caller, target and key, and a UUID in form', () => {
    // The value projects created with an Idempotency-Key have always had: ids already given stay the same.
    expect(idForKey('project', 'user-1', 'key-1')).toBe('c2417357-66aa-8ab2-a97d-0edb83a9fc5d');
    expect(idForKey('match', 'user-1', 'batch', '140602000000', 'key-1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idForKey('match', 'user-1', 'batch', '140602000000', 'key-1')).not.toBe(idForKey('match', 'user-2', 'batch', '140602000000', 'key-1'));
  });
});
