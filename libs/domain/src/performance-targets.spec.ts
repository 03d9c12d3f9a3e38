import { isSubCategoryOf, judgeTargets, meetsTarget, missingCategories, readTargetRow, scoreTargets } from './performance-targets';

const greenhouses = { category: 'output', subCategory: 'quantity', indicator: '改造蔬菜大棚', comparison: '>=', targetValue: '20', unit: '座' };
const cost = { category: 'output', subCategory: 'cost', indicator: '每座改造成本', comparison: '<=', targetValue: '8', unit: '万元' };
const income = { category: 'benefit', subCategory: 'economic', indicator: '带动农户增收', comparison: '>=', targetValue: '1500.5', unit: '元/户' };
const satisfaction = { category: 'satisfaction', subCategory: 'beneficiary', indicator: '受益群众满意度', comparison: '>=', targetValue: '90', unit: '%' };

describe('performance targets (绩效目标表)', () => {
  it('sub-categories belong to their own first-level category only', () => {
    expect(isSubCategoryOf('output', 'cost')).toBe(true);
    expect(isSubCategoryOf('benefit', 'cost')).toBe(false);
    expect(isSubCategoryOf('satisfaction', 'beneficiary')).toBe(true);
    expect(isSubCategoryOf('output', undefined)).toBe(false);
  });

  it('reads a structured row as the phrase it states', () => {
    expect(readTargetRow(cost)).toEqual({ ...cost, target: '≤ 8 万元' });
  });

  it('reads free-text rows from before the table was structured, keeping their words', () => {
    expect(readTargetRow({ category: 'output', indicator: '硬化道路长度', target: '≥1.2 公里' })).toEqual({
      category: 'output',
      subCategory: null,
      indicator: '硬化道路长度',
      comparison: '>=',
      targetValue: '1.2',
      unit: '公里',
      target: '≥1.2 公里',
    });
    expect(readTargetRow({ category: 'benefit', indicator: '村容村貌', target: '明显改善' })).toMatchObject({ comparison: null, targetValue: null, target: '明显改善' });
    // A bare quantity is one to reach.
    expect(readTargetRow({ category: 'output', indicator: '机井', target: '3 眼' })).toMatchObject({ comparison: '>=', targetValue: '3', unit: '眼' });
    expect(readTargetRow(null)).toMatchObject({ category: '', indicator: '', target: '' });
  });

  it('compares exactly, with no floating point', () => {
    expect(meetsTarget('>=', '0.3', '0.3000')).toBe(true);
    expect(meetsTarget('>=', '1500.5', '1500.4999')).toBe(false);
    expect(meetsTarget('<=', '8', '8')).toBe(true);
    expect(meetsTarget('<=', '8', '8.0001')).toBe(false);
    expect(meetsTarget('=', '100', '100.0')).toBe(true);
    expect(meetsTarget('=', '100', '99')).toBe(false);
  });

  it('names the first-level categories with no row', () => {
    expect(missingCategories([greenhouses, income, satisfaction])).toEqual([]);
    expect(missingCategories([greenhouses, cost])).toEqual(['benefit', 'satisfaction']);
    expect(missingCategories([])).toEqual(['output', 'benefit', 'satisfaction']);
  });

  it('scores rows met over rows and names the unmet ones', () => {
    const judged = judgeTargets([greenhouses, cost, income, satisfaction], [{ achieved: '20' }, { achieved: '8.2' }, { achieved: '1600' }, { achieved: '88' }]);
    expect(judged.ok).toBe(true);
    if (!judged.ok) return;
    expect(judged.results.map((r) => r.met)).toEqual([true, false, true, false]);
    expect(scoreTargets(judged.results)).toEqual({ met: 2, total: 4, unmet: ['每座改造成本', '受益群众满意度'] });
  });

  it('needs one achieved value per row, numeric where the target is', () => {
    expect(judgeTargets([greenhouses, cost], [{ achieved: '20' }])).toMatchObject({ ok: false, row: null, message: expect.stringContaining('2 项指标') });
    expect(judgeTargets([greenhouses], [{ achieved: '二十' }])).toMatchObject({ ok: false, row: 0, message: expect.stringContaining('非负数字') });
    expect(judgeTargets([greenhouses], [{ achieved: '  ' }])).toMatchObject({ ok: false, row: 0, message: expect.stringContaining('须填写完成值') });
    expect(judgeTargets([greenhouses], [{ achieved: '19', met: true }])).toMatchObject({ ok: false, row: 0, message: expect.stringContaining('不一致') });
  });

  it('takes the county judgment for a free-text target, and requires it', () => {
    const free = { category: 'benefit', indicator: '村容村貌', target: '明显改善' };
    expect(judgeTargets([free], [{ achieved: '已改善' }])).toMatchObject({ ok: false, message: expect.stringContaining('须判断是否达到') });
    const judged = judgeTargets([free], [{ achieved: '道路硬化、路灯亮化', met: true }]);
    expect(judged).toEqual({ ok: true, results: [{ category: 'benefit', indicator: '村容村貌', target: '明显改善', achieved: '道路硬化、路灯亮化', met: true }] });
  });

  it('scores an empty table as nothing to score', () => {
    expect(scoreTargets([])).toEqual({ met: 0, total: 0, unmet: [] });
  });
});
