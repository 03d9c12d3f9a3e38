import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isWithinScope, NATIONAL_REGION_CODE } from '../../../../libs/auth/src/scope';
import { daysLeft, shanghaiDate } from '../../../../libs/domain/src/calendar';
import { formatYuan } from '../../../../libs/domain/src/money';
import { DEFAULT_POLICY, mergePolicies } from '../../../../libs/domain/src/policy';
import { regionPrefix } from '../../../../libs/reference-data/src/region-names';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { pageOf, type Page } from '../common/pagination';
import { FUND_LEVEL_LABELS, FUND_LEVELS } from '../../../../libs/domain/src/fund-levels';
import { assessCountyYear, type IndustryShareView } from '../../../../libs/domain/src/industry-share';
import { moneyKey, readIndustryMoney, shareSettings } from '../industry-share/industry-money.records';
import { effectivePolicies, effectivePoliciesWithSources } from './county-policies';
import { exportFile, type ExportColumn, type ExportFile, type ExportFormat } from './monitor-export';
import {
  BATCH_LEVEL_LABELS,
  compareCountyUrgency,
  executionRate,
  largestWarning,
  MATCHING_STATUS_LABELS,
  MATCHING_STATUSES,
  type MatchingStatus,
} from './monitor-rules';
import type { CountiesQuery, MatchingQuery } from './monitor.query';
import { READ_DATA_SOURCE } from '../common/read-data-source';

/** One county's allocation of one batch and its 15-day matching clock (资金匹配监测). */
export interface MatchingItem {
  allocationId: string;
  batchId: string;
  docNumber: string;
  title: string;
  level: string;
  levelLabel: string;
  year: number;
  issuedAt: string;
  countyCode: string;
  countyName: string;
  allocated: string;
  /** When the county confirmed receipt (null: not yet, status `not_received`). */
  receivedAt: string | null;
  /** The exclusive deadline instant (start of the day after the last day). */
  dueAt: string | null;
  /** The last Shanghai calendar day that still counts, as the notices word it. */
  dueDate: string | null;
  /** Shanghai calendar days until the last day: 0 on it, negative once overdue; null if not received. */
  daysLeft: number | null;
  matched: string;
  unmatched: string;
  status: MatchingStatus;
  statusLabel: string;
  doneAt: string | null;
}

/** One county and year of GET /monitor/counties (县级资金监测). */
export interface CountyItem {
  countyCode: string;
  countyName: string;
  year: number;
  /** 到账资金: received allocations of the year's batches. */
  received: string;
  /** 已匹配: active matches on those allocations. */
  matched: string;
  unmatched: string;
  /** 已支出: payments of the county's projects dated in the year. */
  paid: string;
  /** paid / received, 4 decimals truncated; null when nothing was received. */
  executionRate: string | null;
  /** 下达资金: every allocation of the year's batches, received or not — the base of the industry share. */
  issued: string;
  /** The industry share of every level together (the same as `industryShares[0]`), kept flat for lists. */
  industryMatched: string;
  industryShare: string | null;
  industryShareMin: string;
  previousYearShare: string | null;
  industryShareRequired: string;
  industryShareOk: boolean;
  /** True when the share of some level can no longer reach its requirement this year (已无法达到). */
  industryShareUnreachable: boolean;
  /** 产业发展资金占比 of every level together, then central, provincial, city and county money. */
  industryShares: IndustryShareView[];
  /** Allocations of the year's batches overdue now (past due, money unmatched). */
  overdueBatches: number;
  /** Open tasks past due now on the county's projects (a snapshot, the same on each year's row). */
  overdueTasks: number;
  /** Projects that entered the project library (入库) in the year (Asia/Shanghai). */
  libraryProjects: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Parameters of a query built piece by piece: `add` returns the placeholder. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const STATUS_RANK_SQL = `CASE status ${MATCHING_STATUSES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END`;

/**
 * 监测: read-only views over fund batches, allocations, matches, payments and tasks, scoped to the
 * caller's region. Everything is set-based SQL over the existing indexes; statuses and "overdue" are
 * computed at read time from the stored deadlines, so they are right even while no worker runs.
 */
@Injectable()
export class MonitorService {
  constructor(@Inject(READ_DATA_SOURCE) private readonly dataSource: DataSource) {}

  /**
   * The code prefix the caller may see, narrowed by `countyCode` when that lies inside it; '' is
   * everywhere (admin). A region above the caller's own keeps the caller's scope (as GET /projects);
   * anything else answers like an unknown region.
   */
  scopePrefix(user: AuthUser, regionCode?: string): string {
    let scope = user.regionCode;
    if (regionCode) {
      if (isWithinScope(regionCode, user.regionCode)) scope = regionCode;
      else if (!isWithinScope(user.regionCode, regionCode)) throw ApiError.notFound('地区不存在或不在您的管辖范围内', 'REGION_NOT_FOUND');
    }
    return scope === NATIONAL_REGION_CODE ? '' : regionPrefix(scope);
  }

  // ——— GET /monitor/matching ———

  async matching(query: MatchingQuery, user: AuthUser, now = new Date()): Promise<Page<MatchingItem>> {
    const { page, pageSize, offset } = pageOf(query);
    const { items, total } = await this.matchingRows(query, user, now, { limit: pageSize, offset });
    return { items, total, page, pageSize };
  }

  async exportMatching(query: MatchingQuery, user: AuthUser, format: ExportFormat, now = new Date()): Promise<ExportFile> {
    const { items } = await this.matchingRows(query, user, now, null);
    return exportFile(
      format,
      { asciiBase: 'monitor-matching', chineseBase: '资金匹配监测', sheetName: '资金匹配监测', date: shanghaiDate(now) },
      MATCHING_COLUMNS,
      items,
    );
  }

  private async matchingRows(
    query: MatchingQuery,
    user: AuthUser,
    now: Date,
    slice: { limit: number; offset: number } | null,
  ): Promise<{ items: MatchingItem[]; total: number }> {
    const prefix = this.scopePrefix(user, query.countyCode);
    const p = new Params();
    const where: string[] = [];
    if (prefix) where.push(`a.county_code LIKE ${p.add(`${prefix}%`)}`);
    if (query.year !== undefined) where.push(`b.year = ${p.add(query.year)}`);
    if (query.batchId) where.push(`a.batch_id = ${p.add(query.batchId)}`);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';

    // The first warning window of each county's effective policy: due_soon starts that long before the deadline.
    const counties: Array<{ county_code: string }> = await this.dataSource.query(
      `SELECT DISTINCT a.county_code FROM allocations a JOIN fund_batches b ON b.id = a.batch_id ${whereSql}`,
      [...p.values],
    );
    if (counties.length === 0) return { items: [], total: 0 };
    const policies = await effectivePolicies(
      this.dataSource,
      counties.map((c) => c.county_code),
    );
    const warnCodes = counties.map((c) => c.county_code);
    const warnings = warnCodes.map((code) => largestWarning((policies.get(code) ?? DEFAULT_POLICY).matchingWarnings, now) ?? 'PT0S');

    const nowParam = p.add(now);
    const codesParam = p.add(warnCodes);
    const warnParam = p.add(warnings);
    const statusFilter = query.status ? `WHERE status = ${p.add(query.status)}` : '';
    // Status at read time: received? fully matched? past the deadline? inside the first warning window
    // (measured on the Shanghai wall clock, so P1M means a calendar month before the deadline)?
    const sql = `
      WITH win(county_code, warn) AS (
        SELECT * FROM unnest(${codesParam}::varchar[], ${warnParam}::interval[])
      ), board AS (
        SELECT a.id, a.batch_id, b.doc_number, b.title, b.level, b.year, b.issued_at::text AS issued_at,
               a.county_code, r.name AS county_name, a.amount_fen::text AS amount_fen, a.matched_fen::text AS matched_fen,
               a.received_at, a.due_at, a.done_at,
               CASE
                 WHEN a.received_at IS NULL THEN 'not_received'
                 WHEN a.matched_fen >= a.amount_fen THEN 'done'
                 WHEN a.due_at <= ${nowParam}::timestamptz THEN 'overdue'
                 WHEN ((a.due_at AT TIME ZONE 'Asia/Shanghai') - w.warn) AT TIME ZONE 'Asia/Shanghai' <= ${nowParam}::timestamptz THEN 'due_soon'
                 ELSE 'on_track'
               END AS status
          FROM allocations a
          JOIN fund_batches b ON b.id = a.batch_id
          JOIN regions r ON r.code = a.county_code
          LEFT JOIN win w ON w.county_code = a.county_code
          ${whereSql}
      )
      SELECT *, count(*) OVER () AS total FROM board
      ${statusFilter}
      ORDER BY ${STATUS_RANK_SQL}, due_at ASC NULLS LAST, issued_at ASC, county_code ASC, doc_number ASC, id ASC`;
    const filterValues = [...p.values];
    const paged = slice ? `${sql}\n      LIMIT ${p.add(slice.limit)} OFFSET ${p.add(slice.offset)}` : sql;
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(paged, p.values);

    const items = rows.map((r): MatchingItem => {
      const amount = BigInt(r.amount_fen as string);
      const matched = BigInt(r.matched_fen as string);
      const received = r.received_at as Date | null;
      const due = r.due_at as Date | null;
      const status = r.status as MatchingStatus;
      return {
        allocationId: r.id as string,
        batchId: r.batch_id as string,
        docNumber: r.doc_number as string,
        title: r.title as string,
        level: r.level as string,
        levelLabel: BATCH_LEVEL_LABELS[r.level as string] ?? (r.level as string),
        year: r.year as number,
        issuedAt: r.issued_at as string,
        countyCode: r.county_code as string,
        countyName: r.county_name as string,
        allocated: formatYuan(amount),
        receivedAt: iso(received),
        dueAt: iso(due),
        dueDate: due ? shanghaiDate(new Date(due.getTime() - 1)) : null,
        daysLeft: received && due ? daysLeft(now, due) : null,
        matched: formatYuan(matched),
        unmatched: formatYuan(amount - matched),
        status,
        statusLabel: MATCHING_STATUS_LABELS[status],
        doneAt: iso(r.done_at as Date | null),
      };
    });
    let total = rows.length > 0 ? Number(rows[0].total) : 0;
    if (rows.length === 0 && slice && slice.offset > 0) {
      // A page past the end still reports how many rows there are.
      const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM (${sql}) t`, filterValues);
      total = n;
    }
    return { items, total };
  }

  // ——— GET /monitor/counties ———

  async counties(query: CountiesQuery, user: AuthUser, now = new Date()): Promise<Page<CountyItem>> {
    const { page, pageSize, offset } = pageOf(query);
    const all = await this.countyRows(query, user, now);
    return { items: all.slice(offset, offset + pageSize), total: all.length, page, pageSize };
  }

  async exportCounties(query: CountiesQuery, user: AuthUser, format: ExportFormat, now = new Date()): Promise<ExportFile> {
    const items = await this.countyRows(query, user, now);
    return exportFile(
      format,
      { asciiBase: 'monitor-counties', chineseBase: '县级资金监测', sheetName: '县级资金监测', date: shanghaiDate(now) },
      COUNTY_COLUMNS,
      items,
    );
  }

  /**
   * One row per county and year. Each measure is its own GROUP BY over an indexed slice of its table
   * (allocations by county prefix; projects by village-code prefix, payments and open tasks by project),
   * then joined on (county, year): never a row per project leaves the database. With `year`, every
   * county of the scope gets a row (zeros where nothing happened); without it, every (county, year) with
   * any money issued, match, payment or library entry does. The industry shares come
   * from the one reader and rule they share with the matching answer and the reports.
   */
  private async countyRows(query: CountiesQuery, user: AuthUser, now: Date): Promise<CountyItem[]> {
    const prefix = this.scopePrefix(user, query.countyCode);
    const year = query.year;
    const p = new Params();
    const like = prefix ? p.add(`${prefix}%`) : null;
    const allocScope = like ? `a.county_code LIKE ${like}` : 'TRUE';
    const projectScope = like ? `p.village_code LIKE ${like}` : 'TRUE';
    // The same scope on the counters' county code (the scope is a county or above), as a range on their key.
    const countyRange = prefix ? `l.county_code BETWEEN ${p.add(prefix.padEnd(12, '0'))} AND ${p.add(prefix.padEnd(12, '9'))}` : 'TRUE';
    const nowParam = p.add(now);
    const y = year !== undefined ? p.add(year) : null;
    const allocYear = y ? `AND b.year = ${y}::int` : '';
    const paidYear = y ? `AND pay.paid_at >= make_date(${y}::int, 1, 1) AND pay.paid_at < make_date(${y}::int + 1, 1, 1)` : '';
    const libraryYear = y ? `AND l.year = ${y}::int` : '';
    const keyYear = y ? `WHERE year = ${y}::int` : '';
    const allCounties = y ? `UNION SELECT code, ${y}::int FROM regions WHERE level = 'county' ${like ? `AND code LIKE ${like}` : ''}` : '';

    const sql = `
      WITH alloc AS (
        SELECT a.id, a.county_code, b.year, a.amount_fen, a.matched_fen, a.received_at, a.due_at
          FROM allocations a JOIN fund_batches b ON b.id = a.batch_id
         WHERE ${allocScope} ${allocYear}
      ), alloc_sum AS (
        SELECT county_code, year,
               count(*) FILTER (WHERE received_at IS NOT NULL) AS received_count,
               COALESCE(sum(amount_fen) FILTER (WHERE received_at IS NOT NULL), 0) AS received_fen,
               count(*) FILTER (WHERE received_at IS NOT NULL AND due_at <= ${nowParam}::timestamptz AND matched_fen < amount_fen) AS overdue_batches
          FROM alloc GROUP BY county_code, year
      ), match_sum AS (
        SELECT al.county_code, al.year, sum(m.amount_fen) AS matched_fen
          FROM fund_matches m
          JOIN alloc al ON al.id = m.allocation_id
         WHERE m.removed_at IS NULL
         GROUP BY al.county_code, al.year
      ), paid_sum AS (
        SELECT p.county_code, EXTRACT(YEAR FROM pay.paid_at)::int AS year, sum(pay.amount_fen) AS paid_fen
          FROM payments pay JOIN projects p ON p.id = pay.project_id
         WHERE ${projectScope} ${paidYear}
         GROUP BY 1, 2
      ), library_sum AS (
        -- Counted per county and Shanghai year by a trigger on projects (migration LibraryCounts).
        SELECT l.county_code, l.year, l.projects AS library_projects
          FROM library_counts l
         WHERE l.projects > 0 AND ${countyRange} ${libraryYear}
      ), task_sum AS (
        -- A task's region is its project's village, township or county, so its county is the code's first six
        -- digits; grouped by region first, the county is worked out once per region rather than once per task.
        SELECT substr(region_code, 1, 6) || '000000' AS county_code, sum(n) AS overdue_tasks
          FROM (SELECT t.region_code, count(*) AS n
                  FROM tasks t
                 WHERE t.status = 'open' AND t.due_at <= ${nowParam}::timestamptz ${like ? `AND t.region_code LIKE ${like}` : ''}
                 GROUP BY 1) by_region
         GROUP BY 1
      ), keys AS (
        SELECT county_code, year FROM (
          SELECT county_code, year FROM alloc_sum
          UNION SELECT county_code, year FROM match_sum
          UNION SELECT county_code, year FROM paid_sum
          UNION SELECT county_code, year FROM library_sum
        ) k ${keyYear}
        ${allCounties}
      )
      SELECT k.county_code, r.name AS county_name, k.year,
             COALESCE(a.received_fen, 0)::text AS received_fen,
             COALESCE(a.overdue_batches, 0)::int AS overdue_batches,
             COALESCE(m.matched_fen, 0)::text AS matched_fen,
             COALESCE(ps.paid_fen, 0)::text AS paid_fen,
             COALESCE(l.library_projects, 0)::int AS library_projects,
             COALESCE(t.overdue_tasks, 0)::int AS overdue_tasks
        FROM keys k
        JOIN regions r ON r.code = k.county_code
        LEFT JOIN alloc_sum a ON a.county_code = k.county_code AND a.year = k.year
        LEFT JOIN match_sum m ON m.county_code = k.county_code AND m.year = k.year
        LEFT JOIN paid_sum ps ON ps.county_code = k.county_code AND ps.year = k.year
        LEFT JOIN library_sum l ON l.county_code = k.county_code AND l.year = k.year
        LEFT JOIN task_sum t ON t.county_code = k.county_code`;
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(sql, p.values);
    const [policies, money] = await Promise.all([
      effectivePoliciesWithSources(
        this.dataSource,
        rows.map((r) => r.county_code as string),
      ),
      readIndustryMoney(this.dataSource, { prefix, fromYear: year !== undefined ? year - 1 : undefined, toYear: year }),
    ]);

    const keyed = rows.map((r) => {
      const received = BigInt(r.received_fen as string);
      const matched = BigInt(r.matched_fen as string);
      const paid = BigInt(r.paid_fen as string);
      const countyCode = r.county_code as string;
      const rowYear = r.year as number;
      const effective = policies.get(countyCode) ?? mergePolicies([]);
      const shares = assessCountyYear(
        rowYear,
        money.get(moneyKey(countyCode, rowYear)) ?? {},
        money.get(moneyKey(countyCode, rowYear - 1)) ?? {},
        shareSettings(effective.policy, effective.sources),
      );
      const all = shares[0];
      const item: CountyItem = {
        countyCode: r.county_code as string,
        countyName: r.county_name as string,
        year: r.year as number,
        received: formatYuan(received),
        matched: formatYuan(matched),
        unmatched: formatYuan(received - matched),
        paid: formatYuan(paid),
        executionRate: executionRate(paid, received),
        issued: all.issued,
        industryMatched: all.industryMatched,
        industryShare: all.share,
        industryShareMin: all.min,
        previousYearShare: all.previousYearShare,
        industryShareRequired: all.required,
        industryShareOk: all.ok,
        industryShareUnreachable: shares.some((s) => s.status === 'unreachable'),
        industryShares: shares,
        overdueBatches: r.overdue_batches as number,
        overdueTasks: r.overdue_tasks as number,
        libraryProjects: r.library_projects as number,
      };
      return {
        item,
        key: {
          overdueBatches: item.overdueBatches,
          overdueTasks: item.overdueTasks,
          paidFen: paid,
          receivedFen: received,
          year: item.year,
          countyCode: item.countyCode,
        },
      };
    });
    keyed.sort((a, b) => compareCountyUrgency(a.key, b.key));
    return keyed.map((k) => k.item);
  }
}

const receivedDate = (r: MatchingItem) => (r.receivedAt ? shanghaiDate(new Date(r.receivedAt)) : null);

/** Export columns of GET /monitor/matching, headed in Chinese. */
export const MATCHING_COLUMNS: ExportColumn<MatchingItem>[] = [
  { header: '文号', kind: 'text', width: 24, value: (r) => r.docNumber },
  { header: '批次名称', kind: 'text', width: 36, value: (r) => r.title },
  { header: '资金级次', kind: 'text', width: 10, value: (r) => r.levelLabel },
  { header: '年度', kind: 'integer', width: 8, value: (r) => r.year },
  { header: '县（区）代码', kind: 'text', width: 16, value: (r) => r.countyCode },
  { header: '县（区）', kind: 'text', width: 12, value: (r) => r.countyName },
  { header: '分配金额（元）', kind: 'money', width: 16, value: (r) => r.allocated },
  { header: '到账日期', kind: 'text', width: 12, value: receivedDate },
  { header: '匹配截止日期', kind: 'text', width: 12, value: (r) => r.dueDate },
  { header: '剩余天数', kind: 'integer', width: 10, value: (r) => r.daysLeft },
  { header: '已匹配（元）', kind: 'money', width: 16, value: (r) => r.matched },
  { header: '未匹配（元）', kind: 'money', width: 16, value: (r) => r.unmatched },
  { header: '状态', kind: 'text', width: 10, value: (r) => r.statusLabel },
];

/** One level's share in a cell: "60.0%（要求 ≥ 65.0%，已无法达到）"; empty when nothing was issued at the level. */
function levelShareText(v: IndustryShareView): string | null {
  if (v.sharePercent === null) return null;
  return `${v.sharePercent}（要求 ≥ ${v.requiredPercent}，${v.statusLabel}）`;
}

/** Export columns of GET /monitor/counties, headed in Chinese. */
export const COUNTY_COLUMNS: ExportColumn<CountyItem>[] = [
  { header: '县（区）代码', kind: 'text', width: 16, value: (r) => r.countyCode },
  { header: '县（区）', kind: 'text', width: 12, value: (r) => r.countyName },
  { header: '年度', kind: 'integer', width: 8, value: (r) => r.year },
  { header: '到账资金（元）', kind: 'money', width: 16, value: (r) => r.received },
  { header: '已匹配（元）', kind: 'money', width: 16, value: (r) => r.matched },
  { header: '已支出（元）', kind: 'money', width: 16, value: (r) => r.paid },
  { header: '预算执行率', kind: 'rate', width: 12, value: (r) => r.executionRate },
  { header: '产业发展资金（元）', kind: 'money', width: 18, value: (r) => r.industryMatched },
  { header: '产业发展资金占比', kind: 'rate', width: 16, value: (r) => r.industryShare },
  { header: '占比要求', kind: 'rate', width: 10, value: (r) => r.industryShareRequired },
  { header: '上年占比', kind: 'rate', width: 10, value: (r) => r.previousYearShare },
  { header: '占比是否达标', kind: 'text', width: 12, value: (r) => (r.industryShareOk ? '是' : '否') },
  { header: '逾期未匹配批次', kind: 'integer', width: 14, value: (r) => r.overdueBatches },
  { header: '逾期待办', kind: 'integer', width: 10, value: (r) => r.overdueTasks },
  { header: '入库项目数', kind: 'integer', width: 10, value: (r) => r.libraryProjects },
  // Appended, so the columns above keep the places earlier workbooks gave them.
  { header: '下达资金（元）', kind: 'money', width: 16, value: (r) => r.issued },
  { header: '最高可达占比', kind: 'rate', width: 12, value: (r) => r.industryShares[0].maxReachable },
  ...FUND_LEVELS.map((level, i): ExportColumn<CountyItem> => ({
    header: `${FUND_LEVEL_LABELS[level]}资金产业占比`,
    kind: 'text',
    width: 30,
    value: (r) => levelShareText(r.industryShares[i + 1]),
  })),
];
