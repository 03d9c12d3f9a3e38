import { createHash } from 'node:crypto';
import {
  canonicalHistoryRow,
  canonicalJson,
  canonicalLedgerRow,
  CanonicalFormError,
  CHAIN_GENESIS,
  chainHash,
  countyDayRoot,
  describeChainBreak,
  type HistoryRowContent,
  type LedgerRowContent,
  type StoredChainRow,
  verifyChain,
} from './audit-chain';

const history: HistoryRowContent = {
  projectId: '8a1f0c52-7d0e-4c39-9a3c-0f4d3e2b1a01',
  seq: 3,
  at: '2026-12-04T02:30:00.000Z',
  actorId: 'u-1',
  actorName: '张三',
  role: 'township',
  action: 'approve',
  fromStage: 'township_review',
  toStage: 'county_review',
  comment: '同意',
  details: { opinion: { text: '同意', at: '2026-12-04' }, amounts: ['100', '200'] },
};

const ledger: LedgerRowContent = {
  source: 'payment-0b8f',
  step: 1,
  at: '2026-12-04T02:30:00.000Z',
  kind: 'payment',
  amountFen: '12345678',
  countyCode: '140602000000',
  batchId: null,
  allocationId: null,
  projectId: '8a1f0c52-7d0e-4c39-9a3c-0f4d3e2b1a01',
  matchId: null,
  paymentId: '0b8f',
  actor: '李四',
  note: 'progress',
};

describe('canonicalJson', () => {
  it('orders keys at every depth, so a jsonb round trip serialises the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 'x' }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":"x","z":1}]},"b":1}');
  });

  it('leaves out undefined members like JSON does, and writes bigints as strings', () => {
    expect(canonicalJson({ a: undefined, b: 10n })).toBe('{"b":"10"}');
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(CanonicalFormError);
  });
});

describe('canonical rows', () => {
  it('does not depend on the order details were built in', () => {
    const reordered = { ...history, details: { amounts: ['100', '200'], opinion: { at: '2026-12-04', text: '同意' } } };
    expect(canonicalHistoryRow(reordered)).toBe(canonicalHistoryRow(history));
  });

  it('reads the same instant the same way, whatever its form', () => {
    expect(canonicalHistoryRow({ ...history, at: new Date('2026-12-04T10:30:00+08:00') })).toBe(canonicalHistoryRow(history));
  });

  it('covers every field that matters: any change gives other text', () => {
    const base = canonicalHistoryRow(history);
    const changes: Partial<HistoryRowContent>[] = [
      { seq: 4 }, { at: '2026-12-04T02:30:00.001Z' }, { actorId: null }, { actorName: '张四' }, { role: 'county' },
      { action: 'reject' }, { fromStage: null }, { toStage: 'draft' }, { comment: null }, { details: null },
      { projectId: '8a1f0c52-7d0e-4c39-9a3c-0f4d3e2b1a02' },
    ];
    for (const change of changes) expect(canonicalHistoryRow({ ...history, ...change })).not.toBe(base);
  });

  it('names the amount in whole fen, however it was passed', () => {
    expect(canonicalLedgerRow({ ...ledger, amountFen: 12345678n })).toBe(canonicalLedgerRow(ledger));
    expect(canonicalLedgerRow({ ...ledger, amountFen: '12345679' })).not.toBe(canonicalLedgerRow(ledger));
    expect(() => canonicalLedgerRow({ ...ledger, amountFen: '123.45' })).toThrow(CanonicalFormError);
  });

  it('tells a history row from a ledger row of the same values', () => {
    expect(canonicalHistoryRow(history).startsWith('v1|project_events|')).toBe(true);
    expect(canonicalLedgerRow(ledger).startsWith('v1|ledger_entries|')).toBe(true);
  });
});

describe('chainHash', () => {
  it('is the sha256 of the previous hash, a newline and the canonical text', () => {
    const text = canonicalLedgerRow(ledger);
    expect(chainHash(CHAIN_GENESIS, text)).toBe(createHash('sha256').update(`${CHAIN_GENESIS}\n${text}`, 'utf8').digest('hex'));
    expect(chainHash(CHAIN_GENESIS, text)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when the previous hash changes', () => {
    const text = canonicalHistoryRow(history);
    expect(chainHash('1'.repeat(64), text)).not.toBe(chainHash(CHAIN_GENESIS, text));
  });
});

function chainOf(texts: string[]): StoredChainRow[] {
  let previous = CHAIN_GENESIS;
  return texts.map((canonical, i) => {
    previous = chainHash(previous, canonical);
    return { table: i % 2 ? 'ledger_entries' : 'project_events', ref: String(i + 1), position: i + 1, storedHash: previous, canonical };
  });
}

describe('verifyChain', () => {
  const texts = ['a', 'b', 'c', 'd'].map((note) => canonicalLedgerRow({ ...ledger, note }));
  const rows = chainOf(texts);
  const head = { length: 4, headHash: rows[3].storedHash! };

  it('accepts an intact chain in any order it was read in', () => {
    expect(verifyChain([...rows].reverse(), head)).toEqual({ length: 4, headHash: head.headHash, broken: null });
    expect(verifyChain([], null).broken).toBeNull();
  });

  it('names the first row whose content changed', () => {
    const edited = rows.map((r, i) => (i === 1 ? { ...r, canonical: canonicalLedgerRow({ ...ledger, note: 'b', amountFen: '1' }) } : r));
    const { broken } = verifyChain(edited, head);
    expect(broken).toMatchObject({ table: 'ledger_entries', ref: '2', position: 2, problem: 'content', storedHash: rows[1].storedHash });
    expect(describeChainBreak(broken!)).toBe('资金台账 2 号记录（链上第 2 条）的内容与写入时的哈希不符：该记录写入后被改动过');
  });

  it('catches a rewritten hash at the next row, which no longer links to it', () => {
    const forged = rows.map((r, i) => (i === 1 ? { ...r, canonical: 'forged', storedHash: chainHash(rows[0].storedHash!, 'forged') } : r));
    expect(verifyChain(forged, head).broken).toMatchObject({ ref: '3', problem: 'content' });
  });

  it('names a gap where a row was deleted, and a deleted last row at the head', () => {
    expect(verifyChain([rows[0], rows[2], rows[3]], head).broken).toMatchObject({ ref: '3', problem: 'missing' });
    expect(verifyChain(rows.slice(0, 3), head).broken).toMatchObject({ table: 'audit_chains', problem: 'head' });
  });

  it('names a row written around the chain', () => {
    const stray: StoredChainRow = { table: 'ledger_entries', ref: '99', position: null, storedHash: null, canonical: 'x' };
    expect(verifyChain([...rows, stray], head).broken).toMatchObject({ ref: '99', problem: 'unchained' });
  });

  it('names two rows claiming one position', () => {
    expect(verifyChain([rows[0], { ...rows[1], ref: '7', position: 1 }], head).broken).toMatchObject({ ref: '7', problem: 'duplicate' });
  });

  it('finds a head that does not exist for a chain with rows', () => {
    expect(verifyChain(rows, null).broken).toMatchObject({ problem: 'head' });
  });
});

describe('countyDayRoot', () => {
  const heads = [
    { chainId: 'b', length: 2, headHash: 'f'.repeat(64) },
    { chainId: 'a', length: 5, headHash: 'e'.repeat(64) },
  ];

  it('does not depend on the order heads were read in', () => {
    expect(countyDayRoot('140602000000', '2026-12-04', heads)).toBe(countyDayRoot('140602000000', '2026-12-04', [...heads].reverse()));
  });

  it('changes with any head, the day or the county', () => {
    const root = countyDayRoot('140602000000', '2026-12-04', heads);
    expect(countyDayRoot('140602000000', '2026-12-05', heads)).not.toBe(root);
    expect(countyDayRoot('140603000000', '2026-12-04', heads)).not.toBe(root);
    expect(countyDayRoot('140602000000', '2026-12-04', [heads[0], { ...heads[1], length: 6 }])).not.toBe(root);
  });

  it('is a root for a county with no records yet', () => {
    expect(countyDayRoot('140602000000', '2026-12-04', [])).toMatch(/^[0-9a-f]{64}$/);
  });
});
