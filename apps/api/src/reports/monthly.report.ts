import { shanghaiDate } from '../../../../libs/domain/src/calendar';
import { formatYuan } from '../../../../libs/domain/src/money';
import { PROJECT_TYPE_LABELS, type ProjectType } from '../../../../libs/domain/src/project-types';
import { figureJson, figureText, rate } from '../../../../libs/domain/src/report-figures';
import { attributePayments, PACE_LABELS, paceOf, type PaceStatus } from '../../../../libs/domain/src/spending-pace';
import { BATCH_LEVEL_LABELS } from '../monitor/monitor-rules';
import type { MonthlyRecords } from './monthly.records';

/** Figures shared by a batch row, a project row and the totals. */
export interface SpendingFigures {
  matched: string;
  paidThisMonth: string;
  paidToDate: string;
  /** paidToDate ÷ the row's base (received for a batch, matched for a project), 4 decimals truncated; null with no base. */
  executionRate: string | null;
  executionRateText: string;
  pace: PaceStatus;
  paceLabel: string;
}

export interface MonthlyBatchRow extends SpendingFigures {
  allocationId: string;
  docNumber: string;
  title: string;
  level: string;
  levelLabel: string;
  allocated: string;
  /** The allocation once received by the month's end, else 0. */
  received: string;
  receivedDate: string | null;
}

export interface MonthlyProjectRow extends SpendingFigures {
  projectId: string;
  name: string;
  type: string;
  typeLabel: string;
  place: string;
}

export interface MonthlyTotals extends SpendingFigures {
  received: string;
  batchesBehind: number;
  projectsBehind: number;
}

export interface MonthlyReport {
  countyCode: string;
  countyName: string;
  /** YYYY-MM */
  month: string;
  year: number;
  generatedAt: string;
  /** 序时进度 month ÷ 12, 4 decimals truncated, and as printed. */
  expectedPace: string;
  expectedPaceText: string;
  batches: MonthlyBatchRow[];
  projects: MonthlyProjectRow[];
  totals: MonthlyTotals;
  /** How each column is computed. */
  basis: string[];
}

export const MONTHLY_BASIS = [
  '范围：本年度（批次年度）各级资金批次分配给本县的资金，及匹配了这些资金的项目。',
  '到位资金：月末前已确认到账的分配金额；已匹配：当前有效（未撤销）的资金匹配金额。',
  '支出：按拨付日期计；拨付不记批次，按项目匹配资金的先后（上年及以前批次在先）依次计入所用的资金。',
  '执行率：截至月末累计支出 ÷ 到位资金（项目为 ÷ 已匹配资金）。',
  '序时进度：月份 ÷ 12（政策默认）；低于序时进度为落后，不到其一半为严重落后。',
];

function figures(matchedFen: bigint, month: { thisFen: bigint; toDateFen: bigint }, baseFen: bigint, monthNo: number): SpendingFigures {
  const r = rate(month.toDateFen, baseFen);
  const pace = paceOf(month.toDateFen, baseFen, monthNo);
  return {
    matched: formatYuan(matchedFen),
    paidThisMonth: formatYuan(month.thisFen),
    paidToDate: formatYuan(month.toDateFen),
    executionRate: figureJson(r),
    executionRateText: figureText(r),
    pace,
    paceLabel: PACE_LABELS[pace],
  };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

const behind = (row: { pace: PaceStatus }) => row.pace === 'behind' || row.pace === 'far_behind';

/** The monthly report of a county: per batch and per project of the year's money, against 序时进度. */
export function composeMonthly(input: { countyCode: string; countyName: string; month: string; records: MonthlyRecords; now: Date }): MonthlyReport {
  const { records, month } = input;
  const year = Number(month.slice(0, 4));
  const monthNo = Number(month.slice(5, 7));
  const monthEnd = new Date(`${monthNo === 12 ? year + 1 : year}-${String((monthNo % 12) + 1).padStart(2, '0')}-01T00:00:00+08:00`);

  const ofYear = new Map(records.allocations.map((a) => [a.allocationId, a]));
  const matchOf = new Map(records.matches.map((m) => [m.id, m]));
  const paid = new Map<string, { thisFen: bigint; toDateFen: bigint }>();
  const add = (key: string, fen: bigint, paidOn: string) => {
    const sum = paid.get(key) ?? { thisFen: 0n, toDateFen: 0n };
    sum.toDateFen += fen;
    if (paidOn.startsWith(month)) sum.thisFen += fen;
    paid.set(key, sum);
  };
  // Grouped once: a county's year can hold ten thousand projects, and a scan per project would be quadratic.
  const slicesOf = groupBy(records.matches, (m) => m.projectId);
  const paymentsOf = groupBy(records.payments, (p) => p.projectId);
  for (const project of records.projects) {
    const slices = (slicesOf.get(project.id) ?? []).map((m) => ({ key: m.id, fen: m.fen }));
    for (const part of attributePayments(slices, paymentsOf.get(project.id) ?? [])) {
      const m = part.key === null ? undefined : matchOf.get(part.key);
      // Only money of the year's batches is this report's; older money spent first is not.
      if (!m || !ofYear.has(m.allocationId)) continue;
      add(m.allocationId, part.fen, part.paidOn);
      add(m.projectId, part.fen, part.paidOn);
    }
  }
  const matchedBy = (pick: (m: MonthlyRecords['matches'][number]) => string) => {
    const sums = new Map<string, bigint>();
    for (const m of records.matches) if (ofYear.has(m.allocationId)) sums.set(pick(m), (sums.get(pick(m)) ?? 0n) + m.fen);
    return sums;
  };
  const byAllocation = matchedBy((m) => m.allocationId);
  const byProject = matchedBy((m) => m.projectId);
  const none = { thisFen: 0n, toDateFen: 0n };

  const batches = records.allocations.map((a): MonthlyBatchRow => {
    const received = a.receivedAt !== null && a.receivedAt < monthEnd;
    const receivedFen = received ? a.amountFen : 0n;
    return {
      allocationId: a.allocationId,
      docNumber: a.docNumber,
      title: a.title,
      level: a.level,
      levelLabel: BATCH_LEVEL_LABELS[a.level] ?? a.level,
      allocated: formatYuan(a.amountFen),
      received: formatYuan(receivedFen),
      receivedDate: received ? shanghaiDate(a.receivedAt!) : null,
      ...figures(byAllocation.get(a.allocationId) ?? 0n, paid.get(a.allocationId) ?? none, receivedFen, monthNo),
    };
  });
  const projects = records.projects.map(
    (p): MonthlyProjectRow => ({
      projectId: p.id,
      name: p.name,
      type: p.type,
      typeLabel: PROJECT_TYPE_LABELS[p.type as ProjectType] ?? p.type,
      place: p.place,
      ...figures(byProject.get(p.id) ?? 0n, paid.get(p.id) ?? none, byProject.get(p.id) ?? 0n, monthNo),
    }),
  );

  const fen = (yuan: string) => BigInt(yuan.replace('.', ''));
  const sum = (pick: (b: MonthlyBatchRow) => string) => batches.reduce((s, b) => s + fen(pick(b)), 0n);
  const receivedFen = sum((b) => b.received);
  const expected = rate(BigInt(monthNo), 12n);
  return {
    countyCode: input.countyCode,
    countyName: input.countyName,
    month,
    year,
    generatedAt: input.now.toISOString(),
    expectedPace: figureJson(expected)!,
    expectedPaceText: figureText(expected),
    batches,
    projects,
    totals: {
      received: formatYuan(receivedFen),
      ...figures(sum((b) => b.matched), { thisFen: sum((b) => b.paidThisMonth), toDateFen: sum((b) => b.paidToDate) }, receivedFen, monthNo),
      batchesBehind: batches.filter(behind).length,
      projectsBehind: projects.filter(behind).length,
    },
    basis: MONTHLY_BASIS,
  };
}
