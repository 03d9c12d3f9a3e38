import { parseWan } from './money';
import { CLAIM_INPUT, checkClaim, count, figureJson, figureText, growth, money, percentText, rate, wanText } from './report-figures';

const wan = (s: string) => parseWan(s);

describe('report figures', () => {
  it('reads Xiangyuan 2024: county money grew 3.4% over 2023', () => {
    const g = growth(wan('2460'), wan('2380'))!;
    expect(figureText(g)).toBe('3.4%');
    expect(figureJson(g)).toBe('0.0336');
  });

  it('writes 万元 as the notices do, without trailing zeros', () => {
    expect(wanText(wan('3122.874'))).toBe('3122.874');
    expect(wanText(wan('2460'))).toBe('2460');
    expect(wanText(wan('0.71877'))).toBe('0.71877');
    expect(wanText(0n)).toBe('0');
    expect(figureText(money(wan('3122.15523')))).toBe('3122.15523万元');
  });

  it('rounds percentages half away from zero, exactly, and keeps the sign of a fall', () => {
    expect(percentText(1n, 8n)).toBe('12.5%');
    expect(percentText(1n, 3n, 2)).toBe('33.33%');
    expect(percentText(2n, 3n)).toBe('66.7%');
    expect(percentText(-1n, 8n)).toBe('-12.5%');
    expect(percentText(-1n, 100_000n)).toBe('0.0%');
    expect(figureJson(growth(wan('90'), wan('100')))).toBe('-0.1000');
  });

  it('has no rate when there is nothing to divide by', () => {
    expect(rate(5n, 0n)).toBeNull();
    expect(growth(wan('10'), 0n)).toBeNull();
    expect(figureText(null)).toBe('—');
  });

  it('takes claims in the shapes a county types, and nothing else', () => {
    for (const ok of ['24600000.00', '2460万元', '3122.874元', '3.4%', '-1.2%', '57', '']) expect(CLAIM_INPUT.test(ok)).toBe(true);
    for (const bad of ['很多', '%', '-57', '1,000', '3.4 %', '1e5', '12.5万']) expect(CLAIM_INPUT.test(bad)).toBe(false);
  });

  describe('a claim typed by the county against the records', () => {
    const share = rate(wan('563.504288'), wan('662.874'))!; // 85.0 %

    it('catches an industry share the ledger does not support, with both values and the difference', () => {
      expect(checkClaim('90.5%', share)).toEqual({ claimed: '90.5%', actual: '85.0%', difference: '5.49 个百分点', ok: false, problem: null });
    });

    it('accepts a percentage that is the true rate rounded at the precision typed', () => {
      expect(checkClaim('85%', share).ok).toBe(true);
      expect(checkClaim('85.0%', share).ok).toBe(true);
      expect(checkClaim('85.01%', share).ok).toBe(true);
      expect(checkClaim('85.1%', share).ok).toBe(false);
      expect(checkClaim('3.4%', growth(wan('2460'), wan('2380'))).ok).toBe(true);
      expect(checkClaim('3.3%', growth(wan('2460'), wan('2380'))).ok).toBe(false);
    });

    it('compares money to the fen, typed in 元 or 万元', () => {
      const received = money(wan('3122.874'));
      expect(checkClaim('3122.874万元', received)).toMatchObject({ ok: true, difference: '0.00' });
      expect(checkClaim('31228740.00', received).ok).toBe(true);
      expect(checkClaim('31228740.01元', received)).toMatchObject({ ok: false, difference: '0.01' });
      expect(checkClaim('3122.87万元', received)).toMatchObject({ ok: false, difference: '-40.00' });
    });

    it('compares counts exactly and says why a claim cannot be read', () => {
      expect(checkClaim('57', count(57)).ok).toBe(true);
      expect(checkClaim('58', count(57))).toMatchObject({ ok: false, difference: '1' });
      expect(checkClaim('57.5', count(57))).toMatchObject({ ok: false, problem: '数量应为整数' });
      expect(checkClaim('0.85', share)).toMatchObject({ ok: false, problem: expect.stringMatching(/百分数/) });
      expect(checkClaim('1%', null)).toMatchObject({ ok: false, actual: '—' });
    });
  });
});
