/**
 * 序时进度: how far a year's money should be spent by the end of a month. By default the policy
 * expects month ÷ 12 (a quarter by March, all of it by December).
 */

/** 达到序时进度 · 落后 · 严重落后（不到序时进度的一半）· 无可比（尚无资金） */
export type PaceStatus = 'on_pace' | 'behind' | 'far_behind' | 'no_money';

export const PACE_LABELS: Readonly<Record<PaceStatus, string>> = {
  on_pace: '达到序时进度',
  behind: '落后于序时进度',
  far_behind: '严重落后',
  no_money: '—',
};

/**
 * Where `paidFen` of `baseFen` stands against month ÷ 12, compared on integers: paid × 12 against
 * base × month. Less than half the expected pace is "far behind", the rows a monitor calls about first.
 */
export function paceOf(paidFen: bigint, baseFen: bigint, month: number): PaceStatus {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError('月份须为 1–12');
  if (baseFen <= 0n) return 'no_money';
  const expected = baseFen * BigInt(month);
  if (paidFen * 12n >= expected) return 'on_pace';
  return paidFen * 24n >= expected ? 'behind' : 'far_behind';
}

/** A slice of money a project may spend, in the order it is spent: its key and amount. */
export interface SpendableSlice {
  key: string;
  fen: bigint;
}

/** A payment to attribute, dated. */
export interface DatedPayment {
  fen: bigint;
  paidOn: string;
}

/** The part of a payment that drew on one slice. */
export interface AttributedPayment {
  key: string;
  fen: bigint;
  paidOn: string;
}

/**
 * Which matched money each payment of a project spent. Payments carry no batch, so they draw on the
 * project's matches first to last (older money first, as carried-over funds are spent before new
 * ones); a payment larger than what is left spills into the next slice. What no slice can hold is
 * returned with key null, so nothing paid silently disappears.
 */
export function attributePayments(slices: readonly SpendableSlice[], payments: readonly DatedPayment[]): Array<AttributedPayment | { key: null; fen: bigint; paidOn: string }> {
  const left = slices.map((s) => ({ key: s.key, fen: s.fen }));
  const out: Array<AttributedPayment | { key: null; fen: bigint; paidOn: string }> = [];
  let i = 0;
  for (const p of payments) {
    let rest = p.fen;
    while (rest > 0n && i < left.length) {
      const take = rest < left[i].fen ? rest : left[i].fen;
      if (take > 0n) out.push({ key: left[i].key, fen: take, paidOn: p.paidOn });
      left[i].fen -= take;
      rest -= take;
      if (left[i].fen === 0n) i += 1;
    }
    if (rest > 0n) out.push({ key: null, fen: rest, paidOn: p.paidOn });
  }
  return out;
}
