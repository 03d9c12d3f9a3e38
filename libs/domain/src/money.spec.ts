import {
  formatWan,
  formatYuan,
  formatYuanGrouped,
  groupYuan,
  isWanString,
  isYuanString,
  MoneyFormatError,
  type MoneyFormatIssue,
  parseWan,
  parseYuan,
  sumFen,
} from './money';

function issueOf(fn: () => unknown): MoneyFormatIssue | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof MoneyFormatError) return e.issue;
    throw e;
  }
  return undefined;
}

describe('parseYuan', () => {
  it.each([
    ['1600000.00', 160000000n],
    ['12', 1200n],
    ['0.5', 50n],
    ['0.05', 5n],
    ['0', 0n],
    ['0.00', 0n],
    ['5635042.88', 563504288n],
    ['999999999999999.99', 99999999999999999n],
  ])('%s → %s fen', (s, fen) => {
    expect(parseYuan(s)).toBe(fen);
  });

  it.each<[string, MoneyFormatIssue]>([
    ['', 'empty'],
    ['-1', 'negative'],
    ['-0', 'negative'],
    ['+1', 'plus_sign'],
    [' 1', 'whitespace'],
    ['1 ', 'whitespace'],
    ['1\u30000', 'whitespace'],
    ['\t1', 'whitespace'],
    ['１２', 'non_ascii'],
    ['12．5', 'non_ascii'],
    ['1e6', 'exponent'],
    ['1.5E3', 'exponent'],
    ['1e-2', 'exponent'],
    ['1,000', 'thousands_separator'],
    ['1.234', 'too_many_decimals'],
    ['0.001', 'too_many_decimals'],
    ['1234567890123456', 'too_large'],
    ['1'.repeat(65), 'too_long'],
    ['.5', 'malformed'],
    ['1.', 'malformed'],
    ['.', 'malformed'],
    ['1.2.3', 'malformed'],
    ['abc', 'malformed'],
    ['0x10', 'malformed'],
    ['NaN', 'malformed'],
    ['Infinity', 'malformed'],
  ])('rejects %j as %s', (s, issue) => {
    expect(issueOf(() => parseYuan(s))).toBe(issue);
  });

  it('rejects non-strings that slip past the type system', () => {
    expect(issueOf(() => parseYuan(12 as unknown as string))).toBe('not_string');
    expect(issueOf(() => parseYuan(undefined as unknown as string))).toBe('not_string');
  });

  it('gives a Chinese message naming the unit and the cause', () => {
    expect(() => parseYuan('1.234')).toThrow('金额格式不正确（元）：最多 2 位小数');
    expect(() => parseYuan('-5')).toThrow('金额不能为负数');
    expect(() => parseYuan('１２')).toThrow('全角');
  });

  it('throws an Error subclass named MoneyFormatError', () => {
    let caught: unknown;
    try {
      parseYuan('x');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(Error);
    expect(caught).toBeInstanceOf(MoneyFormatError);
    expect((caught as Error).name).toBe('MoneyFormatError');
  });
});

describe('parseWan', () => {
  it('reads the 6-decimal 万元 figures of the notices exactly', () => {
    expect(parseWan('563.504288')).toBe(563504288n);
    expect(parseWan('1')).toBe(1_000_000n);
    expect(parseWan('0.000001')).toBe(1n);
    expect(parseWan('172220')).toBe(172_220_000_000n);
    expect(parseWan('3122.874')).toBe(3_122_874_000n);
  });

  it('agrees with parseYuan on the same amount', () => {
    expect(parseWan('563.504288')).toBe(parseYuan('5635042.88'));
    expect(parseWan('0.71877')).toBe(parseYuan('7187.70'));
  });

  it('rejects more than 6 decimals and the same bad shapes as yuan', () => {
    expect(issueOf(() => parseWan('1.0000001'))).toBe('too_many_decimals');
    expect(issueOf(() => parseWan('-1'))).toBe('negative');
    expect(issueOf(() => parseWan('１'))).toBe('non_ascii');
    expect(issueOf(() => parseWan('123456789012'))).toBe('too_large');
    expect(() => parseWan('1.0000001')).toThrow('（万元）');
  });
});

describe('isYuanString / isWanString', () => {
  it('mirror the parsers without throwing', () => {
    expect(isYuanString('1600000.00')).toBe(true);
    expect(isYuanString('1.234')).toBe(false);
    expect(isYuanString(5)).toBe(false);
    expect(isYuanString(null)).toBe(false);
    expect(isWanString('1.234')).toBe(true);
    expect(isWanString('1.2345678')).toBe(false);
  });
});

describe('formatting', () => {
  it('formats yuan with exactly 2 decimals', () => {
    expect(formatYuan(563504288n)).toBe('5635042.88');
    expect(formatYuan(0n)).toBe('0.00');
    expect(formatYuan(5n)).toBe('0.05');
    expect(formatYuan(160000000n)).toBe('1600000.00');
    expect(formatYuan(-150n)).toBe('-1.50');
  });

  it('formats 万元 with exactly 6 decimals', () => {
    expect(formatWan(563504288n)).toBe('563.504288');
    expect(formatWan(1_000_000n)).toBe('1.000000');
    expect(formatWan(1n)).toBe('0.000001');
    expect(formatWan(-1n)).toBe('-0.000001');
  });

  it('round-trips through parse and format', () => {
    for (const s of ['0.00', '0.01', '12.30', '1600000.00', '999999999999999.99']) {
      expect(formatYuan(parseYuan(s))).toBe(s);
    }
    for (const s of ['0.000000', '563.504288', '14000.000000']) {
      expect(formatWan(parseWan(s))).toBe(s);
    }
  });
});

describe('sumFen', () => {
  it('sums exactly, including values beyond Number precision', () => {
    expect(sumFen([])).toBe(0n);
    expect(sumFen([parseWan('662.874'), parseWan('2460')])).toBe(parseWan('3122.874'));
    expect(sumFen([2n ** 60n, 1n])).toBe(2n ** 60n + 1n);
  });

  it('accepts any iterable', () => {
    expect(sumFen(new Set([1n, 2n]))).toBe(3n);
  });

  it('adds the Shuocheng industry projects to 200万元', () => {
    expect(formatWan(sumFen(['160', '25', '15'].map(parseWan)))).toBe('200.000000');
  });
});

describe('formatYuanGrouped', () => {
  it.each([
    [0n, '0.00'],
    [99999n, '999.99'],
    [100000n, '1,000.00'],
    [563504288n, '5,635,042.88'],
    [-12345678901n, '-123,456,789.01'],
  ])('%s fen reads %s', (fen, text) => {
    expect(formatYuanGrouped(fen)).toBe(text);
  });

  it('groups a stored yuan amount the same way', () => {
    expect(groupYuan('24600000.00')).toBe('24,600,000.00');
  });
});
