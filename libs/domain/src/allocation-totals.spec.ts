import fc from 'fast-check';
import {
  applyMatch,
  checkAllocationShare,
  checkProjectBudget,
  checkUnmatchAmount,
  emptyTotals,
  totalMatchedFen,
  totalsFromData,
  totalsToData,
} from './allocation-totals';
import { matchedFen, totalsOf, type AllocationBook } from './matching';

const EARMARK = { purpose: '以工代赈', amountFen: 300n };

describe('allocation totals', () => {
  it('judges the general pool and an earmark separately, to the fen', () => {
    const totals = emptyTotals(1_000n, [EARMARK]);
    expect(checkAllocationShare(totals, { amountFen: 700n, purpose: null })).toEqual({ ok: true });
    expect(checkAllocationShare(totals, { amountFen: 701n, purpose: null })).toEqual({
      ok: false,
      message: '可自主安排的资金剩余 7.00 元，不足 7.01 元（专项资金须注明用途）',
    });
    applyMatch(totals, { amountFen: 300n, purpose: '以工代赈' });
    expect(checkAllocationShare(totals, { amountFen: 1n, purpose: '以工代赈' })).toEqual({ ok: false, message: '“以工代赈”专项剩余 0.00 元，不足 0.01 元' });
    expect(checkAllocationShare(totals, { amountFen: 1n, purpose: '产业发展' })).toEqual({ ok: false, message: '本批资金没有“产业发展”专项' });
    expect(checkAllocationShare(totals, { amountFen: 0n, purpose: null })).toEqual({ ok: false, message: '匹配金额须大于零' });
    applyMatch(totals, { amountFen: 300n, purpose: '以工代赈' }, -1);
    expect(totalMatchedFen(totals)).toBe(0n);
  });

  it('checks a project budget across allocations and an un-match against what is paid', () => {
    expect(checkProjectBudget({ budgetFen: 100n, matchedFen: 60n }, 40n)).toEqual({ ok: true });
    expect(checkProjectBudget({ budgetFen: 100n, matchedFen: 60n }, 41n)).toEqual({
      ok: false,
      message: '项目批复预算 1.00 元，已匹配 0.60 元，不能再匹配 0.41 元',
    });
    expect(checkUnmatchAmount(40n, { matchedTotalFen: 100n, paidFen: 60n })).toEqual({ ok: true });
    expect(checkUnmatchAmount(41n, { matchedTotalFen: 100n, paidFen: 60n }).ok).toBe(false);
  });

  it('survives its JSON form unchanged', () => {
    const totals = emptyTotals(1_000n, [EARMARK]);
    applyMatch(totals, { amountFen: 123n, purpose: null });
    applyMatch(totals, { amountFen: 45n, purpose: '以工代赈' });
    const back = totalsFromData(1_000n, [EARMARK], JSON.parse(JSON.stringify(totalsToData(totals))));
    expect(back).toEqual(totals);
  });

  it('kept as running sums, decides every next match exactly as the full list of matches would', () => {
    const op = fc.record({
      add: fc.boolean(),
      amountFen: fc.bigInt({ min: 0n, max: 400n }),
      purpose: fc.constantFrom(null, '以工代赈', '产业发展'),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const book: AllocationBook = { amountFen: 1_000n, earmarks: [EARMARK], matches: [] };
        const totals = emptyTotals(book.amountFen, book.earmarks);
        for (const [i, o] of ops.entries()) {
          const verdict = checkAllocationShare(totals, o);
          expect(verdict).toEqual(checkAllocationShare(totalsOf(book), o));
          const removable = book.matches.find((m) => m.active);
          if (o.add && verdict.ok) {
            book.matches.push({ id: `m${i}`, projectId: 'p', amountFen: o.amountFen, purpose: o.purpose, active: true });
            applyMatch(totals, o);
          } else if (!o.add && removable) {
            removable.active = false;
            applyMatch(totals, removable, -1);
          }
          expect(totalMatchedFen(totals)).toBe(matchedFen(book));
          expect(totalMatchedFen(totals)).toBeLessThanOrEqual(book.amountFen);
        }
      }),
    );
  });
});
