import fc from 'fast-check';

/**
 * Malformed request bodies for the bounded fuzz of every mutating endpoint. Each endpoint is
 * described by a valid body and its fields; a case is that body broken in one way that the endpoint
 * must refuse (a wrong type, a bad amount, an unknown field, broken JSON, …). Every generator here
 * yields only bodies that are invalid for the endpoint described, so any 2xx is a finding.
 *
 * Deliberately not generated here (each has a test of its own, see abuse-fuzz.e2e-spec.ts): NUL
 * characters, ISO-8601 forms PostgreSQL cannot store, very deep nesting, compressed bodies,
 * `__proto__` keys, arrays inside arrays of objects, arrays or nothing where a nested object belongs,
 * numbers in hex or exponent form where `@Type(() => Number)` converts them, and empty or non-JSON
 * bodies on endpoints whose fields are all optional.
 */

export type FieldKind =
  | 'string'
  | 'yuan'
  | 'int'
  /** An integer converted with `@Type(() => Number)`: "2024", true and [2024] pass there, so they are not "bad". */
  | 'coercedInt'
  | 'percent'
  | 'date'
  | 'enum'
  | 'uuid'
  | 'regionCode'
  | 'account'
  | 'duration'
  /** A duration that may be zero (the warranty). */
  | 'durationOrZero'
  | 'durationList'
  | 'ratio'
  | 'taskDue'
  | 'negativeList'
  | 'array'
  | 'object';

export interface FieldSpec {
  /** Path inside the body; numbers index arrays. */
  path: Array<string | number>;
  kind: FieldKind;
  required: boolean;
  /** For strings: the longest accepted length (a longer string is bad); 0 if an empty string is accepted. */
  minLength?: number;
  /** For arrays: whether [] is accepted. */
  emptyArrayOk?: boolean;
  /** For `null`: whether null is accepted (optional fields skip validation on null; policy keys remove on null). */
  nullOk?: boolean;
}

export interface BodySpec {
  /** A valid body (a fresh one per call when it must be unique). */
  valid: () => Record<string, unknown>;
  fields: FieldSpec[];
  /** True when `{}` is a valid body (all fields optional): empty and non-JSON bodies are then not generated. */
  emptyOk: boolean;
  /** Names accepted at the top level, so "unknown field" keys never collide with them. */
  known: string[];
}

export interface MalformedCase {
  label: string;
  /** Raw body, sent as is; undefined sends none. */
  body: string | Buffer | undefined;
  contentType: string | undefined;
}

const HUGE_ASCII = 'x'.repeat(100_000);
/** 100k Chinese characters: 300 kB of UTF-8, above the 256 kB body limit (413). */
const HUGE_CJK = '乡'.repeat(100_000);

const JSON_CT = 'application/json';

/** Random printable ASCII text (no control characters, so no NUL). */
const text = (max = 20) => fc.string({ unit: 'grapheme-ascii', maxLength: max });
/** Arbitrary JSON garbage, shallow (nesting stays far below the depth that breaks the transformer). */
const garbage = fc.jsonValue({ maxDepth: 3 });
const nested = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', maxDepth: 6 }, fc.constant(1), fc.dictionary(fc.constantFrom('a', 'b', 'x', '$where'), tie('node'), { minKeys: 1, maxKeys: 2 })),
})).node;

const NOT_STRING = [0, -1, 1.5, true, false, [], {}, ['x'], { x: 1 }, { $ne: null }];
const BAD_YUAN = [
  '1.001',
  '-5',
  '-0.01',
  '１２',
  '１２.００',
  '1e6',
  '1E3',
  '1,000.00',
  ' 1',
  '1 ',
  '',
  '.5',
  '5.',
  '0x10',
  'Infinity',
  'NaN',
  '9999999999999999',
  '+5',
  '5.5.5',
  '١٢',
  '12元',
  '¥12',
  '1_000',
  5,
  5.5,
  -5,
  1e6,
  true,
  [],
  {},
  ['1.00'],
  { amount: '1.00' },
  HUGE_ASCII,
];
const BAD_INT = ['12', '１２', 1.5, -1, 1e12, '1e6', true, [], {}, [1], 'x', ''];
const BAD_COERCED_INT = ['x', '１２', 1.5, -1, 0, 1e12, '1e6', 'abc', {}, [], null, 1999, 2101, '', HUGE_ASCII];
const BAD_PERCENT = [101, -1, 50.5, '50', '１００', 1e6, true, [], {}, null, 'x', -0.5];
const BAD_DATE = [
  '2024-13-01',
  '2024-02-30',
  '2023-02-29',
  'yesterday',
  20240101,
  '2024/05/20',
  '',
  '2024-5-2',
  '20-05-2024',
  '2024-05-20T25:00:00Z',
  '２０２４-０５-２０',
  '2024-05-20Z+',
  true,
  [],
  {},
  ['2024-05-20'],
  HUGE_ASCII,
];
const BAD_UUID = ['not-a-uuid', '', 123, '00000000-0000-0000-0000-00000000000g', '../../etc/passwd', [], {}, true, HUGE_ASCII];
const BAD_REGION = ['１４０６０２０００００００', '14060200000', '1406020000000', 140602000000, '', 'abcdefghijkl', '14060200000 ', [], {}, true];
const BAD_ACCOUNT = ['12345', 'abcdef', '６２２８４８０００', 6228480000000000, '', '6228 4800 0000', [], {}];
const BAD_DURATION = ['10 days', 'P', 'PT', '', 'P-1D', '1D', 'P1.5D', 'PT0.5S', 'P0D', 'PT0S', 'p', 10, true, [], {}, HUGE_ASCII, 'P１D'];
const BAD_RATIO = ['1.5', '-0.1', 'abc', '', '１', 0.5, true, [], {}, '0.5.5', '1e-1'];

function badPool(field: FieldSpec, enumValues?: readonly string[]): fc.Arbitrary<unknown> {
  const nullable = field.required && !field.nullOk ? [null] : [];
  const tooLong = field.minLength !== undefined ? [HUGE_ASCII] : [];
  const empty = field.minLength && field.minLength > 0 ? [''] : [];
  switch (field.kind) {
    case 'string':
      return fc.constantFrom(...NOT_STRING, ...nullable, ...tooLong, ...empty);
    case 'yuan':
      return fc.constantFrom(...BAD_YUAN, ...nullable);
    case 'int':
      return fc.constantFrom(...BAD_INT, ...nullable);
    case 'coercedInt':
      return fc.constantFrom(...BAD_COERCED_INT);
    case 'percent':
      return fc.constantFrom(...BAD_PERCENT);
    case 'date':
      return fc.constantFrom(...BAD_DATE, ...nullable);
    case 'enum':
      return fc.oneof(
        fc.constantFrom('APPROVE', 'approve ', '', 'unknown', 1, [], {}, true, ...nullable, HUGE_ASCII),
        text(12).filter((s) => !(enumValues ?? []).includes(s)),
      );
    case 'uuid':
      return fc.constantFrom(...BAD_UUID, ...nullable);
    case 'regionCode':
      return fc.constantFrom(...BAD_REGION, ...nullable);
    case 'account':
      return fc.constantFrom(...BAD_ACCOUNT, ...nullable);
    case 'duration':
      return fc.constantFrom(...BAD_DURATION);
    case 'durationOrZero':
      return fc.constantFrom(...BAD_DURATION.filter((d) => d !== 'P0D' && d !== 'PT0S'));
    case 'durationList':
      return fc.constantFrom('P5D', ['10 days'], [1], [null], {}, [[]], [{}], ['P'], true);
    case 'ratio':
      return fc.constantFrom(...BAD_RATIO);
    case 'taskDue':
      return fc.constantFrom({ township: 'P3D' }, 'P5D', [], { township: 'x', department: 'P7D', county: 'P10D', village: 'P15D' }, { township: 'P5D', department: 'P7D', county: 'P10D', village: 'P15D', mayor: 'P1D' }, true, 5);
    case 'negativeList':
      return fc.constantFrom('x', [], [{ x: 1 }], { version: 1 }, { entries: 'x' }, { version: 'v', entries: [{ category: 1, keywords: 'x' }] }, true, 5);
    // Not [[]] (an array inside an array of objects) nor [] / [{}] for an object: those are accepted or
    // crash the API (a known bug with tests of its own), so they stay out of the general fuzz.
    case 'array':
      return fc.constantFrom({}, 'x', 1, true, [null], [1], ['x'], [{ bogus: 1 }], ...(field.emptyArrayOk ? [] : [[]]), ...nullable);
    case 'object':
      return fc.constantFrom('x', 1, true, {}, { bogus: 1 }, ...nullable);
  }
}

function setPath(body: unknown, path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]] = value;
  return copy;
}

function deletePath(body: unknown, path: Array<string | number>): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  delete at[path[path.length - 1]];
  return copy;
}

const json = (label: string, value: unknown): MalformedCase => ({ label, body: JSON.stringify(value), contentType: JSON_CT });

/** Broken JSON text: truncated, single-quoted, trailing commas, JS literals, binary noise. */
function brokenJson(valid: () => Record<string, unknown>): fc.Arbitrary<MalformedCase> {
  const unparseable = (s: string) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return s.trim().length > 0;
    }
  };
  const truncated = fc.nat().map((n) => {
    const full = JSON.stringify(valid());
    return full.slice(0, 1 + (n % (full.length - 1)));
  });
  const fixed = fc.constantFrom(
    '{',
    '}',
    '{"a":',
    "{'decision':'approve'}",
    '{"a":1,}',
    '{"a":1}}',
    '[1,2',
    'undefined',
    'NaN',
    '{a:1}',
    '{"a":01}',
    '{"a":"\\x41"}',
    '{"a":"\\u12"}',
    '{"a":.5}',
    '{"a":+1}',
    '{"a":Infinity}',
    '{"a":"unterminated}',
    '\u0001\u0002',
    '<xml/>',
    '--',
    'a=1&b=2',
    '{"a":1}{"b":2}',
    '{"a" 1}',
  );
  const noise = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => Buffer.from(bytes));
  const text1 = fc.oneof(truncated, fixed, text(40)).filter(unparseable);
  return fc.oneof(
    text1.map((body) => ({ label: `broken JSON ${JSON.stringify(body.slice(0, 30))}`, body, contentType: JSON_CT })),
    noise
      .filter((b) => unparseable(b.toString('utf8')) && b[0] !== 0x1f)
      .map((body) => ({ label: `binary noise (${body.length} bytes)`, body, contentType: JSON_CT })),
    // Top-level JSON that is not an object or array: body-parser's strict mode refuses it.
    fc.constantFrom('"approve"', '42', 'true', 'null', '-1', '"１２"').map((body) => ({ label: `top-level ${body}`, body, contentType: JSON_CT })),
  );
}

/** Everything a body can be wrong with; `spec.emptyOk` decides whether empty and non-JSON bodies count as wrong. */
export function malformedBodies(spec: BodySpec, enumValues: Record<string, readonly string[]> = {}): fc.Arbitrary<MalformedCase> {
  const fieldNames = spec.fields.map((f) => f.path.join('.'));
  const unknownKey = text(12).filter((k) => k.length > 0 && !spec.known.includes(k) && !['__proto__', 'constructor', 'prototype'].includes(k));

  const wrongValue = fc
    .integer({ min: 0, max: spec.fields.length - 1 })
    .chain((i) => badPool(spec.fields[i], enumValues[fieldNames[i]]).map((bad) => ({ field: spec.fields[i], bad })))
    .map(({ field, bad }) => json(`${field.path.join('.')} = ${JSON.stringify(bad)?.slice(0, 40)}`, setPath(spec.valid(), field.path, bad)));

  // A missing nested object (beneficiaries) crashes the API: a known bug with a test of its own.
  const required = spec.fields.filter((f) => f.required && f.kind !== 'object');
  const missing = required.length
    ? fc.constantFrom(...required).map((f) => json(`missing ${f.path.join('.')}`, deletePath(spec.valid(), f.path)))
    : wrongValue;

  const unknownTop = fc.tuple(unknownKey, garbage).map(([k, v]) => json(`unknown field ${JSON.stringify(k)}`, { ...spec.valid(), [k]: v }));
  const objectFields = spec.fields.filter((f) => f.kind === 'object' || f.kind === 'array');
  const unknownNested = objectFields.length
    ? fc.tuple(fc.constantFrom(...objectFields), unknownKey, garbage).map(([f, k, v]) => {
        const body = spec.valid();
        const path = f.kind === 'array' ? [...f.path, 0] : f.path;
        let at: unknown = body;
        for (const key of path) at = (at as Record<string | number, unknown>)?.[key];
        if (!at || typeof at !== 'object') return json(`unknown top field ${JSON.stringify(k)}`, { ...body, [k]: v });
        return json(`unknown nested field ${path.join('.')}.${k}`, setPath(body, [...path, k], v));
      })
    : unknownTop;

  const nestedGarbage = fc
    .tuple(fc.constantFrom(...spec.fields), nested)
    .map(([f, g]) => json(`nested garbage in ${f.path.join('.')}`, setPath(spec.valid(), f.path, { garbage: g })));

  const wholeBody = fc.constantFrom<MalformedCase>(
    json('array instead of object', [spec.valid()]),
    json('array of garbage', [1, 'x', null]),
    json('empty array', []),
    json('nested arrays', [[spec.valid()]]),
    { label: 'huge Chinese string (413)', body: JSON.stringify({ ...spec.valid(), [spec.known[0]]: HUGE_CJK }), contentType: JSON_CT },
    { label: 'utf-16 charset', body: JSON.stringify(spec.valid()), contentType: 'application/json; charset=utf-16' },
    { label: 'latin1 charset', body: JSON.stringify(spec.valid()), contentType: 'application/json; charset=latin1' },
  );

  const emptyOrForeign = fc.constantFrom<MalformedCase>(
    { label: 'empty body', body: undefined, contentType: undefined },
    { label: 'empty JSON body', body: '', contentType: JSON_CT },
    { label: 'empty object', body: '{}', contentType: JSON_CT },
    { label: 'JSON as text/plain', body: JSON.stringify(spec.valid()), contentType: 'text/plain' },
    { label: 'form-urlencoded', body: new URLSearchParams(Object.entries(spec.valid()).map(([k, v]): [string, string] => [k, String(v)])).toString(), contentType: 'application/x-www-form-urlencoded' },
    { label: 'XML', body: '<body><decision>approve</decision></body>', contentType: 'application/xml' },
    { label: 'multipart', body: '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--b--\r\n', contentType: 'multipart/form-data; boundary=b' },
    { label: 'JSON without content type', body: JSON.stringify(spec.valid()), contentType: undefined },
  );

  const arbs: Array<fc.WeightedArbitrary<MalformedCase>> = [
    { arbitrary: wrongValue, weight: 40 },
    { arbitrary: missing, weight: 8 },
    { arbitrary: unknownTop, weight: 8 },
    { arbitrary: unknownNested, weight: 6 },
    { arbitrary: nestedGarbage, weight: 6 },
    { arbitrary: brokenJson(spec.valid), weight: 16 },
    { arbitrary: wholeBody, weight: 6 },
  ];
  if (!spec.emptyOk) arbs.push({ arbitrary: emptyOrForeign, weight: 8 });
  return fc.oneof(...arbs);
}

/** Only what is refused before any handler runs: unparseable JSON, refused charsets, oversized bodies. */
export function unparseableBodies(valid: () => Record<string, unknown>): fc.Arbitrary<MalformedCase> {
  return fc.oneof(
    { arbitrary: brokenJson(valid), weight: 10 },
    {
      arbitrary: fc.constantFrom<MalformedCase>(
        { label: 'huge Chinese string (413)', body: JSON.stringify({ comment: HUGE_CJK }), contentType: JSON_CT },
        { label: 'utf-16 charset', body: '{}', contentType: 'application/json; charset=utf-16' },
        { label: 'latin1 charset', body: '{}', contentType: 'application/json; charset=latin1' },
      ),
      weight: 1,
    },
  );
}

/** A multipart/form-data body with text fields and any number of file parts. */
export function multipart(fields: Record<string, string>, files: Array<{ field: string; filename: string; type: string; content: Buffer }>, boundary = 'fuzzboundary7MA4YWxk'): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`));
    parts.push(f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}

export const FUZZ_SEED = 20240426;

export function sampleCases(arb: fc.Arbitrary<MalformedCase>, numRuns: number, seed = FUZZ_SEED): MalformedCase[] {
  return fc.sample(arb, { seed, numRuns });
}

export { HUGE_ASCII, HUGE_CJK };
