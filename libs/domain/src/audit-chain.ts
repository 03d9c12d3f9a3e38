import { sha256Hex } from './sha256';

/**
 * 存证链: every history row and ledger row is hashed together with the hash of the row before it in
 * the same chain (one chain per project; ledger rows of an allocation that names no project form the
 * allocation's chain). Changing, removing or reordering any row changes every hash after it, so a
 * quiet rewrite needs every later hash rewritten too, and the day's published county root no longer
 * matches.
 *
 * The serialisation is versioned: a future change of fields writes `v2|…` rows and the verifier
 * still reads `v1` ones.
 */
export const CHAIN_FORMAT = 'v1';

/** What the first row of a chain links to. */
export const CHAIN_GENESIS = '0'.repeat(64);

/** A 审计记录 row as it is stored; `at` is any instant (normalised to UTC milliseconds). */
export interface HistoryRowContent {
  projectId: string;
  seq: number;
  at: string | Date;
  actorId: string | null;
  actorName: string;
  role: string;
  action: string;
  fromStage: string | null;
  toStage: string;
  comment: string | null;
  details: unknown;
}

/** A 资金台账 row as it is stored; (source, step) names it, amounts in fen. */
export interface LedgerRowContent {
  source: string;
  step: number;
  at: string | Date;
  kind: string;
  amountFen: string | bigint;
  countyCode: string;
  batchId: string | null;
  allocationId: string | null;
  projectId: string | null;
  matchId: string | null;
  paymentId: string | null;
  actor: string | null;
  note: string | null;
}

export type ChainedTable = 'project_events' | 'ledger_entries';

/** Where a break can be found: one of the chained tables, or the chain's head. */
export const CHAIN_BREAK_TABLES = ['project_events', 'ledger_entries', 'audit_chains'] as const;

export class CanonicalFormError extends Error {}

function instant(value: string | Date): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new CanonicalFormError(`时间无效：${String(value)}`);
  return date.toISOString();
}

function fen(value: string | bigint): string {
  if (typeof value === 'string' && !/^-?\d+$/.test(value)) throw new CanonicalFormError(`金额（分）无效：${value}`);
  return BigInt(value).toString();
}

/**
 * JSON with object keys in code-point order at every depth, so the same value serialises the same
 * way whether it was built in the API or read back from a jsonb column (which reorders keys).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalFormError(`数值无效：${value}`);
      return JSON.stringify(value);
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      if (value instanceof Date) return JSON.stringify(instant(value));
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new CanonicalFormError(`不能写入存证的值：${typeof value}`);
  }
}

/** The text a history row's hash covers. */
export function canonicalHistoryRow(row: HistoryRowContent): string {
  return `${CHAIN_FORMAT}|project_events|${canonicalJson({
    projectId: row.projectId,
    seq: row.seq,
    at: instant(row.at),
    actorId: row.actorId,
    actorName: row.actorName,
    role: row.role,
    action: row.action,
    fromStage: row.fromStage,
    toStage: row.toStage,
    comment: row.comment,
    details: row.details ?? null,
  })}`;
}

/** The text a ledger row's hash covers. */
export function canonicalLedgerRow(row: LedgerRowContent): string {
  return `${CHAIN_FORMAT}|ledger_entries|${canonicalJson({
    source: row.source,
    step: row.step,
    at: instant(row.at),
    kind: row.kind,
    amountFen: fen(row.amountFen),
    countyCode: row.countyCode,
    batchId: row.batchId,
    allocationId: row.allocationId,
    projectId: row.projectId,
    matchId: row.matchId,
    paymentId: row.paymentId,
    actor: row.actor,
    note: row.note,
  })}`;
}

/**
 * A row's hash: sha256 (hex) of the previous row's hash, a newline and the row's canonical text.
 * PostgreSQL computes the same when a row is appended:
 * `encode(sha256(convert_to(prev || E'\n' || canonical, 'UTF8')), 'hex')`.
 */
export function chainHash(previousHash: string, canonical: string): string {
  return sha256Hex(`${previousHash}\n${canonical}`);
}

/** One chain's head as the day's root sees it. */
export interface ChainHead {
  chainId: string;
  length: number;
  headHash: string;
}

/**
 * 今日存证根 of a county: sha256 over its chains' heads, sorted by chain id so the root does not
 * depend on the order the database returned them in. The day is part of the text, so one day's
 * root cannot be presented as another's.
 */
export function countyDayRoot(countyCode: string, day: string, heads: readonly ChainHead[]): string {
  const lines = [...heads]
    .sort((a, b) => (a.chainId < b.chainId ? -1 : a.chainId > b.chainId ? 1 : 0))
    .map((h) => `${h.chainId} ${h.length} ${h.headHash}`);
  return sha256Hex([`${CHAIN_FORMAT}|county-root|${countyCode}|${day}`, ...lines].join('\n'));
}

/** One stored row of a chain, as the verifier reads it back. */
export interface StoredChainRow {
  table: ChainedTable;
  /** How people find the row: the history row's seq, the ledger row's id. */
  ref: string;
  position: number | null;
  storedHash: string | null;
  /** Recomputed from the row's columns as they are now. */
  canonical: string;
}

export const CHAIN_PROBLEMS = ['unchained', 'missing', 'duplicate', 'content', 'head'] as const;
export type ChainProblem = (typeof CHAIN_PROBLEMS)[number];

/** The first row at which a chain stops matching what was written. */
export interface ChainBreak {
  table: ChainedTable | 'audit_chains';
  ref: string;
  position: number | null;
  problem: ChainProblem;
  /** The hash the row's content and its predecessor give now. */
  expectedHash: string | null;
  storedHash: string | null;
}

export interface ChainVerdict {
  length: number;
  headHash: string;
  broken: ChainBreak | null;
}

const byPosition = (a: StoredChainRow, b: StoredChainRow) => (a.position ?? 0) - (b.position ?? 0);

/**
 * Walks a chain from its first row: positions must run 1, 2, 3… without gaps or repeats, every row's
 * stored hash must be what its content and the previous stored hash give, and the recorded head must
 * be the last row's. The first row that fails is named; everything after it is not trusted either.
 */
export function verifyChain(rows: readonly StoredChainRow[], head: { length: number; headHash: string } | null): ChainVerdict {
  const unchained = rows.find((r) => r.position === null || r.storedHash === null);
  const ordered = rows.filter((r) => r !== unchained && r.position !== null).sort(byPosition);
  let previous = CHAIN_GENESIS;
  let firstBreak: ChainBreak | null = null;
  for (const [i, row] of ordered.entries()) {
    const expected = chainHash(previous, row.canonical);
    const problem: ChainProblem | null =
      row.position! < i + 1 ? 'duplicate' : row.position! > i + 1 ? 'missing' : row.storedHash !== expected ? 'content' : null;
    if (problem) {
      firstBreak = { table: row.table, ref: row.ref, position: row.position, problem, expectedHash: expected, storedHash: row.storedHash };
      break;
    }
    previous = row.storedHash!;
  }
  if (!firstBreak && unchained) {
    firstBreak = { table: unchained.table, ref: unchained.ref, position: null, problem: 'unchained', expectedHash: null, storedHash: unchained.storedHash };
  }
  const length = ordered.length;
  if (!firstBreak && (head === null ? length > 0 : head.length !== length || head.headHash !== previous)) {
    firstBreak = { table: 'audit_chains', ref: String(length), position: head?.length ?? null, problem: 'head', expectedHash: previous, storedHash: head?.headHash ?? null };
  }
  return { length, headHash: previous, broken: firstBreak };
}

const TABLE_NAMES: Record<ChainBreak['table'], string> = {
  project_events: '审计记录',
  ledger_entries: '资金台账',
  audit_chains: '链头',
};

/** The break in words a county auditor reads. */
export function describeChainBreak(b: ChainBreak): string {
  const row = b.table === 'project_events' ? `${TABLE_NAMES[b.table]}第 ${b.ref} 步` : `${TABLE_NAMES[b.table]} ${b.ref} 号记录`;
  const at = b.position === null ? '' : `（链上第 ${b.position} 条）`;
  switch (b.problem) {
    case 'content':
      return `${row}${at}的内容与写入时的哈希不符：该记录写入后被改动过`;
    case 'missing':
      return `${row}${at}之前缺少记录：链上有记录被删除`;
    case 'duplicate':
      return `${row}${at}与前一条占用了同一链上位置`;
    case 'unchained':
      return `${row}没有链上位置和哈希：它绕过存证写入`;
    case 'head':
      return `链头记录的是 ${b.position ?? 0} 条、哈希 ${b.storedHash ?? '无'}，而链上实际有 ${b.ref} 条记录：末尾的记录被删除或链头被改动`;
  }
}
