import type { DataSource } from 'typeorm';

export interface MonthlyAllocation {
  allocationId: string;
  docNumber: string;
  title: string;
  level: string;
  amountFen: bigint;
  receivedAt: Date | null;
}

export interface MonthlyMatch {
  id: string;
  allocationId: string;
  projectId: string;
  fen: bigint;
}

export interface MonthlyProject {
  id: string;
  name: string;
  type: string;
  place: string;
}

export interface MonthlyPayment {
  projectId: string;
  fen: bigint;
  paidOn: string;
}

/** The records behind one county's monthly report of a year's money. */
export interface MonthlyRecords {
  allocations: MonthlyAllocation[];
  /** Standing matches of the projects that hold the year's money, in the order their money is spent. */
  matches: MonthlyMatch[];
  projects: MonthlyProject[];
  /** Those projects' payments up to the month's end, oldest first. */
  payments: MonthlyPayment[];
}

/**
 * Reads the year's allocations to the county and, for every project holding some of that money, all
 * its standing matches (older batches first, so payments can be traced to the money they spent) and
 * its payments dated up to the end of the month.
 */
export async function readMonthlyRecords(db: DataSource, countyCode: string, year: number, month: number): Promise<MonthlyRecords> {
  const allocations: Array<Record<string, unknown>> = await db.query(
    `SELECT a.id, b.doc_number, b.title, b.level, a.amount_fen::text AS amount_fen, a.received_at
       FROM allocations a JOIN fund_batches b ON b.id = a.batch_id
      WHERE a.county_code = $1 AND b.year = $2
      ORDER BY b.issued_at, b.level, b.batch_no, b.doc_number`,
    [countyCode, year],
  );
  const matches: Array<Record<string, unknown>> = await db.query(
    `WITH holders AS (
       SELECT DISTINCT m.project_id
         FROM fund_matches m JOIN allocations a ON a.id = m.allocation_id JOIN fund_batches b ON b.id = a.batch_id
        WHERE a.county_code = $1 AND b.year = $2 AND m.removed_at IS NULL)
     SELECT m.id, m.allocation_id, m.project_id, m.amount_fen::text AS amount_fen
       FROM fund_matches m JOIN holders h ON h.project_id = m.project_id
       JOIN allocations a ON a.id = m.allocation_id JOIN fund_batches b ON b.id = a.batch_id
      WHERE m.removed_at IS NULL
      ORDER BY m.project_id, b.year, a.received_at NULLS LAST, m.created_at, m.id`,
    [countyCode, year],
  );
  const projectIds = [...new Set(matches.map((m) => m.project_id as string))];
  const [projects, payments] = projectIds.length
    ? await Promise.all([
        db.query(`SELECT id, name, type, place FROM projects WHERE id = ANY($1::uuid[]) ORDER BY library_at NULLS LAST, name, id`, [projectIds]),
        db.query(
          `SELECT project_id, amount_fen::text AS amount_fen, paid_at::text AS paid_on
             FROM payments WHERE project_id = ANY($1::uuid[]) AND paid_at < make_date($2::int, $3::int, 1) + interval '1 month'
            ORDER BY paid_at, created_at, id`,
          [projectIds, year, month],
        ),
      ])
    : [[], []];
  return {
    allocations: allocations.map((r) => ({
      allocationId: r.id as string,
      docNumber: r.doc_number as string,
      title: r.title as string,
      level: r.level as string,
      amountFen: BigInt(r.amount_fen as string),
      receivedAt: r.received_at as Date | null,
    })),
    matches: matches.map((r) => ({ id: r.id as string, allocationId: r.allocation_id as string, projectId: r.project_id as string, fen: BigInt(r.amount_fen as string) })),
    projects: (projects as Array<Record<string, string>>).map((r) => ({ id: r.id, name: r.name, type: r.type, place: r.place })),
    payments: (payments as Array<Record<string, string>>).map((r) => ({ projectId: r.project_id, fen: BigInt(r.amount_fen), paidOn: r.paid_on })),
  };
}
