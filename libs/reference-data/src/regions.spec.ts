import { REGIONS, RegionLevel, RegionRecord } from './regions';
import { REGION_LEVELS, isWithin, levelOfCode, normaliseRegionName, regionPrefix } from './region-names';

const byCode = new Map(REGIONS.map((r) => [r.code, r]));

function parentOf(record: RegionRecord): RegionRecord | undefined {
  return record.parentCode === null ? undefined : byCode.get(record.parentCode);
}

describe('REGIONS', () => {
  it('has unique 12-digit codes', () => {
    for (const r of REGIONS) expect(r.code).toMatch(/^\d{12}$/);
    expect(byCode.size).toBe(REGIONS.length);
  });

  it('declares a level that matches the code’s trailing zeros', () => {
    for (const r of REGIONS) expect({ code: r.code, level: levelOfCode(r.code) }).toEqual({ code: r.code, level: r.level });
  });

  it('has a parent for every non-province, one level up, whose prefix the code extends', () => {
    for (const r of REGIONS) {
      if (r.level === 'province') {
        expect(r.parentCode).toBeNull();
        continue;
      }
      const parent = parentOf(r);
      expect(parent).toBeDefined();
      if (!parent) continue;
      expect(REGION_LEVELS.indexOf(parent.level)).toBe(REGION_LEVELS.indexOf(r.level) - 1);
      expect(r.code).not.toBe(parent.code);
      expect(isWithin(r.code, parent.code)).toBe(true);
      expect(r.code.startsWith(regionPrefix(parent.code))).toBe(true);
      // the digits below the record's own level are zero
      expect(r.code.slice(regionPrefix(r.code).length)).toMatch(/^0*$/);
    }
  });

  it('lists parents before their children', () => {
    const seen = new Set<string>();
    for (const r of REGIONS) {
      if (r.parentCode !== null) expect(seen.has(r.parentCode)).toBe(true);
      seen.add(r.code);
    }
  });

  it('stores names already normalised, unique among siblings', () => {
    const siblingNames = new Map<string, Set<string>>();
    for (const r of REGIONS) {
      const names = [r.name, ...(r.officialName ? [r.officialName] : []), ...(r.aliases ?? [])];
      for (const n of names) expect(normaliseRegionName(n)).toBe(n);
      const key = r.parentCode ?? 'root';
      const set = siblingNames.get(key) ?? new Set<string>();
      for (const n of new Set(names)) {
        expect(set.has(n)).toBe(false);
        set.add(n);
      }
      siblingNames.set(key, set);
    }
  });

  it('has the expected number of records per level', () => {
    const count = (level: RegionLevel) => REGIONS.filter((r) => r.level === level).length;
    expect(count('province')).toBe(2);
    expect(count('city')).toBe(12); // 11 Shanxi cities + 塔城地区
    expect(count('county')).toBe(112); // 105 Shanxi table rows + 7 Tacheng
    expect(count('township')).toBe(8);
    expect(count('village')).toBe(18);
  });

  it('anchors the codes the brief names', () => {
    const code = (name: string) => REGIONS.find((r) => r.name === name)?.code;
    expect(code('山西省')).toBe('140000000000');
    expect(code('朔州市')).toBe('140600000000');
    expect(code('朔城区')).toBe('140602000000');
    expect(code('新疆维吾尔自治区')).toBe('650000000000');
    expect(code('塔城地区')).toBe('654200000000');
  });

  it('marks provisional codes only on villages, in the reserved 9xx village segment', () => {
    for (const r of REGIONS) {
      if (r.provisional) {
        expect(r.level).toBe('village');
        expect(r.code.slice(9)).toMatch(/^9\d\d$/);
      } else {
        // an official village code never uses the 9xx segment reserved for provisional codes
        expect(r.code.slice(9)).not.toMatch(/^9/);
      }
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(REGIONS)).toBe(true);
    for (const r of REGIONS) expect(Object.isFrozen(r)).toBe(true);
  });
});
