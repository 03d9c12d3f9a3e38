import type { DataSource } from 'typeorm';
import type { BeneficiariesRecord, FundingSourceRecord } from '../../../../libs/persistence/src/entities/project.entity';

export interface NationalProject {
  id: string;
  name: string;
  type: string;
  place: string;
  totalBudgetFen: bigint;
  fundingSources: FundingSourceRecord[];
  beneficiaries: BeneficiariesRecord;
  libraryAt: Date | null;
}

export interface NationalPublicity {
  projectId: string;
  name: string;
  startAt: string;
  endAt: string;
  raised: number;
  upheld: number;
  dismissed: number;
}

export interface NationalArrival {
  docNumber: string;
  title: string;
  level: string;
  amountFen: bigint;
  receivedAt: Date;
}

export interface NationalPayment {
  projectId: string;
  name: string;
  kind: string;
  amountFen: bigint;
  paidOn: string;
}

export interface NationalRecords {
  projects: NationalProject[];
  publicity: NationalPublicity[];
  arrivals: NationalArrival[];
  payments: NationalPayment[];
}

/**
 * What the national system asks of a county's year: projects entered into the library that year or
 * holding the year's money; publicity periods begun that year (Shanghai calendar); the year's batches
 * received; payments dated in the year.
 */
export async function readNationalRecords(db: DataSource, countyCode: string, year: number): Promise<NationalRecords> {
  const start = `${year}-01-01T00:00:00+08:00`;
  const end = `${year + 1}-01-01T00:00:00+08:00`;
  const [projects, publicity, arrivals, payments] = await Promise.all([
    db.query(
      `SELECT p.id, p.name, p.type, p.place, p.total_budget_fen::text AS total_budget_fen, p.funding_sources, p.beneficiaries, p.library_at
         FROM projects p
        WHERE p.county_code = $1
          AND ((p.library_at >= $3::timestamptz AND p.library_at < $4::timestamptz)
               OR EXISTS (SELECT 1 FROM fund_matches m JOIN allocations a ON a.id = m.allocation_id JOIN fund_batches b ON b.id = a.batch_id
                           WHERE m.project_id = p.id AND m.removed_at IS NULL AND a.county_code = $1 AND b.year = $2))
        ORDER BY p.library_at NULLS LAST, p.name, p.id`,
      [countyCode, year, start, end],
    ),
    db.query(
      `SELECT p.id, p.name, p.details->'publicity'->>'startAt' AS start_at, p.details->'publicity'->>'endAt' AS end_at,
              COALESCE(jsonb_array_length(p.details->'objections'), 0)::int AS raised,
              (SELECT count(*) FROM jsonb_array_elements(COALESCE(p.details->'objections', '[]')) o WHERE o->>'status' = 'upheld')::int AS upheld,
              (SELECT count(*) FROM jsonb_array_elements(COALESCE(p.details->'objections', '[]')) o WHERE o->>'status' = 'dismissed')::int AS dismissed
         FROM projects p
        WHERE p.county_code = $1 AND (p.details->'publicity'->>'startAt')::timestamptz >= $2::timestamptz
          AND (p.details->'publicity'->>'startAt')::timestamptz < $3::timestamptz
        ORDER BY start_at, p.name, p.id`,
      [countyCode, start, end],
    ),
    db.query(
      `SELECT b.doc_number, b.title, b.level, a.amount_fen::text AS amount_fen, a.received_at
         FROM allocations a JOIN fund_batches b ON b.id = a.batch_id
        WHERE a.county_code = $1 AND b.year = $2 AND a.received_at IS NOT NULL
        ORDER BY a.received_at, b.doc_number`,
      [countyCode, year],
    ),
    db.query(
      `SELECT pay.project_id, p.name, pay.kind, pay.amount_fen::text AS amount_fen, pay.paid_at::text AS paid_on
         FROM payments pay JOIN projects p ON p.id = pay.project_id
        WHERE p.county_code = $1 AND pay.paid_at >= make_date($2::int, 1, 1) AND pay.paid_at < make_date($2::int + 1, 1, 1)
        ORDER BY pay.paid_at, pay.created_at, pay.id`,
      [countyCode, year],
    ),
  ]);
  type Row = Record<string, unknown>;
  return {
    projects: (projects as Row[]).map((r) => ({
      id: r.id as string,
      name: r.name as string,
      type: r.type as string,
      place: r.place as string,
      totalBudgetFen: BigInt(r.total_budget_fen as string),
      fundingSources: r.funding_sources as FundingSourceRecord[],
      beneficiaries: r.beneficiaries as BeneficiariesRecord,
      libraryAt: r.library_at as Date | null,
    })),
    publicity: (publicity as Row[]).map((r) => ({
      projectId: r.id as string,
      name: r.name as string,
      startAt: r.start_at as string,
      endAt: r.end_at as string,
      raised: r.raised as number,
      upheld: r.upheld as number,
      dismissed: r.dismissed as number,
    })),
    arrivals: (arrivals as Row[]).map((r) => ({
      docNumber: r.doc_number as string,
      title: r.title as string,
      level: r.level as string,
      amountFen: BigInt(r.amount_fen as string),
      receivedAt: r.received_at as Date,
    })),
    payments: (payments as Row[]).map((r) => ({
      projectId: r.project_id as string,
      name: r.name as string,
      kind: r.kind as string,
      amountFen: BigInt(r.amount_fen as string),
      paidOn: r.paid_on as string,
    })),
  };
}
