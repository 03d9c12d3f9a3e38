import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { idForKey } from '../idempotency/idempotency-key';
import { DataSource } from 'typeorm';
import { isWithinScope, NATIONAL_REGION_CODE } from '../../../../libs/auth/src/scope';
import { isDateString, startOfShanghaiDay } from '../../../../libs/domain/src/calendar';
import { formatYuan, parseYuan } from '../../../../libs/domain/src/money';
import type { FundLevel } from '../../../../libs/domain/src/fund-levels';
import { appendLedgerEntry } from '../../../../libs/persistence/src/ledger';
import { effectivePolicy } from '../../../../libs/persistence/src/policies/policy-store';
import { regionPrefix } from '../../../../libs/reference-data/src/region-names';
import { TemporalClient } from '../../../../libs/temporal/src/temporal-client.module';
import { ALLOCATION_WORKFLOW_TYPE, allocationWorkflowId, matchFundsUpdate, receiveAllocationUpdate, unmatchFundsUpdate } from '../../../../workflows/funds/allocation.definitions';
import type { AllocationStatus, AllocationWorkflowInput, MatchStep } from '../../../../workflows/funds/allocation.types';
import { writeGatedMatch, writeUnmatch } from '../../../../libs/persistence/src/fund-match-rows';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { pageOf, type Page } from '../common/pagination';
import { actorOf } from '../projects/projects.service';
import { translateWorkflowError } from '../projects/workflow-errors';
import { recordAnsweredMatch } from './answered-match';
import type { BatchHeaderDto } from './dto/create-batch.dto';
import type { MatchDto, ReceiptDto, UnmatchDto } from './dto/allocation-actions.dto';
import type { ListBatchesQuery } from './dto/list-batches.query';
import { countyIndustryShare } from '../industry-share/county-industry-share';

/** An allocation as a batch's creator states it, in fen, before anything is written. */
export interface AllocationInput {
  regionCode: string;
  amountFen: bigint;
  earmarks: { purpose: string; amountFen: bigint }[];
  category: string | null;
  /** Where the row came from (index or file row), for error messages. */
  label: string;
}

interface AllocationRow {
  id: string;
  batch_id: string;
  county_code: string;
  county_name: string;
  amount_fen: string;
  earmarks: { purpose: string; amountFen: string }[];
  category: string | null;
  received_at: Date | null;
  due_at: Date | null;
  matched_fen: string;
  status: string;
  /** `database`: PostgreSQL decides this allocation's matches; `workflow`: its workflow answers each in an Update. */
  match_gate: 'workflow' | 'database';
  matches?: MatchRow[];
}

/** An active 资金匹配 of an allocation, with the project it funds. */
interface MatchRow {
  id: string;
  allocation_id: string;
  project_id: string;
  project_name: string;
  project_type: string;
  amount_fen: string;
  purpose: string | null;
  created_at: Date;
  created_by: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** PostgreSQL's SQLSTATE for a unique index refusing a row. */
const UNIQUE_VIOLATION = '23505';

/** 到账与匹配进度 of a listed batch, within the caller's region. */
function progressView(b: Record<string, unknown>) {
  return {
    counties: b.scope_counties as number,
    received: b.scope_received as number,
    allocated: formatYuan(BigInt(b.scope_fen as string)),
    matched: formatYuan(BigInt(b.scope_matched_fen as string)),
  };
}

/** 资金批次: batches as records, and each county's allocation run by its own workflow from receipt on. */
@Injectable()
export class BatchesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly temporal: TemporalClient,
  ) {}

  /** Validates every row before writing anything; writes the batch, its allocations and their ledger lines at once. */
  async create(header: BatchHeaderDto, allocations: AllocationInput[], user: AuthUser) {
    const problems: { row: string; message: string }[] = [];
    const seen = new Set<string>();
    const codes = allocations.map((a) => a.regionCode);
    const regions: Array<{ code: string; name: string; level: string }> = await this.db.query(`SELECT code, name, level FROM regions WHERE code = ANY($1)`, [codes]);
    const byCode = new Map(regions.map((r) => [r.code, r]));
    for (const a of allocations) {
      const region = byCode.get(a.regionCode);
      if (!region || region.level !== 'county') problems.push({ row: a.label, message: `${a.regionCode} 不是已知的县级行政区划代码` });
      else if (!isWithinScope(a.regionCode, user.regionCode)) problems.push({ row: a.label, message: `${region.name} 不在您的管辖范围内` });
      if (seen.has(a.regionCode)) problems.push({ row: a.label, message: `${region?.name ?? a.regionCode} 重复出现` });
      seen.add(a.regionCode);
      const earmarked = a.earmarks.reduce((s, e) => s + e.amountFen, 0n);
      if (earmarked > a.amountFen) problems.push({ row: a.label, message: `专项合计 ${formatYuan(earmarked)} 元超过分配金额 ${formatYuan(a.amountFen)} 元` });
      const purposes = a.earmarks.map((e) => e.purpose);
      if (new Set(purposes).size !== purposes.length) problems.push({ row: a.label, message: '同一专项用途重复' });
    }
    const outside = problems.filter((p) => p.message.endsWith('不在您的管辖范围内'));
    if (outside.length > 0) throw ApiError.forbidden(`${outside[0].row} ${outside[0].message}`, 'OUTSIDE_REGION');
    if (problems.length > 0) throw ApiError.unprocessable(`分配明细有 ${problems.length} 处错误：${problems[0].row} ${problems[0].message}`, 'INVALID_ALLOCATIONS', problems);
    const [duplicate] = await this.db.query(`SELECT 1 FROM fund_batches WHERE doc_number = $1`, [header.docNumber]);
    if (duplicate) throw ApiError.conflict(`文号 ${header.docNumber} 的批次已存在`, 'DUPLICATE_DOC_NUMBER');

    const batchId = randomUUID();
    const total = allocations.reduce((s, a) => s + a.amountFen, 0n);
    const at = new Date().toISOString();
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO fund_batches (id, doc_number, title, level, year, batch_no, issued_at, issuer_region_code, total_fen, created_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
        [batchId, header.docNumber, header.title, header.level, header.year, header.batchNo, header.issuedAt, user.regionCode, total.toString(), user.id],
      );
      for (const a of allocations) {
        const id = randomUUID();
        await m.query(`INSERT INTO allocations (id, batch_id, county_code, amount_fen, earmarks, category) VALUES ($1,$2,$3,$4,$5,$6)`, [
          id, batchId, a.regionCode, a.amountFen.toString(), JSON.stringify(a.earmarks.map((e) => ({ purpose: e.purpose, amountFen: e.amountFen.toString() }))), a.category,
        ]);
        await appendLedgerEntry(m, {
          source: `allocation-${id}`,
          at,
          kind: 'allocation',
          amountFen: a.amountFen.toString(),
          countyCode: a.regionCode,
          batchId,
          allocationId: id,
          actor: user.displayName,
          note: header.docNumber,
        });
      }
    }).catch((error: unknown) => {
      // Two requests with one document number can both pass the check above; the unique index decides.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw ApiError.conflict(`文号 ${header.docNumber} 的批次已存在`, 'DUPLICATE_DOC_NUMBER');
      throw error;
    });
    return this.findOne(batchId, user);
  }

  private scopeClause(user: AuthUser, column: string, params: unknown[]): string {
    if (user.regionCode === NATIONAL_REGION_CODE) return 'TRUE';
    params.push(`${regionPrefix(user.regionCode)}%`);
    return `${column} LIKE $${params.length}`;
  }

  async list(query: ListBatchesQuery, user: AuthUser): Promise<Page<ReturnType<BatchesService['batchView']> & { progress: ReturnType<typeof progressView> }>> {
    const { page, pageSize, offset } = pageOf(query);
    const params: unknown[] = [];
    const scope = this.scopeClause(user, 'a.county_code', params);
    const filters: string[] = [];
    if (query.year !== undefined) filters.push(`b.year = $${params.push(query.year)}`);
    if (query.level) filters.push(`b.level = $${params.push(query.level)}`);
    // strpos rather than LIKE: a % or _ typed into the search box is text, not a pattern.
    if (query.q?.trim()) {
      const n = params.push(query.q.trim());
      filters.push(`(strpos(b.doc_number, $${n}) > 0 OR strpos(b.title, $${n}) > 0)`);
    }
    // The progress counts only the allocations the caller may see: a county reads its own share of a provincial batch.
    const rows = await this.db.query(
      `SELECT b.*, s.*, count(*) OVER () AS total_rows FROM fund_batches b
       CROSS JOIN LATERAL (SELECT count(*)::int AS scope_counties, count(a.received_at)::int AS scope_received,
           COALESCE(sum(a.amount_fen), 0)::text AS scope_fen, COALESCE(sum(a.matched_fen), 0)::text AS scope_matched_fen
         FROM allocations a WHERE a.batch_id = b.id AND ${scope}) s
       WHERE s.scope_counties > 0${filters.map((f) => ` AND ${f}`).join('')}
       ORDER BY b.issued_at DESC, b.doc_number LIMIT ${pageSize} OFFSET ${offset}`,
      params,
    );
    const items = rows.map((b: Record<string, unknown>) => ({ ...this.batchView(b, []), progress: progressView(b) }));
    return { items, total: rows.length ? Number(rows[0].total_rows) : 0, page, pageSize };
  }

  private batchView(b: Record<string, unknown>, allocations: AllocationRow[]) {
    return {
      id: b.id as string,
      docNumber: b.doc_number as string,
      title: b.title as string,
      level: b.level as string,
      year: b.year as number,
      batchNo: b.batch_no as number,
      issuedAt: b.issued_at as string,
      total: formatYuan(BigInt(b.total_fen as string)),
      allocations: allocations.map((a) => ({
        id: a.id,
        countyCode: a.county_code,
        countyName: a.county_name,
        amount: formatYuan(BigInt(a.amount_fen)),
        earmarks: a.earmarks.map((e) => ({ purpose: e.purpose, amount: formatYuan(BigInt(e.amountFen)) })),
        category: a.category,
        receivedAt: iso(a.received_at),
        dueAt: iso(a.due_at),
        matched: formatYuan(BigInt(a.matched_fen)),
        unmatched: formatYuan(BigInt(a.amount_fen) - BigInt(a.matched_fen)),
        status: a.status,
        matches: (a.matches ?? []).map((m) => ({
          id: m.id,
          projectId: m.project_id,
          projectName: m.project_name,
          projectType: m.project_type,
          amount: formatYuan(BigInt(m.amount_fen)),
          purpose: m.purpose,
          matchedAt: m.created_at.toISOString(),
          matchedBy: m.created_by,
        })),
      })),
    };
  }

  /** A batch with only the allocations inside the caller's region; a batch with none there is a 404. */
  async findOne(id: string, user: AuthUser) {
    const [batch] = await this.db.query(`SELECT * FROM fund_batches WHERE id = $1`, [id]);
    const params: unknown[] = [id];
    const scope = this.scopeClause(user, 'a.county_code', params);
    const allocations: AllocationRow[] = batch
      ? await this.db.query(
          `SELECT a.*, r.name AS county_name FROM allocations a JOIN regions r ON r.code = a.county_code
           WHERE a.batch_id = $1 AND ${scope} ORDER BY a.county_code`,
          params,
        )
      : [];
    if (!batch || allocations.length === 0) throw ApiError.notFound('资金批次不存在');
    const matches: MatchRow[] = await this.db.query(
      `SELECT m.id, m.allocation_id, m.project_id, p.name AS project_name, p.type AS project_type, m.amount_fen::text AS amount_fen,
         m.purpose, m.created_at, m.created_by
       FROM fund_matches m JOIN projects p ON p.id = m.project_id
       WHERE m.allocation_id = ANY($1) AND m.removed_at IS NULL ORDER BY m.created_at, m.id`,
      [allocations.map((a) => a.id)],
    );
    const byAllocation = new Map(allocations.map((a) => [a.id, (a.matches = [] as MatchRow[])]));
    for (const m of matches) byAllocation.get(m.allocation_id)?.push(m);
    return this.batchView(batch, allocations);
  }

  private async allocation(batchId: string, countyCode: string, user: AuthUser): Promise<AllocationRow & { year: number; level: FundLevel; issued_at: string }> {
    const [row] = await this.db.query(
      `SELECT a.*, r.name AS county_name, b.year, b.level, b.issued_at FROM allocations a
       JOIN fund_batches b ON b.id = a.batch_id JOIN regions r ON r.code = a.county_code
       WHERE a.batch_id = $1 AND a.county_code = $2`,
      [batchId, countyCode],
    );
    if (!row || !isWithinScope(countyCode, user.regionCode)) throw ApiError.notFound('该批次没有下达给该县的资金');
    return row;
  }

  /**
   * The industry share of the matched batch's level, as the monitor shows it, with the same warning
   * words; `totalMatched` repeats `matched` for clients written before the share was per level.
   */
  private async shareOf(countyCode: string, allocation: { year: number; level: FundLevel }) {
    const view = await countyIndustryShare(this.db, countyCode, allocation.year, allocation.level);
    return { year: allocation.year, ...view, totalMatched: view.matched };
  }

  /** 到账确认: starts the county's matching clock with the deadline policy in force today. */
  async receive(batchId: string, countyCode: string, dto: ReceiptDto, user: AuthUser) {
    const allocation = await this.allocation(batchId, countyCode, user);
    if (allocation.received_at) throw ApiError.conflict('该批资金已确认到账', 'ALREADY_RECEIVED');
    const receivedAt = isDateString(dto.receivedAt) ? startOfShanghaiDay(dto.receivedAt) : new Date(dto.receivedAt);
    if (Number.isNaN(receivedAt.getTime())) throw ApiError.badRequest('VALIDATION_FAILED', '到账时间不合法');
    if (receivedAt.getTime() > Date.now() + 60_000) throw ApiError.badRequest('VALIDATION_FAILED', '到账时间不能晚于现在');
    if (receivedAt.getTime() < startOfShanghaiDay(allocation.issued_at).getTime()) {
      throw ApiError.badRequest('VALIDATION_FAILED', `到账时间不能早于资金下达日期 ${allocation.issued_at}`);
    }
    const { policy } = await effectivePolicy(this.db, countyCode);
    const input: AllocationWorkflowInput = {
      allocationId: allocation.id,
      batchId,
      countyCode,
      amountFen: allocation.amount_fen,
      earmarks: allocation.earmarks,
      matchGate: 'database',
    };
    try {
      await this.temporal.workflow.executeUpdateWithStart(receiveAllocationUpdate, {
        args: [{ actor: actorOf(user), receivedAt: receivedAt.toISOString(), matchingDeadline: policy.matchingDeadline, matchingWarnings: [...policy.matchingWarnings] }],
        startWorkflowOperation: new WithStartWorkflowOperation(ALLOCATION_WORKFLOW_TYPE, {
          workflowId: allocationWorkflowId(batchId, countyCode),
          taskQueue: this.temporal.workflowTaskQueue,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
    } catch (error) {
      throw translateWorkflowError(error);
    }
    return this.findOne(batchId, user);
  }

  /**
   * 资金匹配: only to a library project of the same county. PostgreSQL decides it under the project's
   * and then the allocation's row lock; an allocation received before that was possible still has
   * its workflow answer each match.
   */
  async match(batchId: string, countyCode: string, dto: MatchDto, user: AuthUser, idempotencyKey?: string) {
    // Both reads at once: a county matching many projects waits on neither twice.
    const [allocation, [project]] = await Promise.all([
      this.allocation(batchId, countyCode, user),
      this.db.query(
        `SELECT p.id, p.name, p.stage, p.county_code, p.library_at, p.total_budget_fen::text AS budget,
           (SELECT COALESCE(sum(m.amount_fen), 0) FROM fund_matches m JOIN allocations a ON a.id = m.allocation_id
             WHERE m.project_id = p.id AND m.removed_at IS NULL AND NOT (a.batch_id = $2 AND a.county_code = $3))::text AS elsewhere,
           (SELECT COALESCE(sum(m.amount_fen), 0) FROM fund_matches m WHERE m.project_id = p.id AND m.removed_at IS NULL)::text AS matched
         FROM projects p WHERE p.id = $1`,
        [dto.projectId, batchId, countyCode],
      ),
    ]);
    if (!allocation.received_at) throw ApiError.conflict('资金尚未确认到账，不能匹配项目', 'NOT_RECEIVED');
    if (!project || project.county_code !== countyCode) throw ApiError.notFound('项目不存在或不属于该县');
    if (!project.library_at || ['rejected', 'withdrawn', 'returned'].includes(project.stage)) {
      throw ApiError.unprocessable(`项目“${project.name}”未入库（须经县级审定），不能安排资金`, 'NOT_IN_LIBRARY');
    }
    const matchId = idempotencyKey ? idForKey('match', user.id, batchId, countyCode, idempotencyKey) : randomUUID();
    const match = { id: matchId, projectId: dto.projectId, amountFen: parseYuan(dto.amount).toString(), purpose: dto.purpose ?? null };
    if (allocation.match_gate === 'database') {
      // Version 0: a match decided here is no step of the allocation's workflow.
      const step: MatchStep = { allocationId: allocation.id, batchId, countyCode, version: 0, at: new Date().toISOString(), actor: actorOf(user), match };
      const refusal = await this.db.transaction((m) => writeGatedMatch(m, step));
      if (refusal !== null) throw ApiError.unprocessable(refusal);
      return this.answerMatch(matchId, batchId, countyCode, allocation, user);
    }
    const workflow = this.temporal.workflow.getHandle(allocationWorkflowId(batchId, countyCode));
    let answered: AllocationStatus;
    try {
      answered = await workflow.executeUpdate(matchFundsUpdate, {
        args: [
          {
            actor: actorOf(user),
            match,
            project: { budgetFen: project.budget, matchedElsewhereFen: project.elsewhere, matchedFen: project.matched },
          },
        ],
      });
    } catch (error) {
      throw translateWorkflowError(error);
    }
    // An allocation started before matches were answered from its state has written the match itself.
    if (answered.step) await recordAnsweredMatch(this.db, workflow, answered.step);
    return this.answerMatch(matchId, batchId, countyCode, allocation, user);
  }

  private async answerMatch(matchId: string, batchId: string, countyCode: string, allocation: { year: number; level: FundLevel }, user: AuthUser) {
    const [batch, industryShare] = await Promise.all([this.findOne(batchId, user), this.shareOf(countyCode, allocation)]);
    return { matchId, batch, industryShare };
  }

  async unmatch(batchId: string, countyCode: string, matchId: string, dto: UnmatchDto, user: AuthUser) {
    const allocation = await this.allocation(batchId, countyCode, user);
    const [match] = await this.db.query(
      `SELECT m.project_id, m.amount_fen::text AS amount_fen, m.purpose,
         (SELECT COALESCE(sum(x.amount_fen), 0) FROM fund_matches x WHERE x.project_id = m.project_id AND x.removed_at IS NULL)::text AS matched,
         (SELECT COALESCE(sum(p.amount_fen), 0) FROM payments p WHERE p.project_id = m.project_id)::text AS paid
       FROM fund_matches m WHERE m.id = $1 AND m.allocation_id = $2 AND m.removed_at IS NULL`,
      [matchId, allocation.id],
    );
    if (!match) throw ApiError.notFound('匹配记录不存在或已撤销');
    if (allocation.match_gate === 'database') {
      const step = { allocationId: allocation.id, batchId, countyCode, version: 0, at: new Date().toISOString(), actor: actorOf(user), matchId, reason: dto.reason };
      const { removed, refusal } = await this.db.transaction((m) => writeUnmatch(m, step));
      if (refusal !== null) throw ApiError.unprocessable(refusal);
      // Removed by a concurrent request since it was read: the same answer as a match that never was.
      if (!removed) throw ApiError.notFound('匹配记录不存在或已撤销');
      return { batch: await this.findOne(batchId, user), industryShare: await this.shareOf(countyCode, allocation) };
    }
    try {
      await this.temporal.workflow.getHandle(allocationWorkflowId(batchId, countyCode)).executeUpdate(unmatchFundsUpdate, {
        args: [
          {
            actor: actorOf(user),
            matchId,
            reason: dto.reason,
            project: { matchedTotalFen: match.matched, paidFen: match.paid },
            match: { projectId: match.project_id, amountFen: match.amount_fen, purpose: match.purpose },
          },
        ],
      });
    } catch (error) {
      throw translateWorkflowError(error);
    }
    return { batch: await this.findOne(batchId, user), industryShare: await this.shareOf(countyCode, allocation) };
  }
}
