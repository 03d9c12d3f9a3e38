import { deepFreeze } from './deep-freeze';

/** 负面清单条目 — a forbidden use and the words that betray it in an application. */
export interface NegativeListEntry {
  category: string;
  keywords: string[];
}

/** 负面清单 — versioned so a flag can cite the list it was checked against. */
export interface NegativeList {
  version: number;
  entries: NegativeListEntry[];
}

/** 负面清单命中 */
export interface NegativeListHit {
  category: string;
  keyword: string;
  /** The name of the text field the keyword was found in. */
  field: string;
}

/**
 * Keywords are deliberately specific: household subsidies (到户补助, 补贴) are a lawful use, so bare
 * 补贴 or 到户 are never keywords; 工资 is left out because 以工代赈 projects pay labour wages.
 */
export const DEFAULT_NEGATIVE_LIST: NegativeList = deepFreeze({
  version: 1,
  entries: [
    {
      category: '行政事业单位基本支出',
      keywords: ['行政事业单位基本支出', '基本支出', '人员经费', '公用经费', '办公经费'],
    },
    {
      category: '交通工具及通讯设备',
      keywords: [
        '交通工具及通讯设备',
        '交通工具',
        '公务用车',
        '购置车辆',
        '购买车辆',
        '小汽车',
        '轿车',
        '通讯设备',
        '手机',
      ],
    },
    {
      category: '修建楼堂馆所',
      keywords: ['修建楼堂馆所', '楼堂馆所', '办公楼', '办公用房', '培训中心', '宾馆', '招待所'],
    },
    {
      category: '发放个人津补贴',
      keywords: ['发放个人津补贴', '津补贴', '津贴', '补贴发放给个人', '发放奖金'],
    },
    {
      category: '偿还债务和垫资',
      keywords: ['偿还债务和垫资', '偿还债务', '还债', '债务', '垫资', '偿还贷款'],
    },
    {
      category: '弥补企业亏损',
      keywords: ['弥补企业亏损', '企业亏损', '弥补亏损'],
    },
    {
      category: '城市基础设施建设和城市产业发展',
      keywords: [
        '城市基础设施建设和城市产业发展',
        '城市基础设施',
        '城市道路',
        '城区道路',
        '市政道路',
        '市政工程',
        '城市产业',
      ],
    },
    {
      category: '形象工程',
      keywords: ['形象工程', '政绩工程', '面子工程', '景观大道', '雕塑', '牌坊', '牌楼'],
    },
  ],
});

/**
 * Normalises text for matching: NFKC folds full-width Latin and digits (ＳＵＶ → SUV), all whitespace
 * (incl. the full-width space U+3000) and zero-width characters are dropped because applicants
 * and PDF copy-paste insert them mid-word, and Latin is case-folded.
 */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '')
    .toLowerCase();
}

/**
 * Finds negative-list keywords in the given text fields. Within one field and category a keyword
 * contained in a longer hit (债务 inside 偿还债务) is dropped, so one phrase is reported once.
 * Order: fields as given, then list order.
 */
export function matchNegativeList(fields: Record<string, string>, list: NegativeList): NegativeListHit[] {
  const hits: NegativeListHit[] = [];
  for (const [field, raw] of Object.entries(fields)) {
    if (typeof raw !== 'string') continue;
    const text = normalizeForMatch(raw);
    if (text === '') continue;
    for (const entry of list.entries) {
      const found = entry.keywords
        .map((keyword) => ({ keyword, norm: normalizeForMatch(keyword) }))
        // An empty keyword would match every text, so it is ignored rather than flagging everything.
        .filter(({ norm }) => norm !== '' && text.includes(norm));
      const seen = new Set<string>();
      for (const { keyword, norm } of found) {
        if (seen.has(norm)) continue;
        if (found.some((other) => other.norm !== norm && other.norm.includes(norm))) continue;
        seen.add(norm);
        hits.push({ category: entry.category, keyword, field });
      }
    }
  }
  return hits;
}
