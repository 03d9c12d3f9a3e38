import * as fs from 'fs';
import * as path from 'path';
import { REGIONS } from './regions';
import { normaliseRegionName, resolveRegionName } from './region-names';

/** The shared folder is a sibling of the repository root. */
const SEEDS = path.resolve(__dirname, '../../../../shared/seeds');
const readSeed = (file: string): string => fs.readFileSync(path.join(SEEDS, file), 'utf8');

const SHANXI = '140000000000';
const XINJIANG = '650000000000';
const TACHENG = '654200000000';
const SHUOCHENG = '140602000000';

interface ShanxiRow {
  city: string;
  county: string;
}

/**
 * Rows of the 2023 provincial allocation table: `name<TAB>amount<TAB>…`. `X市小计`
 * opens a city, `全省合计` is the grand total, every other row is a county-level unit
 * of the city last opened. Header rows have no numeric amount and are skipped.
 */
function parseShanxiTable(text: string): { cities: string[]; rows: ShanxiRow[] } {
  const cities: string[] = [];
  const rows: ShanxiRow[] = [];
  for (const line of text.split(/\r?\n/)) {
    const cells = line.split('\t');
    if (cells.length < 2) continue;
    const name = normaliseRegionName(cells[0]);
    if (name === '' || !/^\d+$/.test(cells[1].trim())) continue;
    if (name === '全省合计') continue;
    if (name.endsWith('小计')) {
      cities.push(name.slice(0, -'小计'.length));
      continue;
    }
    const city = cities[cities.length - 1];
    if (city === undefined) throw new Error(`county row before any city: ${name}`);
    rows.push({ city, county: name });
  }
  return { cities, rows };
}

/** Text between a standalone `附件 N` heading and the next one. */
function attachment(text: string, n: number): string {
  const start = text.search(new RegExp(`^\\s*附件\\s*${n}\\s*$`, 'm'));
  if (start < 0) throw new Error(`附件 ${n} not found`);
  const rest = text.slice(start).replace(/^\s*附件\s*\d+\s*$/m, '');
  const end = rest.search(/^\s*附件\s*\d+\s*$/m);
  return end < 0 ? rest : rest.slice(0, end);
}

interface VillageRow {
  township: string;
  village: string;
}

describe('Shanxi 2023 provincial plan table', () => {
  const { cities, rows } = parseShanxiTable(readSeed('shanxi-2023-provincial-plan.txt'));

  it('parses 11 cities and 105 county-level rows', () => {
    expect(cities).toHaveLength(11);
    expect(rows).toHaveLength(105);
    expect(new Set(rows.map((r) => `${r.city}/${r.county}`)).size).toBe(105);
  });

  it.each(['太原市', '大同市', '阳泉市', '长治市', '晋城市', '朔州市', '晋中市', '运城市', '忻州市', '临汾市', '吕梁市'])(
    'city subtotal %s resolves to a city of 山西省',
    (city) => {
      expect(cities).toContain(city);
      const record = resolveRegionName(city, { parentCode: SHANXI, level: 'city' });
      expect(record?.name).toBe(city);
      expect(record?.parentCode).toBe(SHANXI);
    },
  );

  it('resolves every county-level row to exactly one county record under its city', () => {
    const unresolved: string[] = [];
    const codes = new Set<string>();
    for (const { city, county } of rows) {
      const cityRecord = resolveRegionName(city, { parentCode: SHANXI, level: 'city' });
      const record = cityRecord && resolveRegionName(county, { parentCode: cityRecord.code, level: 'county' });
      if (!cityRecord || !record) {
        unresolved.push(`${city}/${county}`);
        continue;
      }
      expect(record.parentCode).toBe(cityRecord.code);
      expect(record.level).toBe('county');
      // the record carries the table's own (normalised) name
      expect(record.name).toBe(county);
      // and exactly one record answers to that name inside the city
      const sameName = REGIONS.filter(
        (r) =>
          r.parentCode === cityRecord.code &&
          [r.name, r.officialName, ...(r.aliases ?? [])].includes(county),
      );
      expect(sameName).toHaveLength(1);
      codes.add(record.code);
    }
    expect(unresolved).toEqual([]);
    expect(codes.size).toBe(105);
  });

  it('covers exactly the table: no Shanxi county record is missing from it', () => {
    const tableNames = new Set(rows.map((r) => r.county));
    const shanxiCounties = REGIONS.filter((r) => r.level === 'county' && r.code.startsWith('14'));
    expect(shanxiCounties.map((r) => r.name).filter((n) => !tableNames.has(n))).toEqual([]);
  });
});

describe('Tacheng 2024 autonomous-region budget notice', () => {
  const text = readSeed('tacheng-2024-autonomous-region-budget.txt');
  const counties = [...text.matchAll(/^\d+\t([^\t]+)\t\d+\s*$/gm)].map((m) => normaliseRegionName(m[1]));

  it('lists 7 counties/cities', () => {
    expect(counties).toEqual(['托里县', '裕民县', '和布克赛尔县', '塔城市', '额敏县', '乌苏市', '沙湾市']);
  });

  it('resolves 塔城地区 under 新疆维吾尔自治区', () => {
    expect(text).toMatch(/^\t塔城地区\t\d+/m);
    const record = resolveRegionName('塔城地区', { parentCode: XINJIANG, level: 'city' });
    expect(record?.code).toBe(TACHENG);
  });

  it.each(counties.map((c) => [c]))('%s resolves to a county of 塔城地区', (county) => {
    const record = resolveRegionName(county, { parentCode: TACHENG, level: 'county' });
    expect(record).toBeDefined();
    expect(record?.parentCode).toBe(TACHENG);
    expect(record?.name).toBe(county);
  });
});

describe('Shuocheng 2024 batch-1 project plan', () => {
  const text = readSeed('shuocheng-2024-city-batch1-project-plan.txt');

  // 附件 1: `滋润乡里仁村 10` — township and village run together.
  const attachment1: VillageRow[] = attachment(text, 1)
    .split(/\r?\n/)
    .map((l) => l.trim().match(/^(\S+?(?:乡|镇|街道办|街道))(\S+村)\s+\d+$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ township: m[1], village: m[2] }));

  // 附件 4: `下团堡乡 上团堡村 30`.
  const attachment4: VillageRow[] = attachment(text, 4)
    .split(/\r?\n/)
    .map((l) => l.trim().match(/^(\S+(?:乡|镇|街道办|街道))\s+(\S+村)\s+\d+$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ township: m[1], village: m[2] }));

  // 附件 3: 实施地点 is wrapped over two lines in the text; the three places are listed here.
  const attachment3: VillageRow[] = [
    { township: '北旺庄街道办', village: '野狐涧村' },
    { township: '小平易乡', village: '张家口村' },
    { township: '神头镇', village: '东榆林村' },
  ];

  it('parses 10 villages from 附件 1 and 5 from 附件 4', () => {
    expect(attachment1).toHaveLength(10);
    expect(attachment4).toHaveLength(5);
    expect(attachment1).toContainEqual({ township: '贾庄乡', village: '黄水河村' });
    expect(attachment4).toContainEqual({ township: '窑子头乡', village: '后寨村' });
  });

  it('finds the 附件 3 places in the text once layout breaks are removed', () => {
    const flat = normaliseRegionName(attachment(text, 3));
    for (const { township, village } of attachment3) expect(flat).toContain(`${township}${village}`);
  });

  it('resolves the township row 朔城区贾庄乡 of 附件 1', () => {
    expect(attachment(text, 1)).toMatch(/^朔城区贾庄乡\s+\d+\s*$/m);
    expect(resolveRegionName('朔城区贾庄乡', { level: 'township' })?.code).toBe('140602205000');
  });

  const all = [...attachment1, ...attachment3, ...attachment4];

  it.each(all.map((r) => [r.township, r.village]))('%s %s resolves under the right township', (township, village) => {
    const townshipRecord = resolveRegionName(township, { parentCode: SHUOCHENG, level: 'township' });
    expect(townshipRecord).toBeDefined();
    expect(townshipRecord?.parentCode).toBe(SHUOCHENG);
    if (!townshipRecord) return;
    const record = resolveRegionName(village, { parentCode: townshipRecord.code, level: 'village' });
    expect(record).toBeDefined();
    expect(record?.name).toBe(village);
    expect(record?.parentCode).toBe(townshipRecord.code);
    // the township and village written together (as 附件 1 does) resolve to the same record
    expect(resolveRegionName(`${township}${village}`, { parentCode: SHUOCHENG })).toBe(record);
  });

  it('has a record for every village named in the notice and no other village', () => {
    const named = new Set(all.map((r) => `${r.township}/${r.village}`));
    expect(named.size).toBe(18);
    const villages = REGIONS.filter((r) => r.level === 'village').map((r) => {
      const township = REGIONS.find((t) => t.code === r.parentCode);
      return `${township?.name}/${r.name}`;
    });
    expect(new Set(villages)).toEqual(named);
  });
});
