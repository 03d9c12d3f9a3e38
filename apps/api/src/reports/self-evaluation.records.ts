import type { DataSource } from 'typeorm';

/** One allocation of the year received by the county: its matching clock, as the report tabulates it. */
export interface AllocationRow {
  docNumber: string;
  title: string;
  level: string;
  amountFen: bigint;
  receivedAt: Date;
  dueAt: Date | null;
  doneAt: Date | null;
}

/** Everything the self-evaluation states, read from the records of one county and year. */
export interface SelfEvaluationRecords {
  arrangedFen: { thisYear: bigint; lastYear: bigint };
  receivedFen: bigint;
  provincialReceivedFen: bigint;
  allocations: AllocationRow[];
  paidFen: bigint;
  retentionHeldFen: bigint;
  library: { projects: number; withTargets: number };
  /** 绩效目标 judged at acceptances passed this year: projects scored, rows met, rows judged. */
  targets: { scoredProjects: number; met: number; total: number };
  events: { publicised: number; objectionsRaised: number; upheld: number; dismissed: number; cleared: number; returned: number; rejected: number };
  unmatches: { count: number; fen: bigint };
  overdueTasks: number;
}

/** The Shanghai calendar year as an instant range: [start, end). */
function yearRange(year: number): { start: string; end: string } {
  return { start: `${year}-01-01T00:00:00+08:00`, end: `${year + 1}-01-01T00:00:00+08:00` };
}

const big = (v: unknown) => BigInt((v as string | null) ?? '0');

/**
 * Reads the records behind one county's year: batches by their year (as the monitor counts them),
 * payments by their date, library entries, steps and tasks by the Shanghai calendar year. Each query
 * touches one county's slice through the existing indexes.
 */
export async function readSelfEvaluationRecords(db: DataSource, countyCode: string, year: number, now: Date): Promise<SelfEvaluationRecords> {
  const { start, end } = yearRange(year);
  const [allocations, paid, retention, library, events, unmatches, overdue] = await Promise.all([
    db.query(
      `SELECT b.doc_number, b.title, b.level, b.year, a.amount_fen::text AS amount_fen, a.received_at, a.due_at, a.done_at
         FROM allocations a JOIN fund_batches b ON b.id = a.batch_id
        WHERE a.county_code = $1 AND b.year BETWEEN $2::int - 1 AND $2::int
        ORDER BY a.received_at NULLS LAST, b.issued_at, b.doc_number`,
      [countyCode, year],
    ),
    db.query(
      `SELECT COALESCE(sum(pay.amount_fen), 0)::text AS fen
         FROM payments pay JOIN projects p ON p.id = pay.project_id
        WHERE p.county_code = $1 AND pay.paid_at >= make_date($2::int, 1, 1) AND pay.paid_at < make_date($2::int + 1, 1, 1)`,
      [countyCode, year],
    ),
    db.query(
      `SELECT COALESCE(sum(CASE kind WHEN 'retention_held' THEN amount_fen ELSE -amount_fen END), 0)::text AS fen
         FROM ledger_entries
        WHERE county_code = $1 AND kind IN ('retention_held', 'retention_released') AND at < $2::timestamptz`,
      [countyCode, end],
    ),
    db.query(
      `SELECT count(*)::int AS projects, count(*) FILTER (WHERE jsonb_array_length(performance_targets) > 0)::int AS with_targets
         FROM projects WHERE county_code = $1 AND library_at >= $2::timestamptz AND library_at < $3::timestamptz`,
      [countyCode, start, end],
    ),
    db.query(
      `SELECT count(*) FILTER (WHERE e.action = 'approve' AND e.to_stage = 'publicity')::int AS publicised,
              count(*) FILTER (WHERE e.action = 'object')::int AS raised,
              count(*) FILTER (WHERE e.action = 'resolve_objection' AND e.details->>'decision' = 'uphold')::int AS upheld,
              count(*) FILTER (WHERE e.action = 'resolve_objection' AND e.details->>'decision' = 'dismiss')::int AS dismissed,
              count(*) FILTER (WHERE e.action = 'clear_flag')::int AS cleared,
              count(*) FILTER (WHERE e.to_stage = 'returned')::int AS returned,
              count(*) FILTER (WHERE e.to_stage = 'rejected')::int AS rejected,
              count(*) FILTER (WHERE e.action = 'accept' AND e.details->>'result' = 'pass' AND (e.details->>'targetsTotal')::int > 0)::int AS scored,
              COALESCE(sum((e.details->>'targetsMet')::int) FILTER (WHERE e.action = 'accept' AND e.details->>'result' = 'pass'), 0)::int AS targets_met,
              COALESCE(sum((e.details->>'targetsTotal')::int) FILTER (WHERE e.action = 'accept' AND e.details->>'result' = 'pass'), 0)::int AS targets_total
         FROM project_events e JOIN projects p ON p.id = e.project_id
        WHERE p.county_code = $1 AND e.at >= $2::timestamptz AND e.at < $3::timestamptz`,
      [countyCode, start, end],
    ),
    db.query(
      `SELECT count(*)::int AS n, COALESCE(sum(amount_fen), 0)::text AS fen
         FROM ledger_entries WHERE county_code = $1 AND kind = 'unmatch' AND at >= $2::timestamptz AND at < $3::timestamptz`,
      [countyCode, start, end],
    ),
    db.query(
      `SELECT count(*)::int AS n
         FROM tasks t JOIN projects p ON p.id = t.project_id
        WHERE p.county_code = $1 AND t.due_at >= $2::timestamptz AND t.due_at < $3::timestamptz
          AND ((t.status = 'open' AND t.due_at <= $4::timestamptz) OR t.closed_at > t.due_at)`,
      [countyCode, start, end, now],
    ),
  ]);

  type Alloc = { doc_number: string; title: string; level: string; year: number; amount_fen: string; received_at: Date | null; due_at: Date | null; done_at: Date | null };
  const rows = allocations as Alloc[];
  const sumOf = (filter: (r: Alloc) => boolean) => rows.filter(filter).reduce((s, r) => s + BigInt(r.amount_fen), 0n);
  const thisYear = (r: Alloc) => r.year === year;
  const received = rows.filter((r) => thisYear(r) && r.received_at !== null);
  const e = events[0] as Record<string, number>;

  return {
    arrangedFen: { thisYear: sumOf((r) => thisYear(r) && r.level === 'county'), lastYear: sumOf((r) => r.year === year - 1 && r.level === 'county') },
    receivedFen: received.reduce((s, r) => s + BigInt(r.amount_fen), 0n),
    provincialReceivedFen: received.filter((r) => r.level === 'province').reduce((s, r) => s + BigInt(r.amount_fen), 0n),
    allocations: received.map((r) => ({
      docNumber: r.doc_number,
      title: r.title,
      level: r.level,
      amountFen: BigInt(r.amount_fen),
      receivedAt: r.received_at as Date,
      dueAt: r.due_at,
      doneAt: r.done_at,
    })),
    paidFen: big(paid[0].fen),
    retentionHeldFen: big(retention[0].fen),
    library: { projects: library[0].projects, withTargets: library[0].with_targets },
    targets: { scoredProjects: e.scored, met: e.targets_met, total: e.targets_total },
    events: {
      publicised: e.publicised,
      objectionsRaised: e.raised,
      upheld: e.upheld,
      dismissed: e.dismissed,
      cleared: e.cleared,
      returned: e.returned,
      rejected: e.rejected,
    },
    unmatches: { count: unmatches[0].n, fen: big(unmatches[0].fen) },
    overdueTasks: overdue[0].n,
  };
}
