import { formatYuan } from './money';

/** 专项（其中）: a part of an allocation that may only go to its stated purpose. */
export interface Earmark {
  purpose: string;
  amountFen: bigint;
}

/** 资金匹配: money of one allocation assigned to one library project. */
export interface MatchRecord {
  id: string;
  projectId: string;
  amountFen: bigint;
  purpose: string | null;
  active: boolean;
}

/** 资金分配: what one county received in one batch, and what it has matched so far. */
export interface AllocationBook {
  amountFen: bigint;
  earmarks: Earmark[];
  matches: MatchRecord[];
}

export type MoneyRefusal = { ok: false; message: string };
export type MoneyVerdict = { ok: true } | MoneyRefusal;

const activeMatches = (book: AllocationBook) => book.matches.filter((m) => m.active);
const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);

export function matchedFen(book: AllocationBook): bigint {
  return sum(activeMatches(book).map((m) => m.amountFen));
}

export function unmatchedFen(book: AllocationBook): bigint {
  return book.amountFen - matchedFen(book);
}

/** Money of the allocation that carries no earmark, free for any library project. */
export function generalPoolFen(book: AllocationBook): bigint {
  return book.amountFen - sum(book.earmarks.map((e) => e.amountFen));
}

/**
 * Whether `amountFen` of this allocation may go to a project: earmarked money only to its purpose,
 * the rest only up to what is not earmarked, and no project beyond its approved budget.
 */
export function checkMatch(
  book: AllocationBook,
  match: { projectId: string; amountFen: bigint; purpose: string | null },
  project: { budgetFen: bigint; matchedElsewhereFen: bigint },
): MoneyVerdict {
  if (match.amountFen <= 0n) return { ok: false, message: '匹配金额须大于零' };
  const active = activeMatches(book);
  if (match.purpose !== null) {
    const earmark = book.earmarks.find((e) => e.purpose === match.purpose);
    if (!earmark) return { ok: false, message: `本批资金没有“${match.purpose}”专项` };
    const used = sum(active.filter((m) => m.purpose === match.purpose).map((m) => m.amountFen));
    if (used + match.amountFen > earmark.amountFen) {
      return { ok: false, message: `“${match.purpose}”专项剩余 ${formatYuan(earmark.amountFen - used)} 元，不足 ${formatYuan(match.amountFen)} 元` };
    }
  } else {
    const used = sum(active.filter((m) => m.purpose === null).map((m) => m.amountFen));
    const pool = generalPoolFen(book);
    if (used + match.amountFen > pool) {
      return { ok: false, message: `可自主安排的资金剩余 ${formatYuan(pool - used)} 元，不足 ${formatYuan(match.amountFen)} 元（专项资金须注明用途）` };
    }
  }
  const here = sum(active.filter((m) => m.projectId === match.projectId).map((m) => m.amountFen));
  const projectTotal = project.matchedElsewhereFen + here + match.amountFen;
  if (projectTotal > project.budgetFen) {
    return { ok: false, message: `项目批复预算 ${formatYuan(project.budgetFen)} 元，已匹配 ${formatYuan(project.matchedElsewhereFen + here)} 元，不能再匹配 ${formatYuan(match.amountFen)} 元` };
  }
  return { ok: true };
}

/** Un-matching may not leave a project with more paid than matched. */
export function checkUnmatch(book: AllocationBook, matchId: string, project: { matchedTotalFen: bigint; paidFen: bigint }): MoneyVerdict {
  const match = book.matches.find((m) => m.id === matchId && m.active);
  if (!match) return { ok: false, message: '匹配记录不存在或已撤销' };
  if (project.matchedTotalFen - match.amountFen < project.paidFen) {
    return { ok: false, message: `项目已拨付 ${formatYuan(project.paidFen)} 元，撤销后匹配资金将少于已拨付资金` };
  }
  return { ok: true };
}
