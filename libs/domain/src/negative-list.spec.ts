import { DEFAULT_NEGATIVE_LIST, matchNegativeList, type NegativeList, normalizeForMatch } from './negative-list';

describe('DEFAULT_NEGATIVE_LIST', () => {
  it('has the eight categories, each listing its own name as a keyword', () => {
    expect(DEFAULT_NEGATIVE_LIST.entries.map((e) => e.category)).toEqual([
      '行政事业单位基本支出',
      '交通工具及通讯设备',
      '修建楼堂馆所',
      '发放个人津补贴',
      '偿还债务和垫资',
      '弥补企业亏损',
      '城市基础设施建设和城市产业发展',
      '形象工程',
    ]);
    for (const e of DEFAULT_NEGATIVE_LIST.entries) expect(e.keywords).toContain(e.category);
  });

  it('never flags lawful household subsidies', () => {
    const keywords = DEFAULT_NEGATIVE_LIST.entries.flatMap((e) => e.keywords);
    expect(keywords).not.toContain('到户');
    expect(keywords).not.toContain('补贴');
    expect(keywords).not.toContain('补助');
  });

  it('is frozen so no caller can edit the shared default', () => {
    expect(Object.isFrozen(DEFAULT_NEGATIVE_LIST.entries[0].keywords)).toBe(true);
  });
});

describe('normalizeForMatch', () => {
  it('drops all whitespace, folds full-width and case', () => {
    expect(normalizeForMatch(' 办 公\u3000楼\n')).toBe('办公楼');
    expect(normalizeForMatch('购置ＳＵＶ')).toBe('购置suv');
    expect(normalizeForMatch('形象\u200b工程')).toBe('形象工程');
  });
});

describe('matchNegativeList', () => {
  it('finds keywords across fields, reporting the field', () => {
    const hits = matchNegativeList(
      { name: '村委会办公楼改造', content: '同时 偿还 债务 20万元' },
      DEFAULT_NEGATIVE_LIST,
    );
    expect(hits).toEqual([
      { category: '修建楼堂馆所', keyword: '办公楼', field: 'name' },
      { category: '偿还债务和垫资', keyword: '偿还债务', field: 'content' },
    ]);
  });

  it('reports a shorter keyword inside a longer hit only once', () => {
    const hits = matchNegativeList({ content: '用于偿还债务' }, DEFAULT_NEGATIVE_LIST);
    expect(hits.map((h) => h.keyword)).toEqual(['偿还债务']);
  });

  it('reports distinct phrases of one category separately', () => {
    const hits = matchNegativeList({ content: '修建景观大道和牌坊' }, DEFAULT_NEGATIVE_LIST);
    expect(hits.map((h) => h.keyword)).toEqual(['景观大道', '牌坊']);
  });

  it.each([
    '脱贫户到户产业补贴，每户3000元',
    '发放到户补助资金，通过一卡通直达农户',
    '以工代赈项目，支付务工群众劳务报酬',
    '蔬菜大棚改造，采购车间设备',
    '小额信贷贴息',
    '农村道路硬化 3.2 公里',
  ])('does not flag lawful use: %s', (content) => {
    expect(matchNegativeList({ content }, DEFAULT_NEGATIVE_LIST)).toEqual([]);
  });

  it.each([
    ['为乡镇购置车辆两台', '交通工具及通讯设备'],
    ['为驻村干部发放津贴', '发放个人津补贴'],
    ['补贴发放给个人', '发放个人津补贴'],
    ['施工单位垫资部分', '偿还债务和垫资'],
    ['弥补合作社企业亏损', '弥补企业亏损'],
    ['县城城市道路提升', '城市基础设施建设和城市产业发展'],
    ['村口大型雕塑', '形象工程'],
    ['支付人员经费', '行政事业单位基本支出'],
  ])('flags %s as %s', (content, category) => {
    expect(matchNegativeList({ content }, DEFAULT_NEGATIVE_LIST).map((h) => h.category)).toContain(category);
  });

  it('matches Latin keywords case-insensitively and full-width-insensitively', () => {
    const list: NegativeList = { version: 2, entries: [{ category: '交通工具', keywords: ['SUV'] }] };
    expect(matchNegativeList({ content: '采购一台ｓｕｖ' }, list)).toEqual([
      { category: '交通工具', keyword: 'SUV', field: 'content' },
    ]);
  });

  it('ignores empty keywords instead of flagging everything', () => {
    const list: NegativeList = { version: 2, entries: [{ category: 'x', keywords: ['', ' \u3000'] }] };
    expect(matchNegativeList({ content: '任何内容' }, list)).toEqual([]);
  });

  it('skips empty fields', () => {
    expect(matchNegativeList({ a: '', b: '   ' }, DEFAULT_NEGATIVE_LIST)).toEqual([]);
  });
});
