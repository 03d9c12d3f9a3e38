import { RegionRecord } from './regions';
import {
  createRegionResolver,
  getRegionByCode,
  isRegionCode,
  isWithin,
  levelOfCode,
  normaliseRegionName,
  regionPrefix,
  resolveRegionName,
} from './region-names';

describe('normaliseRegionName', () => {
  it.each([
    ['盂 县', '盂县'],
    ['盂\u3000县', '盂县'],
    ['五台山风景 名胜区管委会', '五台山风景名胜区管委会'],
    ['  沁\t县\n', '沁县'],
    ['祁\u00a0县', '祁县'],
    ['绛\u2002县', '绛县'],
    ['夏\u200b县', '夏县'],
    ['北旺庄街道\n\n办野狐涧村', '北旺庄街道办野狐涧村'],
    ['临县', '临县'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseRegionName(input)).toBe(expected);
  });

  it('folds full-width compatibility forms', () => {
    expect(normaliseRegionName('ＡＢ１')).toBe('AB1');
  });
});

describe('code helpers', () => {
  it.each([
    ['140000000000', 'province', '14'],
    ['140600000000', 'city', '1406'],
    ['140602000000', 'county', '140602'],
    ['140602205000', 'township', '140602205'],
    ['140602205901', 'village', '140602205901'],
    ['654226000000', 'county', '654226'],
  ] as const)('%s is a %s with prefix %s', (code, level, prefix) => {
    expect(levelOfCode(code)).toBe(level);
    expect(regionPrefix(code)).toBe(prefix);
  });

  it('tests containment by prefix, inclusively', () => {
    expect(isWithin('140602205901', '140000000000')).toBe(true);
    expect(isWithin('140602205901', '140602000000')).toBe(true);
    expect(isWithin('140602205901', '140602205000')).toBe(true);
    expect(isWithin('140602000000', '140602000000')).toBe(true);
    expect(isWithin('140602000000', '140602205000')).toBe(false);
    expect(isWithin('140603000000', '140602000000')).toBe(false);
    expect(isWithin('654201000000', '140000000000')).toBe(false);
    // 尧都区 141002 shares the leading 14 and 1 with 太原市 but not its 4-digit prefix 1401
    expect(isWithin('141002000000', '140100000000')).toBe(false);
  });

  it('rejects malformed codes', () => {
    for (const bad of ['', '140602', '14060200000x', '1406020000000', ' 140602000000']) {
      expect(isRegionCode(bad)).toBe(false);
      expect(() => levelOfCode(bad)).toThrow(RangeError);
      expect(() => regionPrefix(bad)).toThrow(RangeError);
      expect(() => isWithin(bad, '140000000000')).toThrow(RangeError);
      expect(() => isWithin('140000000000', bad)).toThrow(RangeError);
    }
    expect(() => resolveRegionName('盂县', { parentCode: '1403' })).toThrow(RangeError);
  });
});

describe('resolveRegionName', () => {
  it('resolves layout-spaced names', () => {
    expect(resolveRegionName('盂 县')?.code).toBe('140322000000');
    expect(resolveRegionName('五台山风景 名胜区管委会')?.code).toBe('140971000000');
  });

  it('resolves official names and aliases to the same record', () => {
    expect(resolveRegionName('郊区', { parentCode: '140300000000' })?.name).toBe('阳泉郊区');
    expect(resolveRegionName('城区', { parentCode: '140500000000' })?.name).toBe('晋城城区');
    expect(resolveRegionName('和布克赛尔蒙古自治县')?.code).toBe('654226000000');
    expect(resolveRegionName('北旺庄街道')?.code).toBe('140602004000');
    expect(resolveRegionName('五台山风景名胜区')?.code).toBe('140971000000');
  });

  it('filters by level and parent', () => {
    expect(resolveRegionName('朔城区', { level: 'county' })?.code).toBe('140602000000');
    expect(resolveRegionName('朔城区', { level: 'city' })).toBeUndefined();
    expect(resolveRegionName('朔城区', { parentCode: '650000000000' })).toBeUndefined();
    expect(resolveRegionName('朔城区', { parentCode: '140000000000' })?.code).toBe('140602000000');
    // a region is not "under" itself
    expect(resolveRegionName('朔城区', { parentCode: '140602000000' })).toBeUndefined();
    expect(resolveRegionName('不存在县')).toBeUndefined();
    expect(resolveRegionName('  ')).toBeUndefined();
  });

  it('resolves names written with their ancestors in front', () => {
    expect(resolveRegionName('朔城区贾庄乡')?.code).toBe('140602205000');
    expect(resolveRegionName('山西省朔州市朔城区')?.code).toBe('140602000000');
    expect(resolveRegionName('贾庄乡北曹村')?.code).toBe('140602205901');
    expect(resolveRegionName('神头镇东神头村', { level: 'village' })?.code).toBe('140602100204');
    expect(resolveRegionName('新疆维吾尔自治区塔城地区托里县')?.code).toBe('654224000000');
    // the ancestor written in front must actually contain the rest
    expect(resolveRegionName('塔城地区贾庄乡')).toBeUndefined();
    expect(resolveRegionName('朔州市贾庄乡', { parentCode: '140602000000' })?.code).toBe('140602205000');
  });

  it('finds records by code', () => {
    expect(getRegionByCode('140602000000')?.name).toBe('朔城区');
    expect(getRegionByCode('140602000001')).toBeUndefined();
  });
});

describe('createRegionResolver with names shared across provinces', () => {
  // Real codes: 城区 and 郊区 exist in several cities (阳泉 140302/140311, 晋城 140502,
  // 佳木斯 230811 郊区); 向阳区 in 鹤岗 230402 and 佳木斯 230803.
  const records: RegionRecord[] = [
    { code: '140000000000', name: '山西省', level: 'province', parentCode: null },
    { code: '140300000000', name: '阳泉市', level: 'city', parentCode: '140000000000' },
    { code: '140302000000', name: '城区', level: 'county', parentCode: '140300000000' },
    { code: '140311000000', name: '郊区', level: 'county', parentCode: '140300000000' },
    { code: '140500000000', name: '晋城市', level: 'city', parentCode: '140000000000' },
    { code: '140502000000', name: '城区', level: 'county', parentCode: '140500000000' },
    { code: '230000000000', name: '黑龙江省', level: 'province', parentCode: null },
    { code: '230400000000', name: '鹤岗市', level: 'city', parentCode: '230000000000' },
    { code: '230402000000', name: '向阳区', level: 'county', parentCode: '230400000000' },
    { code: '230800000000', name: '佳木斯市', level: 'city', parentCode: '230000000000' },
    { code: '230803000000', name: '向阳区', level: 'county', parentCode: '230800000000' },
    { code: '230811000000', name: '郊区', level: 'county', parentCode: '230800000000' },
  ];
  const resolver = createRegionResolver(records);

  it('refuses an ambiguous bare name', () => {
    expect(resolver.resolve('郊区')).toBeUndefined();
    expect(resolver.resolve('城区')).toBeUndefined();
    expect(resolver.resolve('向阳区')).toBeUndefined();
  });

  it('resolves it under a province or city', () => {
    expect(resolver.resolve('郊区', { parentCode: '140000000000' })?.code).toBe('140311000000');
    expect(resolver.resolve('郊区', { parentCode: '230000000000' })?.code).toBe('230811000000');
    expect(resolver.resolve('城区', { parentCode: '140500000000' })?.code).toBe('140502000000');
    // still ambiguous within one province
    expect(resolver.resolve('城区', { parentCode: '140000000000' })).toBeUndefined();
    expect(resolver.resolve('向阳区', { parentCode: '230800000000' })?.code).toBe('230803000000');
  });

  it('resolves it with the parent or province written in front', () => {
    expect(resolver.resolve('山西省郊区')?.code).toBe('140311000000');
    expect(resolver.resolve('黑龙江省郊区')?.code).toBe('230811000000');
    expect(resolver.resolve('晋城市城区')?.code).toBe('140502000000');
    expect(resolver.resolve('鹤岗市 向阳区')?.code).toBe('230402000000');
    expect(resolver.resolve('山西省城区')).toBeUndefined();
  });
});
