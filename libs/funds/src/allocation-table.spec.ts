import * as fs from 'fs';
import * as path from 'path';
import { getRegionByCode } from '../../reference-data/src/region-names';
import {
  AllocationTableFailure,
  AllocationTableResult,
  AllocationTableSuccess,
  formatAmount,
  parseAllocationTable,
} from './allocation-table';

/** The Shanxi 2023 provincial plan's table as CSV: header, 全省合计, 11 city subtotals, 105 counties. */
const FIXTURE = path.resolve(__dirname, '../../../test/fixtures/shanxi-2023-allocations.csv');
/** The shared folder is a sibling of the repository root. */
const SEED = path.resolve(__dirname, '../../../../shared/seeds/shanxi-2023-provincial-plan.txt');

const SHANXI = '140000000000';
const XINJIANG = '650000000000';
const TACHENG = '654200000000';
const SHUOZHOU = '140600000000';
const WAN = 1_000_000n;
const HEALTH = '健康乡村示范创建';

/** The fixture has no quoted fields, so a plain split is its exact reading. */
function fixtureRows(): string[][] {
  return fs
    .readFileSync(FIXTURE, 'utf8')
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => l.split(','));
}

/** The seed's attachment (title, unit row, two-line header, page-break repeats) split at tabs. */
function seedAttachmentRows(): string[][] {
  const text = fs.readFileSync(SEED, 'utf8');
  return text
    .slice(text.search(/^附件\s*$/m))
    .split(/\r?\n/)
    .map((l) => l.split('\t'));
}

function ok(result: AllocationTableResult): AllocationTableSuccess {
  if (!result.ok) throw new Error(`expected success, got:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result;
}

function failed(result: AllocationTableResult): AllocationTableFailure {
  if (result.ok) throw new Error('expected the table to be refused');
  return result;
}

/** Copy of the rows with one cell of the row whose (space-free) name is `name` replaced. */
function edit(rows: string[][], name: string, col: number, value: string): { rows: string[][]; row: number } {
  const index = rows.findIndex((r) => (r[0] ?? '').replace(/\s/g, '') === name);
  if (index < 0) throw new Error(`no row ${name}`);
  const copy = rows.map((r) => [...r]);
  copy[index][col] = value;
  return { rows: copy, row: index + 1 };
}

/** What a result says about the counties, row numbers aside. */
const essence = (r: AllocationTableSuccess) => ({
  allocations: r.allocations.map(({ row: _row, ...rest }) => rest),
  totalFen: r.totalFen,
  earmarkTotals: r.earmarkTotals,
  cities: r.cities.map(({ row: _row, ...rest }) => rest),
});

const CITY_SUBTOTALS: Array<[string, string, number, number]> = [
  ['太原市', '140100000000', 4659, 1000],
  ['大同市', '140200000000', 20095, 3000],
  ['阳泉市', '140300000000', 3636, 1000],
  ['长治市', '140400000000', 15606, 1000],
  ['晋城市', '140500000000', 8667, 1000],
  ['朔州市', '140600000000', 6321, 1000],
  ['晋中市', '140700000000', 16926, 1000],
  ['运城市', '140800000000', 15232, 1000],
  ['忻州市', '140900000000', 29950, 1000],
  ['临汾市', '141000000000', 26771, 2000],
  ['吕梁市', '141100000000', 24357, 1000],
];

describe('parseAllocationTable — the Shanxi 2023 provincial plan', () => {
  const rows = fixtureRows();
  const result = ok(parseAllocationTable(rows, { rootRegionCode: SHANXI }));

  it('the fixture is the seed table: header, 全省合计, 11 subtotals, 105 county rows', () => {
    expect(rows[0]).toEqual(['市县名', '金额', '其中：健康乡村示范创建', '备注']);
    expect(rows).toHaveLength(1 + 1 + 11 + 105);
  });

  it('yields 105 allocations totalling 172,220万元, of which 14,000万元 for healthy villages', () => {
    expect(result.unit).toBe('wan');
    expect(result.allocations).toHaveLength(105);
    expect(result.totalFen).toBe(172_220n * WAN);
    expect(result.totalFen).toBe(172_220_000_000n);
    expect(result.earmarkTotals).toEqual([{ purpose: HEALTH, amountFen: 14_000n * WAN }]);
    const earmarked = result.allocations.filter((a) => a.earmarks.length > 0);
    expect(earmarked).toHaveLength(14);
    expect(earmarked.every((a) => a.earmarks[0].amountFen === 1000n * WAN)).toBe(true);
  });

  it('reports the 11 city subtotals', () => {
    expect(result.cities.map((c) => [c.name, c.regionCode, c.subtotalFen])).toEqual(
      CITY_SUBTOTALS.map(([name, code, wan]) => [name, code, BigInt(wan) * WAN]),
    );
    expect(result.cities[0].row).toBe(3);
  });

  it('resolves every row to a distinct county-level code under the city of its subtotal', () => {
    for (const a of result.allocations) {
      const city = [...result.cities].reverse().find((c) => c.row < a.row)!;
      const record = getRegionByCode(a.regionCode);
      expect({ name: a.name, level: record?.level, parent: record?.parentCode }).toEqual({
        name: a.name,
        level: 'county',
        parent: city.regionCode,
      });
    }
    expect(new Set(result.allocations.map((a) => a.regionCode)).size).toBe(105);
    // and the counties of each city add up to its subtotal
    for (const [name, code, wan, health] of CITY_SUBTOTALS) {
      const mine = result.allocations.filter((a) => getRegionByCode(a.regionCode)?.parentCode === code);
      expect([name, mine.reduce((s, a) => s + a.amountFen, 0n)]).toEqual([name, BigInt(wan) * WAN]);
      const earmarks = mine.flatMap((a) => a.earmarks).reduce((s, e) => s + e.amountFen, 0n);
      expect([name, earmarks]).toEqual([name, BigInt(health) * WAN]);
    }
  });

  it('keeps the row, the normalised name, the earmarks and the category of each county', () => {
    expect(result.allocations[0]).toEqual({
      row: 4,
      regionCode: '140123000000',
      name: '娄烦县',
      amountFen: 3458n * WAN,
      earmarks: [{ purpose: HEALTH, amountFen: 1000n * WAN }],
      category: '重点帮扶县',
    });
    expect(result.allocations[1]).toMatchObject({ row: 5, name: '阳曲县', earmarks: [], category: '整体推进县' });
    // layout spaces: `盂 县`, `五台山风景 名胜区管委会`
    expect(result.allocations.find((a) => a.name === '盂县')).toMatchObject({ regionCode: '140322000000', amountFen: 2012n * WAN });
    expect(result.allocations.find((a) => a.name === '五台山风景名胜区管委会')).toMatchObject({
      regionCode: '140971000000',
      amountFen: 733n * WAN,
      category: null,
    });
    const categories = new Map<string | null, number>();
    for (const a of result.allocations) categories.set(a.category, (categories.get(a.category) ?? 0) + 1);
    expect(Object.fromEntries(categories)).toEqual({ 重点帮扶县: 46, 整体推进县: 37, 先行示范县: 21, null: 1 });
  });

  it('reads the same without a root region', () => {
    expect(parseAllocationTable(rows, {})).toEqual(result);
    expect(parseAllocationTable(rows)).toEqual(result);
  });

  it('reads the seed text as typeset: title, unit row, two-line header (金 额 / 其中：…), page-break repeats', () => {
    const raw = seedAttachmentRows();
    const fromSeed = ok(parseAllocationTable(raw, { rootRegionCode: SHANXI }));
    expect(essence(fromSeed)).toEqual(essence(result));
    // row numbers point into the given rows
    const first = fromSeed.allocations[0];
    expect(raw[first.row - 1][0]).toBe('娄烦县');
    expect(raw[fromSeed.cities[3].row - 1][0]).toBe('长治市小计');
  });

  it('ignores empty rows and keeps file row numbers', () => {
    const spaced = [rows[0], [], ['', '', '', ''], ...rows.slice(1, 5), ['  ', '\u3000'], ...rows.slice(5)];
    const r = ok(parseAllocationTable(spaced));
    expect(essence(r)).toEqual(essence(result));
    expect(r.allocations[0].row).toBe(6);
    expect(r.allocations[2].row).toBe(10);
  });
});

describe('parseAllocationTable — refusals', () => {
  const rows = fixtureRows();

  it('refuses a wrong city subtotal, naming only that row with the stated and computed 万元', () => {
    const { rows: altered, row } = edit(rows, '太原市小计', 1, '4660');
    expect(row).toBe(3);
    const { errors } = failed(parseAllocationTable(altered, { rootRegionCode: SHANXI }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 3, column: '金额' });
    expect(errors[0].message).toContain('第3行');
    expect(errors[0].message).toContain('太原市小计');
    expect(errors[0].message).toContain('4660 万元');
    expect(errors[0].message).toContain('4659 万元');
  });

  it('refuses a wrong earmark subtotal, naming the earmark column', () => {
    const { rows: altered } = edit(rows, '大同市小计', 2, '2000');
    const { errors } = failed(parseAllocationTable(altered));
    expect(errors).toEqual([
      {
        row: 6,
        column: '其中：健康乡村示范创建',
        message: expect.stringMatching(/第6行（大同市小计）.*2000 万元.*3000 万元/),
      },
    ]);
  });

  it('refuses a wrong grand total', () => {
    const { rows: altered } = edit(rows, '全省合计', 1, '172221');
    const { errors } = failed(parseAllocationTable(altered));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 2, column: '金额' });
    expect(errors[0].message).toMatch(/第2行（全省合计）.*172221 万元.*172220 万元/);
  });

  it('refuses a wrong grand earmark total', () => {
    const { rows: altered } = edit(rows, '全省合计', 2, '13000');
    const { errors } = failed(parseAllocationTable(altered));
    expect(errors).toEqual([{ row: 2, column: '其中：健康乡村示范创建', message: expect.stringContaining('14000 万元') }]);
  });

  it('a wrong county amount shows at its city subtotal', () => {
    const { rows: altered } = edit(rows, '娄烦县', 1, '3459');
    const { errors } = failed(parseAllocationTable(altered));
    expect(errors).toEqual([{ row: 3, column: '金额', message: expect.stringContaining('4659 万元') }]);
    expect(errors[0].message).toContain('4660 万元');
  });

  it('refuses an unknown county, naming it', () => {
    const { rows: altered, row } = edit(rows, '阳曲县', 0, '阳 曲 新 县');
    const { errors } = failed(parseAllocationTable(altered, { rootRegionCode: SHANXI }));
    expect(errors).toEqual([{ row, column: '市县名', message: expect.stringContaining('阳曲新县') }]);
    expect(errors[0].message).toContain(`第${row}行`);
    expect(errors[0].message).toContain('太原市');
  });

  it('refuses a county listed under the wrong city', () => {
    const { rows: altered, row } = edit(rows, '阳曲县', 0, '朔城区');
    const { errors } = failed(parseAllocationTable(altered));
    expect(errors).toHaveLength(1);
    expect(errors[0].row).toBe(row);
    expect(errors[0].message).toMatch(/“朔城区”属于朔州市，不是太原市下辖/);
  });

  it('refuses an unknown city subtotal', () => {
    const { rows: altered } = edit(rows, '太原市小计', 0, '太原府小计');
    const { errors } = failed(parseAllocationTable(altered, { rootRegionCode: SHANXI }));
    expect(errors).toEqual([{ row: 3, column: '市县名', message: expect.stringContaining('“太原府”') }]);
  });

  it.each([
    ['7 decimals', '3458.0000001', '最多 6 位小数'],
    ['negative', '-3458', '负数'],
    ['text', '三千四百五十八', '全角'],
    ['letters', 'abc', '只能包含数字'],
    ['full-width digits', '３４５８', '全角'],
    ['thousands separator', '3,458', '千位分隔符'],
    ['exponent', '3.458e3', '科学计数法'],
    ['blank', '', '不能为空'],
  ])('refuses an amount (%s) on its row only', (_what, value, why) => {
    const { rows: altered, row } = edit(rows, '娄烦县', 1, value);
    const { errors } = failed(parseAllocationTable(altered));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row, column: '金额' });
    expect(errors[0].message).toContain(`第${row}行（娄烦县）`);
    expect(errors[0].message).toContain(why);
  });

  it('refuses a bad earmark cell on its row only', () => {
    const { rows: altered, row } = edit(rows, '阳高县', 2, '1000.5.0');
    const { errors } = failed(parseAllocationTable(altered));
    expect(errors).toEqual([{ row, column: '其中：健康乡村示范创建', message: expect.stringContaining('阳高县') }]);
  });

  it('accepts exactly 6 decimals of 万元 as exact fen', () => {
    const table = [
      ['单位：万元'],
      ['市县名', '金额', '备注'],
      ['合计', '1000.000001'],
      ['朔城区', '563.504288', '先行示范县'],
      ['怀仁市', '436.495713', '先行示范县'],
    ];
    const r = ok(parseAllocationTable(table, { rootRegionCode: SHUOZHOU }));
    expect(r.allocations.map((a) => a.amountFen)).toEqual([563_504_288n, 436_495_713n]);
    expect(r.totalFen).toBe(1_000_000_001n);
    expect(r.cities).toEqual([]);
    expect(r.earmarkTotals).toEqual([]);
  });

  it('refuses an earmark larger than its row amount', () => {
    let altered = edit(rows, '阳曲县', 2, '2000').rows;
    altered = edit(altered, '太原市小计', 2, '3000').rows;
    altered = edit(altered, '全省合计', 2, '16000').rows;
    const { errors } = failed(parseAllocationTable(altered));
    expect(errors).toEqual([
      { row: 5, column: '其中：健康乡村示范创建', message: expect.stringMatching(/第5行（阳曲县）.*2000 万元.*大于本行金额 1201 万元/) },
    ]);
  });

  it('refuses a county listed twice', () => {
    const { rows: altered } = edit(rows, '阳曲县', 0, '娄 烦 县');
    const { errors } = failed(parseAllocationTable(altered));
    expect(errors).toEqual([{ row: 5, column: '市县名', message: expect.stringMatching(/第5行（娄烦县）：与第4行（娄烦县）/) }]);
  });

  it('refuses a city subtotal without counties', () => {
    const altered = [...rows.slice(0, 3), ['太原市小计', '4659', '1000', ''], ...rows.slice(3)];
    const { errors } = failed(parseAllocationTable(altered));
    expect(errors.map((e) => e.row)).toEqual([3, 4]);
    expect(errors[0].message).toContain('没有列出任何县');
    expect(errors[1].message).toContain('同一个市的小计');
  });

  it('reports all errors, ordered by row', () => {
    let altered = edit(rows, '太原市小计', 1, '4660').rows; // row 3
    altered = edit(altered, '天镇县', 0, '天真县').rows; // row 8
    altered = edit(altered, '平定县', 1, '861.1234567').rows; // row 18
    altered = edit(altered, '壶关县', 2, '-1').rows; // row 21
    altered = edit(altered, '全省合计', 1, '172000').rows; // row 2
    const { errors } = failed(parseAllocationTable(altered, { rootRegionCode: SHANXI }));
    expect(errors.map((e) => e.row)).toEqual([2, 3, 8, 18, 21]);
    expect(errors[0].message).toContain('172000 万元');
    expect(errors[1].message).toContain('太原市小计');
    expect(errors[2].message).toContain('天真县');
    expect(errors[3].message).toContain('平定县');
    expect(errors[4].message).toContain('壶关县');
  });

  it('refuses a table without a header, and an empty one', () => {
    expect(failed(parseAllocationTable([['娄烦县', '3458']])).errors).toEqual([{ row: 1, message: expect.stringContaining('未找到表头') }]);
    expect(failed(parseAllocationTable([])).errors).toEqual([{ row: 1, message: expect.stringContaining('没有内容') }]);
    expect(failed(parseAllocationTable([['市县名', '金额']])).errors).toEqual([
      { row: 2, message: expect.stringContaining('没有县级分配行') },
    ]);
  });

  it('refuses a row with amounts but no name', () => {
    const altered = [...rows.slice(0, 4), ['', '12', '', ''], ...rows.slice(4)];
    const { errors } = failed(parseAllocationTable(altered));
    expect(errors).toEqual([{ row: 5, column: '市县名', message: expect.stringContaining('第5行') }]);
  });

  it('throws on an unknown root region code (a caller bug, not a table error)', () => {
    expect(() => parseAllocationTable(rows, { rootRegionCode: '999999999999' })).toThrow(RangeError);
  });
});

describe('parseAllocationTable — other shapes', () => {
  it('reads a table in 元 (单位：元), up to 2 decimals', () => {
    const table = [
      ['2024年计划表'],
      ['单位：元'],
      ['市县名', '金额', '其中：健康乡村示范创建', '备注'],
      ['合计', '1234567.89', '100000', ''],
      ['朔州市小计', '1234567.89', '100000', ''],
      ['朔城区', '1000000.5', '100000', '先行示范县'],
      ['怀仁市', '234567.39', '', '先行示范县'],
    ];
    const r = ok(parseAllocationTable(table, { rootRegionCode: SHANXI }));
    expect(r.unit).toBe('yuan');
    expect(r.allocations.map((a) => [a.name, a.amountFen])).toEqual([
      ['朔城区', 100_000_050n],
      ['怀仁市', 23_456_739n],
    ]);
    expect(r.earmarkTotals).toEqual([{ purpose: HEALTH, amountFen: 10_000_000n }]);

    const bad = table.map((row) => [...row]);
    bad[5][1] = '1000000.505';
    bad[4][1] = '1234567.895';
    const { errors } = failed(parseAllocationTable(bad));
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [5, '金额'],
      [6, '金额'],
    ]);
    expect(errors[1].message).toContain('最多 2 位小数');

    const wrong = table.map((row) => [...row]);
    wrong[4][1] = '1234567.88';
    expect(failed(parseAllocationTable(wrong)).errors[0].message).toContain('1234567.88 元（123.456788 万元）');
  });

  it('takes the unit from the header (金额（万元）) and refuses a unit contradiction', () => {
    const table = [
      ['地区', '金额（万元）'],
      ['朔城区', '377'],
    ];
    expect(ok(parseAllocationTable(table, { rootRegionCode: SHUOZHOU })).totalFen).toBe(377n * WAN);
    const yuan = [
      ['地区', '金额(元)'],
      ['朔城区', '377.25'],
    ];
    expect(ok(parseAllocationTable(yuan, { rootRegionCode: SHUOZHOU })).totalFen).toBe(37_725n);
    const clash = [['单位：元'], ...table];
    expect(failed(parseAllocationTable(clash)).errors[0].message).toContain('不一致');
    const odd = [['单位：亿元'], ...table];
    expect(failed(parseAllocationTable(odd)).errors[0].message).toContain('不支持的金额单位');
  });

  it('reads a two-line header with 金额 merged over 小计 and 其中', () => {
    const table = [
      ['单位', '金额', '', '', '备注'],
      ['', '小计', '其中：健康乡村示范创建', '其中：庭院经济', ''],
      ['朔州市小计', '500', '100', '50', ''],
      ['朔城区', '377', '100', '', '先行示范县'],
      ['怀仁市', '123', '', '50', '先行示范县'],
    ];
    const r = ok(parseAllocationTable(table));
    expect(r.earmarkTotals).toEqual([
      { purpose: HEALTH, amountFen: 100n * WAN },
      { purpose: '庭院经济', amountFen: 50n * WAN },
    ]);
    expect(r.allocations[1].earmarks).toEqual([{ purpose: '庭院经济', amountFen: 50n * WAN }]);
  });

  it('reads earmark purposes written under a merged 其中', () => {
    const table = [
      ['市县名', '金额', '其中', '', '备注'],
      ['', '', '健康乡村示范创建', '庭院经济', ''],
      ['朔城区', '377', '100', '10', '先行示范县'],
    ];
    const r = ok(parseAllocationTable(table, { rootRegionCode: SHUOZHOU }));
    expect(r.earmarkTotals.map((e) => e.purpose)).toEqual([HEALTH, '庭院经济']);
  });

  it('reads the Tacheng notice: 序号 column, a city row without 小计, no grand total', () => {
    const table = [
      ['单位：万元'],
      ['序号', '地（州、市）县（市、区）', '此次下达'],
      ['', '塔城地区', '7550'],
      ['1', '托里县', '1472'],
      ['2', '裕民县', '914'],
      ['3', '和布克赛尔县', '1099'],
      ['4', '塔城市', '839'],
      ['5', '额敏县', '1117'],
      ['6', '乌苏市', '961'],
      ['7', '沙湾市', '1148'],
    ];
    const r = ok(parseAllocationTable(table, { rootRegionCode: XINJIANG }));
    expect(r.allocations).toHaveLength(7);
    expect(r.totalFen).toBe(7550n * WAN);
    expect(r.cities).toEqual([{ row: 3, name: '塔城地区', regionCode: TACHENG, subtotalFen: 7550n * WAN }]);
    expect(r.allocations.every((a) => getRegionByCode(a.regionCode)?.parentCode === TACHENG)).toBe(true);

    // Allocating within 塔城地区 itself, its row is the grand total.
    const within = ok(parseAllocationTable(table, { rootRegionCode: TACHENG }));
    expect(within.cities).toEqual([]);
    expect(within.totalFen).toBe(7550n * WAN);
    const wrong = table.map((row) => [...row]);
    wrong[2][2] = '7551';
    expect(failed(parseAllocationTable(wrong, { rootRegionCode: TACHENG })).errors).toEqual([
      { row: 3, column: '此次下达', message: expect.stringMatching(/第3行（塔城地区）.*7551 万元.*7550 万元/) },
    ]);
  });

  it('takes a unit cell written beside the header labels', () => {
    const table = [
      ['市县名', '金额', '单位：元'],
      ['朔城区', '377.25'],
    ];
    const r = ok(parseAllocationTable(table, { rootRegionCode: SHUOZHOU }));
    expect([r.unit, r.totalFen]).toEqual(['yuan', 37_725n]);
  });

  it('refuses an absurdly long name without looking it up', () => {
    const table = [
      ['市县名', '金额'],
      ['朔'.repeat(100_000), '1'],
    ];
    const { errors } = failed(parseAllocationTable(table, { rootRegionCode: SHUOZHOU }));
    expect(errors).toEqual([
      { row: 2, column: '市县名', message: expect.stringContaining('过长') },
      { row: 2, message: expect.stringContaining('没有县级分配行') },
    ]);
  });

  it('skips footnotes (注：…)', () => {
    const table = [['市县名', '金额'], ['朔城区', '377'], ['注：本表金额为省级资金']];
    expect(ok(parseAllocationTable(table, { rootRegionCode: SHUOZHOU })).allocations).toHaveLength(1);
  });

  it('formats amounts for messages in 万元', () => {
    expect(formatAmount(563_504_288n)).toBe('563.504288 万元');
    expect(formatAmount(4659n * WAN)).toBe('4659 万元');
    expect(formatAmount(50n, 'yuan')).toBe('0.5 元（0.00005 万元）');
  });
});
