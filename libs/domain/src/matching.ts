import { applyMatch, checkAllocationShare, checkProjectBudget, checkUnmatchAmount, emptyTotals, type AllocationTotals } from './allocation-totals';

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

/** The book's active matches as sums, the form the allocation workflow keeps. */
export function totalsOf(book: AllocationBook): AllocationTotals {
  const totals = emptyTotals(book.amountFen, book.earmarks);
  for (const m of activeMatches(book)) applyMatch(totals, m);
  return totals;
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
  const share = checkAllocationShare(totalsOf(book), match);
  if (!share.ok) return share;
  const here = sum(activeMatches(book).filter((m) => m.projectId === match.projectId).map((m) => m.amountFen));
  return checkProjectBudget({ budgetFen: project.budgetFen, matchedFen: project.matchedElsewhereFen + here }, match.amountFen);
}

/** Un-matching may not leave a project with more paid than matched. */
export function checkUnmatch(book: AllocationBook, matchId: string, project: { matchedTotalFen: bigint; paidFen: bigint }): MoneyVerdict {
  const match = book.matches.find((m) => m.id === matchId && m.active);
  if (!match) return { ok: false, message: '匹配记录不存在或已撤销' };
  return checkUnmatchAmount(match.amountFen, project);
}
