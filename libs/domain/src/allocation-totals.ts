import { formatYuan } from './money';
import type { Earmark, MoneyVerdict } from './matching';

/**
 * What an allocation has matched, as sums rather than a list of matches: the general pool and each
 * earmark. Enough to judge the next match, and of fixed size however many matches a county makes,
 * so a long-running allocation can carry it from one workflow run to the next.
 */
export interface AllocationTotals {
  amountFen: bigint;
  earmarks: Earmark[];
  generalFen: bigint;
  byPurpose: Map<string, bigint>;
}

/** The JSON form carried between workflow runs: fen as decimal strings. */
export interface AllocationTotalsData {
  generalFen: string;
  byPurpose: [string, string][];
}

const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);

export function emptyTotals(amountFen: bigint, earmarks: Earmark[]): AllocationTotals {
  return { amountFen, earmarks, generalFen: 0n, byPurpose: new Map() };
}

export function totalsFromData(amountFen: bigint, earmarks: Earmark[], data: AllocationTotalsData): AllocationTotals {
  return { amountFen, earmarks, generalFen: BigInt(data.generalFen), byPurpose: new Map(data.byPurpose.map(([p, fen]) => [p, BigInt(fen)])) };
}

export function totalsToData(totals: AllocationTotals): AllocationTotalsData {
  return { generalFen: totals.generalFen.toString(), byPurpose: [...totals.byPurpose].map(([p, fen]) => [p, fen.toString()]) };
}

export function totalMatchedFen(totals: AllocationTotals): bigint {
  return totals.generalFen + sum([...totals.byPurpose.values()]);
}

/** Adds (or, with `sign` -1, takes back) one match's money. */
export function applyMatch(totals: AllocationTotals, match: { amountFen: bigint; purpose: string | null }, sign: 1 | -1 = 1): void {
  const delta = match.amountFen * BigInt(sign);
  if (match.purpose === null) totals.generalFen += delta;
  else totals.byPurpose.set(match.purpose, (totals.byPurpose.get(match.purpose) ?? 0n) + delta);
}

/** Earmarked money only to its purpose, the rest only up to what is not earmarked. */
export function checkAllocationShare(totals: AllocationTotals, match: { amountFen: bigint; purpose: string | null }): MoneyVerdict {
  if (match.amountFen <= 0n) return { ok: false, message: '匹配金额须大于零' };
  if (match.purpose !== null) {
    const earmark = totals.earmarks.find((e) => e.purpose === match.purpose);
    if (!earmark) return { ok: false, message: `本批资金没有“${match.purpose}”专项` };
    const used = totals.byPurpose.get(match.purpose) ?? 0n;
    if (used + match.amountFen > earmark.amountFen) {
      return { ok: false, message: `“${match.purpose}”专项剩余 ${formatYuan(earmark.amountFen - used)} 元，不足 ${formatYuan(match.amountFen)} 元` };
    }
    return { ok: true };
  }
  const pool = totals.amountFen - sum(totals.earmarks.map((e) => e.amountFen));
  if (totals.generalFen + match.amountFen > pool) {
    return {
      ok: false,
      message: `可自主安排的资金剩余 ${formatYuan(pool - totals.generalFen)} 元，不足 ${formatYuan(match.amountFen)} 元（专项资金须注明用途）`,
    };
  }
  return { ok: true };
}

/** No project beyond its approved budget, counting what every allocation has matched to it. */
export function checkProjectBudget(project: { budgetFen: bigint; matchedFen: bigint }, amountFen: bigint): MoneyVerdict {
  if (project.matchedFen + amountFen > project.budgetFen) {
    return {
      ok: false,
      message: `项目批复预算 ${formatYuan(project.budgetFen)} 元，已匹配 ${formatYuan(project.matchedFen)} 元，不能再匹配 ${formatYuan(amountFen)} 元`,
    };
  }
  return { ok: true };
}

/** Un-matching may not leave a project with more paid than matched. */
export function checkUnmatchAmount(amountFen: bigint, project: { matchedTotalFen: bigint; paidFen: bigint }): MoneyVerdict {
  if (project.matchedTotalFen - amountFen < project.paidFen) {
    return { ok: false, message: `项目已拨付 ${formatYuan(project.paidFen)} 元，撤销后匹配资金将少于已拨付资金` };
  }
  return { ok: true };
}
