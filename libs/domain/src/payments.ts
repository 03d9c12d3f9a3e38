import { formatYuan } from './money';
import type { MoneyVerdict } from './matching';
import { parseRatio } from './ratio';

/** 拨付类型: against progress, the final payment after acceptance, the released retention, household subsidies (到户). */
export type PaymentKind = 'progress' | 'final' | 'retention' | 'household';
export const PAYMENT_KINDS: readonly PaymentKind[] = ['progress', 'final', 'retention', 'household'];

/** 拨付台账: what a project may be paid, from its contract, progress, acceptance and matched money. */
export interface PaymentBook {
  contractFen: bigint;
  /** 质保金比例, e.g. "0.03". */
  retentionRate: string;
  latestPercent: number;
  accepted: boolean;
  retentionReleased: boolean;
  matchedFen: bigint;
  paid: Record<PaymentKind, bigint>;
}

const works = (paid: Record<PaymentKind, bigint>) => paid.progress + paid.final;

/** The part of the contract payable before the warranty ends: the contract less the retention, rounded down to the fen. */
export function payableBeforeWarrantyFen(contractFen: bigint, retentionRate: string): bigint {
  const rate = parseRatio(retentionRate);
  return (contractFen * (rate.denominator - rate.numerator)) / rate.denominator;
}

/** 质保金: held back until the warranty ends; whatever rounding left over belongs to it, so nothing is lost. */
export function retentionFen(contractFen: bigint, retentionRate: string): bigint {
  return contractFen - payableBeforeWarrantyFen(contractFen, retentionRate);
}

/** Most a progress payment may bring the works total to: contract × progress, less the retention share. */
export function progressCeilingFen(book: PaymentBook): bigint {
  const rate = parseRatio(book.retentionRate);
  return (book.contractFen * BigInt(book.latestPercent) * (rate.denominator - rate.numerator)) / (100n * rate.denominator);
}

export interface PaymentVerdict {
  ok: true;
  /** The total of progress + final + retention payments may not exceed this after the payment. */
  worksCeilingFen: bigint;
}

/**
 * Whether `amountFen` of `kind` may be paid now: never ahead of progress (超进度付款), never the
 * retention before the warranty ends, never more than the money matched to the project.
 */
export function checkPayment(book: PaymentBook, kind: PaymentKind, amountFen: bigint): PaymentVerdict | Extract<MoneyVerdict, { ok: false }> {
  if (amountFen <= 0n) return { ok: false, message: '拨付金额须大于零' };
  const paidTotal = book.paid.progress + book.paid.final + book.paid.retention + book.paid.household;
  if (paidTotal + amountFen > book.matchedFen) {
    return { ok: false, message: `项目已匹配资金 ${formatYuan(book.matchedFen)} 元，已拨付 ${formatYuan(paidTotal)} 元，本次 ${formatYuan(amountFen)} 元将超过匹配资金` };
  }
  const worksPaid = works(book.paid) + book.paid.retention;
  let ceiling: bigint;
  switch (kind) {
    case 'progress':
      if (book.accepted) return { ok: false, message: '项目已验收，请按 final（尾款）拨付' };
      ceiling = progressCeilingFen(book);
      if (works(book.paid) + amountFen > ceiling) {
        return {
          ok: false,
          message: `按合同 ${formatYuan(book.contractFen)} 元、进度 ${book.latestPercent}% 并扣留质保金，累计最多可拨 ${formatYuan(ceiling)} 元，已拨 ${formatYuan(works(book.paid))} 元，不得超进度付款`,
        };
      }
      return { ok: true, worksCeilingFen: ceiling + book.paid.retention };
    case 'final':
      if (!book.accepted) return { ok: false, message: '项目尚未通过竣工验收，不能拨付尾款' };
      ceiling = payableBeforeWarrantyFen(book.contractFen, book.retentionRate);
      if (works(book.paid) + amountFen > ceiling) {
        return { ok: false, message: `质保金须留到质保期满；尾款累计最多 ${formatYuan(ceiling)} 元，已拨 ${formatYuan(works(book.paid))} 元` };
      }
      return { ok: true, worksCeilingFen: ceiling + book.paid.retention };
    case 'retention': {
      if (!book.retentionReleased) return { ok: false, message: '质保期未满，质保金不能拨付' };
      const held = retentionFen(book.contractFen, book.retentionRate);
      const payable = held - book.paid.retention < book.contractFen - worksPaid ? held - book.paid.retention : book.contractFen - worksPaid;
      if (amountFen > payable) {
        return { ok: false, message: `质保金 ${formatYuan(held)} 元，已拨 ${formatYuan(book.paid.retention)} 元，合同已拨 ${formatYuan(worksPaid)} 元，本次最多可拨 ${formatYuan(payable > 0n ? payable : 0n)} 元` };
      }
      return { ok: true, worksCeilingFen: book.contractFen };
    }
    case 'household':
      return { ok: true, worksCeilingFen: book.contractFen };
  }
}

/** 办结: the contract is paid in full (works and retention), or a household project paid its whole budget. */
export function isFullyPaid(book: PaymentBook): boolean {
  return works(book.paid) + book.paid.retention >= book.contractFen || book.paid.household >= book.contractFen;
}
