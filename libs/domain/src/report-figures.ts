import { formatWan, formatYuan, isYuanString, parseWan, parseYuan } from './money';

/**
 * A figure of a report: money in fen, a signed ratio (a growth can be negative), or a count. Reports
 * state what the records say; a county's typed figure is compared with it, never the other way round.
 */
export type FigureValue =
  | { kind: 'money'; fen: bigint }
  | { kind: 'rate'; numerator: bigint; denominator: bigint }
  | { kind: 'count'; n: number };

export const money = (fen: bigint): FigureValue => ({ kind: 'money', fen });
export const count = (n: number): FigureValue => ({ kind: 'count', n });

/** numerator ÷ denominator, or null when there is nothing to divide by (no rate, not a rate of 0). */
export function rate(numerator: bigint, denominator: bigint): FigureValue | null {
  return denominator > 0n ? { kind: 'rate', numerator, denominator } : null;
}

/** (this − last) ÷ last: the growth of a yearly amount; null when last year had nothing. */
export function growth(thisFen: bigint, lastFen: bigint): FigureValue | null {
  return rate(thisFen - lastFen, lastFen);
}

/**
 * A percentage rounded half away from zero to `decimals` places, as the notices print them
 * (2,460 over 2,380 万元 is "3.4%"). Exact on integers: no float ever sees the fen.
 */
export function percentText(numerator: bigint, denominator: bigint, decimals = 1): string {
  if (denominator <= 0n) throw new RangeError('分母必须为正');
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const scale = 10n ** BigInt(decimals);
  const scaled = (abs * 100n * scale * 2n + denominator) / (denominator * 2n);
  const whole = scaled / scale;
  const frac = decimals > 0 ? `.${(scaled % scale).toString().padStart(decimals, '0')}` : '';
  return `${negative && scaled !== 0n ? '-' : ''}${whole}${frac}%`;
}

/** 万元 without trailing zeros, as the notices write them: 2460万元, 662.874万元, 3122.15523万元. */
export function wanText(fen: bigint): string {
  return formatWan(fen).replace(/\.?0+$/, '');
}

/** How a figure reads in the report: yuan with 万元 beside it, a percentage, or a count. */
export function figureText(value: FigureValue | null): string {
  if (value === null) return '—';
  switch (value.kind) {
    case 'money':
      return `${wanText(value.fen)}万元`;
    case 'rate':
      return percentText(value.numerator, value.denominator);
    case 'count':
      return String(value.n);
  }
}

/** The value in machine form, always a string: yuan ("24600000.00"), a 4-decimal ratio (truncated), or an integer. */
export function figureJson(value: FigureValue | null): string | null {
  if (value === null) return null;
  switch (value.kind) {
    case 'money':
      return formatYuan(value.fen);
    case 'rate': {
      const negative = value.numerator < 0n;
      const abs = negative ? -value.numerator : value.numerator;
      const scaled = (abs * 10_000n) / value.denominator;
      const text = `${scaled / 10_000n}.${(scaled % 10_000n).toString().padStart(4, '0')}`;
      return negative && scaled !== 0n ? `-${text}` : text;
    }
    case 'count':
      return String(value.n);
  }
}

/** A figure the county typed, compared with the records. */
export interface ClaimCheck {
  claimed: string;
  actual: string;
  /** claimed − actual, in the figure's unit (元, percentage points or a count); null when either side is missing. */
  difference: string | null;
  ok: boolean;
  /** Why the claim could not be read, when it could not. */
  problem: string | null;
}

/**
 * What a county may type for a figure: 元 ("24600000.00"), 万元 ("2460万元"), a percentage ("3.4%", a fall
 * "-1.2%"), a count ("57"); or "" to withdraw what it typed before.
 */
export const CLAIM_INPUT = /^(\d{1,15}(\.\d{1,6})?(万元|元)?|-?\d{1,3}(\.\d{1,4})?%)?$/;

function parseMoneyClaim(claimed: string): bigint | null {
  if (claimed.endsWith('万元')) {
    try {
      return parseWan(claimed.slice(0, -2));
    } catch {
      return null;
    }
  }
  const yuan = claimed.endsWith('元') ? claimed.slice(0, -1) : claimed;
  return isYuanString(yuan) ? parseYuan(yuan) : null;
}

/**
 * Checks one typed figure against the records. Money must agree to the fen; a count exactly; a
 * percentage must be what the true rate rounds to at the precision the county wrote (typing 3.4% for
 * 3.3613% is right, 3.3% is not), so no claim passes by being vaguer than the ledger.
 */
export function checkClaim(claimed: string, actual: FigureValue | null): ClaimCheck {
  const actualText = figureText(actual);
  const refuse = (problem: string): ClaimCheck => ({ claimed, actual: actualText, difference: null, ok: false, problem });
  if (actual === null) return refuse('账面上没有可比的数（如尚无到账资金）');
  switch (actual.kind) {
    case 'money': {
      const fen = parseMoneyClaim(claimed);
      if (fen === null) return refuse('金额应写作元（如 24600000.00）或万元（如 2460万元）');
      const diff = fen - actual.fen;
      return { claimed, actual: actualText, difference: formatYuan(diff), ok: diff === 0n, problem: null };
    }
    case 'rate': {
      const m = /^(-?\d{1,3})(?:\.(\d{1,4}))?%$/.exec(claimed);
      if (!m) return refuse('比例应写作百分数，如 3.4%');
      const decimals = m[2]?.length ?? 0;
      const expected = percentText(actual.numerator, actual.denominator, decimals);
      const claimedHundredths = percentHundredths(claimed);
      const actualHundredths = percentHundredths(percentText(actual.numerator, actual.denominator, 2));
      const diff = claimedHundredths - actualHundredths;
      const points = `${diff < 0n ? '-' : ''}${(diff < 0n ? -diff : diff) / 100n}.${((diff < 0n ? -diff : diff) % 100n).toString().padStart(2, '0')}`;
      return { claimed, actual: actualText, difference: `${points} 个百分点`, ok: expected === normalisePercent(claimed), problem: null };
    }
    case 'count': {
      if (!/^\d{1,9}$/.test(claimed)) return refuse('数量应为整数');
      const diff = Number(claimed) - actual.n;
      return { claimed, actual: actualText, difference: String(diff), ok: diff === 0, problem: null };
    }
  }
}

/** "03.40%" → "3.40%": the same text {@link percentText} would write. */
function normalisePercent(text: string): string {
  const negative = text.startsWith('-');
  const body = text.replace(/^-/, '').replace(/%$/, '');
  const [whole, frac] = body.split('.');
  const out = `${BigInt(whole)}${frac !== undefined ? `.${frac}` : ''}%`;
  return negative && /[1-9]/.test(body) ? `-${out}` : out;
}

/** A percentage text as hundredths of a percentage point (2 decimals, the claim padded or the value rounded). */
function percentHundredths(text: string): bigint {
  const negative = text.startsWith('-');
  const [whole, frac = ''] = text.replace(/^-/, '').replace(/%$/, '').split('.');
  const value = BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2));
  return negative ? -value : value;
}
