import { compareRatios, formatRatio, isRatioString, parseRatio, percentText, RatioFormatError } from './ratio';

describe('parseRatio', () => {
  it.each([
    ['0.65', 65n, 100n],
    ['0.03', 3n, 100n],
    ['1', 1n, 1n],
    ['1.00', 100n, 100n],
    ['0', 0n, 1n],
    ['0.6812', 6812n, 10000n],
  ])('%s → %s/%s', (s, numerator, denominator) => {
    expect(parseRatio(s)).toEqual({ numerator, denominator });
  });

  it.each(['', '1.01', '2', '-0.1', '+0.5', '.65', '0.65 ', '65%', '0,65', '０.65', '1e-1', '0.12345678901'])('rejects %j', (s) => {
    expect(() => parseRatio(s)).toThrow(RatioFormatError);
  });

  it('explains percentages in Chinese', () => {
    expect(() => parseRatio('65%')).toThrow('请写小数而不是百分数');
    expect(() => parseRatio('1.5')).toThrow('比例不能大于 1');
  });

  it('isRatioString mirrors parseRatio', () => {
    expect(isRatioString('0.65')).toBe(true);
    expect(isRatioString('1.5')).toBe(false);
    expect(isRatioString(0.65)).toBe(false);
  });
});

describe('compareRatios', () => {
  it('compares exactly across denominators', () => {
    expect(compareRatios(parseRatio('0.65'), parseRatio('0.650'))).toBe(0);
    expect(compareRatios(parseRatio('0.6499999999'), parseRatio('0.65'))).toBe(-1);
    expect(compareRatios({ numerator: 2n, denominator: 3n }, parseRatio('0.6666666666'))).toBe(1);
  });
});

describe('formatRatio', () => {
  it('truncates rather than rounds', () => {
    expect(formatRatio({ numerator: 64996n, denominator: 100000n })).toBe('0.6499');
    expect(formatRatio({ numerator: 2n, denominator: 3n })).toBe('0.6666');
    expect(formatRatio({ numerator: 1n, denominator: 1n })).toBe('1.0000');
    expect(formatRatio({ numerator: 0n, denominator: 1n }, 2)).toBe('0.00');
    expect(formatRatio({ numerator: 1n, denominator: 2n }, 0)).toBe('0');
  });
});

describe('percentText', () => {
  it.each([
    ['0.03', '3%'],
    ['0.655', '65.5%'],
    ['1', '100%'],
    ['0', '0%'],
    ['0.0000000001', '0.00000001%'],
  ])('%s reads %s', (ratio, text) => {
    expect(percentText(ratio)).toBe(text);
  });
});
