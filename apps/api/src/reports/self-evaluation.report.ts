import { shanghaiDate, startOfShanghaiDay } from '../../../../libs/domain/src/calendar';
import { DAY_MS } from '../../../../libs/domain/src/shanghai-time';
import { parseRatio } from '../../../../libs/domain/src/ratio';
import { formatYuan, parseYuan } from '../../../../libs/domain/src/money';
import type { IndustryShareView } from '../../../../libs/domain/src/industry-share';
import { checkClaim, count, figureJson, figureText, growth, money, rate, type ClaimCheck, type FigureValue } from '../../../../libs/domain/src/report-figures';
import { BATCH_LEVEL_LABELS } from '../monitor/monitor-rules';
import { DEFAULT_TEXT, FIGURES, fillText, SECTIONS, type FigureKey, type SectionKey } from './self-evaluation.figures';
import type { AllocationRow, SelfEvaluationRecords } from './self-evaluation.records';

/** 按期 · 逾期匹配 · 未匹配完（未到期） · 逾期未匹配 */
export type MatchingOutcome = 'on_time' | 'late' | 'pending' | 'overdue';
const OUTCOME_LABELS: Record<MatchingOutcome, string> = { on_time: '按期匹配', late: '逾期匹配', pending: '匹配中', overdue: '逾期未匹配' };

export interface ReportFigure {
  key: FigureKey;
  label: string;
  /** Yuan string, 4-decimal ratio string, or an integer string; null when there is nothing to compute it from. */
  value: string | null;
  /** As the report prints it: 2460万元, 3.4%, 57. */
  text: string;
  basis: string;
}

export interface ReportSection {
  key: SectionKey;
  title: string;
  /** The words with the figures filled in. */
  text: string;
  /** The words as kept, with `{{key}}` where a figure goes. */
  template: string;
  figures: ReportFigure[];
}

export interface MatchingRow {
  docNumber: string;
  title: string;
  level: string;
  levelLabel: string;
  amount: string;
  receivedDate: string;
  dueDate: string | null;
  matchedDate: string | null;
  /** Calendar days from receipt to the full match (Asia/Shanghai); null while not fully matched. */
  daysTaken: number | null;
  outcome: MatchingOutcome;
  outcomeLabel: string;
}

export interface ClaimRow extends ClaimCheck {
  key: FigureKey;
  label: string;
}

export interface SelfEvaluationReport {
  countyCode: string;
  countyName: string;
  year: number;
  generatedAt: string;
  sections: ReportSection[];
  matching: MatchingRow[];
  claims: ClaimRow[];
  /** Typed figures that differ from the records. */
  mismatches: number;
  /** Who last saved the county's wording or typed figures; null while the county has kept neither. */
  savedBy: string | null;
  savedAt: string | null;
}

export interface SelfEvaluationDraft {
  text: Partial<Record<SectionKey, string>>;
  claimed: Partial<Record<FigureKey, string>>;
  savedBy: string | null;
  savedAt: Date | null;
}

/** Whole Shanghai calendar days from one date to another. */
function daysBetween(from: string, to: string): number {
  return Math.round((startOfShanghaiDay(to).getTime() - startOfShanghaiDay(from).getTime()) / DAY_MS);
}

function outcomeOf(a: AllocationRow, now: Date): MatchingOutcome {
  if (a.doneAt) return a.dueAt && a.doneAt >= a.dueAt ? 'late' : 'on_time';
  return a.dueAt && now >= a.dueAt ? 'overdue' : 'pending';
}

function matchingRow(a: AllocationRow, now: Date): MatchingRow {
  const outcome = outcomeOf(a, now);
  const receivedDate = shanghaiDate(a.receivedAt);
  const matchedDate = a.doneAt ? shanghaiDate(a.doneAt) : null;
  return {
    docNumber: a.docNumber,
    title: a.title,
    level: a.level,
    levelLabel: BATCH_LEVEL_LABELS[a.level] ?? a.level,
    amount: formatYuan(a.amountFen),
    receivedDate,
    // The deadline is the start of the day after the last day that counts.
    dueDate: a.dueAt ? shanghaiDate(new Date(a.dueAt.getTime() - 1)) : null,
    matchedDate,
    daysTaken: matchedDate ? daysBetween(receivedDate, matchedDate) : null,
    outcome,
    outcomeLabel: OUTCOME_LABELS[outcome],
  };
}

/** The provincial industry share of this year and last, as the monitor computes it (level `province`). */
export interface ProvincialShares {
  thisYear: IndustryShareView;
  lastYear: IndustryShareView;
}

/** A share view's industry money over its issued money, as a figure; null when nothing was issued. */
function shareFigure(v: IndustryShareView): FigureValue | null {
  return rate(parseYuan(v.industryMatched), parseYuan(v.issued));
}

/** Every figure of the report, from the records and the provincial industry share. */
export function computeFigures(r: SelfEvaluationRecords, rows: readonly MatchingRow[], provincial: ProvincialShares): Record<FigureKey, FigureValue | null> {
  const onTime = rows.filter((m) => m.outcome === 'on_time').length;
  const min = parseRatio(provincial.thisYear.min);
  const pm = provincial.thisYear;
  return {
    countyArranged: money(r.arrangedFen.thisYear),
    countyArrangedLastYear: money(r.arrangedFen.lastYear),
    countyGrowth: growth(r.arrangedFen.thisYear, r.arrangedFen.lastYear),
    received: money(r.receivedFen),
    provincialReceived: money(r.provincialReceivedFen),
    allocationsReceived: count(rows.length),
    matchedOnTime: count(onTime),
    matchedOnTimeShare: rate(BigInt(onTime), BigInt(rows.length)),
    libraryProjects: count(r.library.projects),
    libraryWithTargets: count(r.library.withTargets),
    targetsShare: rate(BigInt(r.library.withTargets), BigInt(r.library.projects)),
    targetsScoredProjects: count(r.targets.scoredProjects),
    targetsScored: count(r.targets.total),
    targetsMet: count(r.targets.met),
    targetsMetShare: rate(BigInt(r.targets.met), BigInt(r.targets.total)),
    publicised: count(r.events.publicised),
    objectionsRaised: count(r.events.objectionsRaised),
    objectionsUpheld: count(r.events.upheld),
    objectionsDismissed: count(r.events.dismissed),
    negativeListCleared: count(r.events.cleared),
    paid: money(r.paidFen),
    executionRate: rate(r.paidFen, r.receivedFen),
    retentionHeld: money(r.retentionHeldFen),
    provincialMatched: money(parseYuan(pm.matched)),
    provincialIndustry: money(parseYuan(pm.industryMatched)),
    provincialIndustryShare: shareFigure(pm),
    provincialIndustryShareLastYear: shareFigure(provincial.lastYear),
    industryShareMin: rate(min.numerator, min.denominator),
    unmatchCount: count(r.unmatches.count),
    unmatchedAmount: money(r.unmatches.fen),
    returnedCount: count(r.events.returned),
    rejectedCount: count(r.events.rejected),
    overdueTasks: count(r.overdueTasks),
  };
}

/** The report: figures from the records, the county's words around them, its typed figures checked. */
export function composeReport(input: {
  countyCode: string;
  countyName: string;
  year: number;
  records: SelfEvaluationRecords;
  provincial: ProvincialShares;
  draft: SelfEvaluationDraft | null;
  now: Date;
}): SelfEvaluationReport {
  const { records, draft, now } = input;
  const matching = records.allocations.map((a) => matchingRow(a, now));
  const values = computeFigures(records, matching, input.provincial);
  const texts: Record<string, string> = { countyName: input.countyName, year: String(input.year) };
  for (const f of FIGURES) texts[f.key] = figureText(values[f.key]);

  const sections = SECTIONS.map((s): ReportSection => {
    const template = draft?.text[s.key] ?? DEFAULT_TEXT[s.key];
    return {
      key: s.key,
      title: s.title,
      template,
      text: fillText(template, texts),
      figures: FIGURES.filter((f) => f.section === s.key).map((f) => ({
        key: f.key,
        label: f.label,
        value: figureJson(values[f.key]),
        text: texts[f.key],
        basis: f.basis,
      })),
    };
  });
  const claims = FIGURES.filter((f) => draft?.claimed[f.key] !== undefined).map(
    (f): ClaimRow => ({ key: f.key, label: f.label, ...checkClaim(draft!.claimed[f.key]!, values[f.key]) }),
  );
  return {
    countyCode: input.countyCode,
    countyName: input.countyName,
    year: input.year,
    generatedAt: now.toISOString(),
    sections,
    matching,
    claims,
    mismatches: claims.filter((c) => !c.ok).length,
    savedBy: draft?.savedBy ?? null,
    savedAt: draft?.savedAt ? draft.savedAt.toISOString() : null,
  };
}
