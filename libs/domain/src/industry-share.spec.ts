import {
  assessCountyYear,
  assessIndustryShare,
  industryShare,
  industryShareMinimum,
  sharePercent,
  type IndustryShareSettings,
  type LevelMoney,
} from './industry-share';
import { parseWan, parseYuan } from './money';

const money = (issued: string, matched: string, industry: string): LevelMoney => ({
  issuedFen: parseYuan(issued),
  matchedFen: parseYuan(matched),
  industryFen: parseYuan(industry),
});
const policyMin = (min: string) => ({ min, source: 'default', basis: '各级资金' });

const SHANXI = '140000000000';
const SHUOZHOU = '140600000000';
const SHUOCHENG = '140602000000';

/** Shanxi's 2023 notice (province 60%) and Shuocheng's 2024 city notice (city 65%), each set where it was issued. */
const notices: IndustryShareSettings = {
  industryShareMin: '0.65',
  industryShareMinByLevel: [
    { level: 'province', year: 2023, min: '0.60' },
    { level: 'city', year: 2024, min: '0.65' },
  ],
  sources: { industryShareMin: 'default', industryShareMinByLevel: SHUOZHOU },
};

describe('industryShare', () => {
  it('is industry-matched money over money issued, reduced', () => {
    expect(industryShare(65n, 100n)).toEqual({ numerator: 13n, denominator: 20n });
    expect(industryShare(0n, 100n)).toEqual({ numerator: 0n, denominator: 1n });
  });

  it('has no share when nothing was issued', () => {
    expect(industryShare(0n, 0n)).toBeNull();
  });

  it('refuses negative money', () => {
    expect(() => industryShare(-1n, 10n)).toThrow(RangeError);
  });
});

describe('sharePercent', () => {
  it('shows 0.1% truncated, or rounded up for a requirement', () => {
    expect(sharePercent({ numerator: 6999n, denominator: 10000n })).toBe('69.9%');
    expect(sharePercent({ numerator: 6999n, denominator: 10000n }, true)).toBe('70.0%');
    expect(sharePercent({ numerator: 3n, denominator: 5n }, true)).toBe('60.0%');
    expect(sharePercent({ numerator: 1n, denominator: 1n })).toBe('100.0%');
    expect(sharePercent({ numerator: 1n, denominator: 2000n })).toBe('0.0%');
  });
});

describe('assessIndustryShare', () => {
  it('fails a county that received 10,000,000 and matched 1,000,000 to industry, though every match went to industry', () => {
    const view = assessIndustryShare('province', money('10000000.00', '1000000.00', '1000000.00'), null, policyMin('0.60'));
    expect(view).toMatchObject({
      issued: '10000000.00',
      matched: '1000000.00',
      unmatched: '9000000.00',
      industryMatched: '1000000.00',
      share: '0.1000',
      sharePercent: '10.0%',
      maxReachable: '1.0000',
      required: '0.60',
      requiredBy: 'policy',
      ok: false,
      reachable: true,
      status: 'below',
      statusLabel: '未达标',
    });
    expect(view.warning).toBe('省级资金用于产业发展的占比为 10.0%，低于要求的 60.0%；尚未匹配的资金全部用于产业项目时最高可达 100.0%');
  });

  it('passes exactly at the 60% of the provincial notice and fails a fen below it', () => {
    expect(assessIndustryShare('province', money('1000000.00', '1000000.00', '600000.00'), null, policyMin('0.60'))).toMatchObject({
      share: '0.6000',
      ok: true,
      status: 'met',
      warning: null,
    });
    const short = assessIndustryShare('province', money('1000000.00', '1000000.00', '599999.99'), null, policyMin('0.60'));
    expect(short).toMatchObject({ share: '0.5999', sharePercent: '59.9%', ok: false, reachable: false, status: 'unreachable', statusLabel: '已无法达到' });
    expect(short.warning).toBe(
      '省级资金用于产业发展的占比为 59.9%，尚未匹配的资金全部用于产业项目也最高只能达到 59.9%，已无法达到要求的 60.0%',
    );
  });

  it('flags a county red once its unmatched money can no longer lift it to the minimum', () => {
    // 4,000,000 issued; 2,000,000 went to infrastructure: at most 50% is left, below 65%.
    const view = assessIndustryShare('city', money('4000000.00', '2500000.00', '500000.00'), null, policyMin('0.65'));
    expect(view).toMatchObject({ share: '0.1250', maxReachable: '0.5000', maxReachablePercent: '50.0%', reachable: false, status: 'unreachable' });
  });

  it("raises the bar to last year's share at the same level, rounded up when shown", () => {
    const lastYear = money('3000000.00', '3000000.00', '2000000.00'); // 66.666…%
    const view = assessIndustryShare('city', money('1000000.00', '1000000.00', '666666.66'), lastYear, policyMin('0.65'));
    expect(view).toMatchObject({ previousYearShare: '0.6666', required: '0.6667', requiredPercent: '66.7%', requiredBy: 'previous_year', ok: false });
    expect(view.warning).toContain('已无法达到要求的 66.7%（不低于上年占比）');
    expect(assessIndustryShare('city', money('1000000.00', '1000000.00', '666666.67'), lastYear, policyMin('0.65')).ok).toBe(true);
  });

  it('keeps the policy minimum when last year was lower, or had nothing issued', () => {
    const low = assessIndustryShare('city', money('100.00', '100.00', '70.00'), money('100.00', '100.00', '60.00'), policyMin('0.65'));
    expect(low).toMatchObject({ required: '0.65', requiredBy: 'policy', previousYearShare: '0.6000', ok: true });
    const none = assessIndustryShare('city', money('100.00', '0.00', '0.00'), money('0.00', '0.00', '0.00'), policyMin('0.65'));
    expect(none).toMatchObject({ previousYearShare: null, required: '0.65', share: '0.0000', status: 'below' });
  });

  it('asks nothing of a level that was issued nothing', () => {
    expect(assessIndustryShare('central', money('0.00', '0.00', '0.00'), null, policyMin('0.65'))).toMatchObject({
      share: null,
      maxReachable: null,
      ok: true,
      status: 'no_money',
      statusLabel: '未下达资金',
      warning: null,
    });
  });

  it('gives the Xiangyuan provincial figures of its self-evaluation exactly: 563.504288 of 662.874 万元 is 85.0%, not the 90.5% it claims', () => {
    const view = assessIndustryShare('province', { issuedFen: parseWan('662.874'), matchedFen: parseWan('662.874'), industryFen: parseWan('563.504288') }, null, policyMin('0.60'));
    expect(view).toMatchObject({ share: '0.8500', sharePercent: '85.0%', ok: true, issued: '6628740.00', industryMatched: '5635042.88' });
  });

  it('refuses industry money above the matched money', () => {
    expect(() => assessIndustryShare('all', money('10.00', '1.00', '2.00'), null, policyMin('0.65'))).toThrow('不能大于');
    expect(() => assessIndustryShare('all', money('10.00', '1.00', '1.00'), null, policyMin('65%'))).toThrow('比例格式不正确');
  });
});

describe('industryShareMinimum', () => {
  it('takes the rule of the level and year, then of the level in every year, then the single minimum', () => {
    expect(industryShareMinimum(notices, 'province', 2023)).toEqual({ min: '0.60', source: SHUOZHOU, basis: '省级资金 2023 年' });
    expect(industryShareMinimum(notices, 'city', 2024)).toEqual({ min: '0.65', source: SHUOZHOU, basis: '市级资金 2024 年' });
    expect(industryShareMinimum(notices, 'province', 2024)).toEqual({ min: '0.65', source: 'default', basis: '各级资金' });
    const everyYear = { ...notices, industryShareMinByLevel: [...notices.industryShareMinByLevel, { level: 'province' as const, min: '0.55' }] };
    expect(industryShareMinimum(everyYear, 'province', 2024)).toMatchObject({ min: '0.55', basis: '省级资金（各年）' });
    expect(industryShareMinimum(everyYear, 'province', 2023).min).toBe('0.60');
  });

  it('lets every level together follow the single minimum', () => {
    expect(industryShareMinimum(notices, 'all', 2023)).toEqual({ min: '0.65', source: 'default', basis: '各级资金' });
  });

  it('lets a nearer region’s single minimum override farther per-level rules, as policies inherit', () => {
    const countyOwn = { ...notices, industryShareMin: '0.70', sources: { industryShareMin: SHUOCHENG, industryShareMinByLevel: SHANXI } };
    expect(industryShareMinimum(countyOwn, 'province', 2023)).toEqual({ min: '0.70', source: SHUOCHENG, basis: '各级资金' });
    const sameRegion = { ...notices, industryShareMin: '0.70', sources: { industryShareMin: SHANXI, industryShareMinByLevel: SHANXI } };
    expect(industryShareMinimum(sameRegion, 'province', 2023).min).toBe('0.60');
  });
});

describe('assessCountyYear', () => {
  it('tells the provincial and city shares apart when their matches differ, and adds them up for every level', () => {
    const views = assessCountyYear(
      2024,
      { province: money('1000000.00', '1000000.00', '600000.00'), city: money('1000000.00', '1000000.00', '700000.00') },
      {},
      notices,
    );
    expect(views.map((v) => [v.level, v.share, v.required, v.status])).toEqual([
      ['all', '0.6500', '0.65', 'met'],
      ['central', null, '0.65', 'no_money'],
      ['province', '0.6000', '0.65', 'unreachable'],
      ['city', '0.7000', '0.65', 'met'],
      ['county', null, '0.65', 'no_money'],
    ]);
  });
});
