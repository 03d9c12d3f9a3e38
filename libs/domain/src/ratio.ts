/**
 * 比例 — an exact rational in [0, 1]. Policy shares such as "0.65" are compared against fen sums, and
 * a float comparison could flip a county that sits exactly on the line.
 */
export interface Ratio {
  numerator: bigint;
  denominator: bigint;
}

/** 比例格式错误 */
export class RatioFormatError extends Error {
  override readonly name = 'RatioFormatError';
}

/** Ten places is finer than any share a notice states; the cap keeps stored policy readable. */
const MAX_DECIMALS = 10;

/** Parses a decimal string in [0, 1] such as "0.65", "1" or "0.03"; throws {@link RatioFormatError}. */
export function parseRatio(s: string): Ratio {
  const input: unknown = s;
  if (typeof input !== 'string' || input.length === 0) {
    throw new RatioFormatError('比例格式不正确：不能为空，应为 0 到 1 之间的小数，如 "0.65"');
  }
  if (input.endsWith('%')) throw new RatioFormatError('比例格式不正确：请写小数而不是百分数，如 65% 写作 "0.65"');
  const m = /^([0-9]+)(?:\.([0-9]+))?$/.exec(input);
  if (!m) throw new RatioFormatError('比例格式不正确：应为 0 到 1 之间的半角小数，如 "0.65"，不能带符号或空格');
  const frac = m[2] ?? '';
  if (frac.length > MAX_DECIMALS) throw new RatioFormatError(`比例格式不正确：最多 ${MAX_DECIMALS} 位小数`);
  const denominator = 10n ** BigInt(frac.length);
  const numerator = BigInt(m[1]) * denominator + BigInt(frac || '0');
  if (numerator > denominator) throw new RatioFormatError('比例不能大于 1');
  return { numerator, denominator };
}

/** True when `s` is a decimal string in [0, 1]. */
export function isRatioString(s: unknown): s is string {
  try {
    parseRatio(s as string);
    return true;
  } catch {
    return false;
  }
}

/** Exact three-way comparison by cross-multiplying (denominators are positive). */
export function compareRatios(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Decimal string with exactly `decimals` places, truncated rather than rounded, so a share just below
 * a threshold is never displayed as meeting it (0.64996 shows "0.6499", not "0.6500").
 */
export function formatRatio(r: Ratio, decimals = 4): string {
  if (r.denominator <= 0n || r.numerator < 0n) throw new RangeError('比例的分子不能为负，分母必须为正');
  const scale = 10n ** BigInt(decimals);
  const scaled = (r.numerator * scale) / r.denominator;
  if (decimals === 0) return scaled.toString();
  const whole = scaled / scale;
  const frac = (scaled % scale).toString().padStart(decimals, '0');
  return `${whole}.${frac}`;
}

/** A policy share as a percentage, exact and without trailing zeros: "0.03" → "3%", "0.655" → "65.5%". */
export function percentText(ratio: string): string {
  const r = parseRatio(ratio);
  const text = formatRatio({ numerator: r.numerator * 100n, denominator: r.denominator }, MAX_DECIMALS);
  return `${text.replace(/\.?0+$/, '')}%`;
}
