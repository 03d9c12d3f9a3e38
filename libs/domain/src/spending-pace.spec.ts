import { attributePayments, paceOf } from './spending-pace';

describe('序时进度', () => {
  it('compares paid with month ÷ 12 of the money, exactly', () => {
    // March: a quarter is due. 250,000.00 of 1,000,000.00 is on pace; one fen less is not.
    expect(paceOf(25_000_000n, 100_000_000n, 3)).toBe('on_pace');
    expect(paceOf(24_999_999n, 100_000_000n, 3)).toBe('behind');
    expect(paceOf(12_500_000n, 100_000_000n, 3)).toBe('behind');
    expect(paceOf(12_499_999n, 100_000_000n, 3)).toBe('far_behind');
    expect(paceOf(100n, 100n, 12)).toBe('on_pace');
    expect(paceOf(0n, 0n, 6)).toBe('no_money');
  });

  it('refuses a month outside 1–12', () => {
    expect(() => paceOf(1n, 1n, 0)).toThrow(RangeError);
    expect(() => paceOf(1n, 1n, 13)).toThrow(RangeError);
  });
});

describe('attributing payments to matched money', () => {
  it('spends the first slice first and spills into the next', () => {
    const slices = [
      { key: 'old', fen: 300n },
      { key: 'new', fen: 500n },
    ];
    const out = attributePayments(slices, [
      { fen: 200n, paidOn: '2018-03-10' },
      { fen: 400n, paidOn: '2018-04-02' },
    ]);
    expect(out).toEqual([
      { key: 'old', fen: 200n, paidOn: '2018-03-10' },
      { key: 'old', fen: 100n, paidOn: '2018-04-02' },
      { key: 'new', fen: 300n, paidOn: '2018-04-02' },
    ]);
  });

  it('keeps what no slice holds, so the totals still add up', () => {
    const out = attributePayments([{ key: 'a', fen: 100n }], [{ fen: 150n, paidOn: '2018-05-01' }]);
    expect(out).toEqual([
      { key: 'a', fen: 100n, paidOn: '2018-05-01' },
      { key: null, fen: 50n, paidOn: '2018-05-01' },
    ]);
    expect(out.reduce((s, p) => s + p.fen, 0n)).toBe(150n);
  });
});
