/**
 * Region reference data (行政区划 / 统计用区划) for the seed notices.
 *
 * Code layout — 12 digits: 2 province + 2 city + 2 county + 3 township + 3 village,
 * e.g. 朔城区 = 14 06 02 000 000. Province-to-county codes are the 6-digit
 * 行政区划代码 padded with zeros; township and village segments follow the
 * 统计用区划代码 (township 001–099 street office, 100–199 town, 200–399 township;
 * village 001–199 residents' committee, 200–399 villagers' committee).
 *
 * Scope (what the seed notices need, nothing more):
 *  - 山西省, its 11 prefecture-level cities, and every county-level row of the
 *    2023 provincial allocation table (shanxi-2023-provincial-plan.txt, 105 rows);
 *  - 新疆维吾尔自治区 → 塔城地区 → the 7 counties/cities of the Tacheng 2024 notice;
 *  - 朔州市 → 朔城区 → the 8 townships / street offices and 18 villages named in
 *    attachments 1, 3 and 4 of the Shuocheng 2024 batch-1 notice.
 *
 * Naming rule: `name` is the name as the seed notice writes it once layout spaces
 * are removed (e.g. the table's `盂 县` → `盂县`, `阳泉郊区`). Where the statistical
 * table uses a different name, it is kept in `officialName`; both resolve.
 *
 * Sources of the codes (carried over as facts):
 *  - province / city / county codes and the township codes of 朔城区: the
 *    statistical division tables as published in the public GitHub repository
 *    modood/Administrative-divisions-of-China (dist/cities.csv, dist/areas.csv,
 *    dist/streets.csv — a 2021-or-later vintage: it already has 沙湾市 and 潞州区);
 *  - 东神头村 (…100204) and 神西村 (…100207): the 神头镇 page of a public place-name
 *    site (旅景地名网, "山西省朔州市朔城区神头镇"), which lists the NBS village code
 *    suffixes of 神头镇 (~204 东神头村, ~207 神西村); it is a third-party mirror of the
 *    NBS table, not the NBS table itself.
 *  - Every other village code is PROVISIONAL: see the note above the village block.
 */

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export interface RegionRecord {
  /** 12-digit 行政区划代码 / 统计用区划代码. */
  readonly code: string;
  /** Name as the seed notices write it, layout whitespace removed. */
  readonly name: string;
  readonly level: RegionLevel;
  /** Code of the parent record; null only for provinces. */
  readonly parentCode: string | null;
  /** The statistical table's name, when it differs from `name`. */
  readonly officialName?: string;
  /** Further names that should resolve to this record. */
  readonly aliases?: readonly string[];
  /** True when the code is not an established official code but was assigned here. */
  readonly provisional?: boolean;
}

const SHANXI = '140000000000';
const TAIYUAN = '140100000000';
const DATONG = '140200000000';
const YANGQUAN = '140300000000';
const CHANGZHI = '140400000000';
const JINCHENG = '140500000000';
const SHUOZHOU = '140600000000';
const JINZHONG = '140700000000';
const YUNCHENG = '140800000000';
const XINZHOU = '140900000000';
const LINFEN = '141000000000';
const LVLIANG = '141100000000';

const XINJIANG = '650000000000';
const TACHENG = '654200000000';

const SHUOCHENG = '140602000000';

// Shuocheng townships / street offices (official 统计用区划 township codes).
const BEIWANGZHUANG = '140602004000';
const SHENTOU = '140602100000';
const XIATUANBAO = '140602200000';
const XIAOPINGYI = '140602201000';
const ZIRUN = '140602202000';
const NANYULIN = '140602204000';
const JIAZHUANG = '140602205000';
const YAOZITOU = '140602207000';

const DATA: RegionRecord[] = [
  // ───────────────────────────── provinces ─────────────────────────────
  { code: SHANXI, name: '山西省', level: 'province', parentCode: null },
  { code: XINJIANG, name: '新疆维吾尔自治区', level: 'province', parentCode: null },

  // ──────────────────────── Shanxi prefecture-level cities ────────────────────────
  { code: TAIYUAN, name: '太原市', level: 'city', parentCode: SHANXI },
  { code: DATONG, name: '大同市', level: 'city', parentCode: SHANXI },
  { code: YANGQUAN, name: '阳泉市', level: 'city', parentCode: SHANXI },
  { code: CHANGZHI, name: '长治市', level: 'city', parentCode: SHANXI },
  { code: JINCHENG, name: '晋城市', level: 'city', parentCode: SHANXI },
  { code: SHUOZHOU, name: '朔州市', level: 'city', parentCode: SHANXI },
  { code: JINZHONG, name: '晋中市', level: 'city', parentCode: SHANXI },
  { code: YUNCHENG, name: '运城市', level: 'city', parentCode: SHANXI },
  { code: XINZHOU, name: '忻州市', level: 'city', parentCode: SHANXI },
  { code: LINFEN, name: '临汾市', level: 'city', parentCode: SHANXI },
  { code: LVLIANG, name: '吕梁市', level: 'city', parentCode: SHANXI },

  // ─────────────── Shanxi county-level units of the 2023 provincial table ───────────────
  // 太原市 (2)
  { code: '140122000000', name: '阳曲县', level: 'county', parentCode: TAIYUAN },
  { code: '140123000000', name: '娄烦县', level: 'county', parentCode: TAIYUAN },

  // 大同市 (9)
  { code: '140212000000', name: '新荣区', level: 'county', parentCode: DATONG },
  { code: '140214000000', name: '云冈区', level: 'county', parentCode: DATONG },
  { code: '140215000000', name: '云州区', level: 'county', parentCode: DATONG },
  { code: '140221000000', name: '阳高县', level: 'county', parentCode: DATONG },
  { code: '140222000000', name: '天镇县', level: 'county', parentCode: DATONG },
  { code: '140223000000', name: '广灵县', level: 'county', parentCode: DATONG },
  { code: '140224000000', name: '灵丘县', level: 'county', parentCode: DATONG },
  { code: '140225000000', name: '浑源县', level: 'county', parentCode: DATONG },
  { code: '140226000000', name: '左云县', level: 'county', parentCode: DATONG },

  // 阳泉市 (3)
  // The table writes 阳泉郊区 (city name prefixed to tell it apart from other 郊区);
  // the statistical name is just 郊区.
  { code: '140311000000', name: '阳泉郊区', level: 'county', parentCode: YANGQUAN, officialName: '郊区' },
  { code: '140321000000', name: '平定县', level: 'county', parentCode: YANGQUAN },
  { code: '140322000000', name: '盂县', level: 'county', parentCode: YANGQUAN },

  // 长治市 (11)
  { code: '140404000000', name: '上党区', level: 'county', parentCode: CHANGZHI },
  { code: '140405000000', name: '屯留区', level: 'county', parentCode: CHANGZHI },
  { code: '140406000000', name: '潞城区', level: 'county', parentCode: CHANGZHI },
  { code: '140423000000', name: '襄垣县', level: 'county', parentCode: CHANGZHI },
  { code: '140425000000', name: '平顺县', level: 'county', parentCode: CHANGZHI },
  { code: '140426000000', name: '黎城县', level: 'county', parentCode: CHANGZHI },
  { code: '140427000000', name: '壶关县', level: 'county', parentCode: CHANGZHI },
  { code: '140428000000', name: '长子县', level: 'county', parentCode: CHANGZHI },
  { code: '140429000000', name: '武乡县', level: 'county', parentCode: CHANGZHI },
  { code: '140430000000', name: '沁县', level: 'county', parentCode: CHANGZHI },
  { code: '140431000000', name: '沁源县', level: 'county', parentCode: CHANGZHI },

  // 晋城市 (6)
  // The table writes 晋城城区; the statistical name is just 城区.
  { code: '140502000000', name: '晋城城区', level: 'county', parentCode: JINCHENG, officialName: '城区' },
  { code: '140521000000', name: '沁水县', level: 'county', parentCode: JINCHENG },
  { code: '140522000000', name: '阳城县', level: 'county', parentCode: JINCHENG },
  { code: '140524000000', name: '陵川县', level: 'county', parentCode: JINCHENG },
  { code: '140525000000', name: '泽州县', level: 'county', parentCode: JINCHENG },
  { code: '140581000000', name: '高平市', level: 'county', parentCode: JINCHENG },

  // 朔州市 (6)
  { code: SHUOCHENG, name: '朔城区', level: 'county', parentCode: SHUOZHOU },
  { code: '140603000000', name: '平鲁区', level: 'county', parentCode: SHUOZHOU },
  { code: '140621000000', name: '山阴县', level: 'county', parentCode: SHUOZHOU },
  { code: '140622000000', name: '应县', level: 'county', parentCode: SHUOZHOU },
  { code: '140623000000', name: '右玉县', level: 'county', parentCode: SHUOZHOU },
  { code: '140681000000', name: '怀仁市', level: 'county', parentCode: SHUOZHOU },

  // 晋中市 (10) — 介休市 (140781) is not in the table and is not listed.
  { code: '140702000000', name: '榆次区', level: 'county', parentCode: JINZHONG },
  { code: '140703000000', name: '太谷区', level: 'county', parentCode: JINZHONG },
  { code: '140721000000', name: '榆社县', level: 'county', parentCode: JINZHONG },
  { code: '140722000000', name: '左权县', level: 'county', parentCode: JINZHONG },
  { code: '140723000000', name: '和顺县', level: 'county', parentCode: JINZHONG },
  { code: '140724000000', name: '昔阳县', level: 'county', parentCode: JINZHONG },
  { code: '140725000000', name: '寿阳县', level: 'county', parentCode: JINZHONG },
  { code: '140727000000', name: '祁县', level: 'county', parentCode: JINZHONG },
  { code: '140728000000', name: '平遥县', level: 'county', parentCode: JINZHONG },
  { code: '140729000000', name: '灵石县', level: 'county', parentCode: JINZHONG },

  // 运城市 (13)
  { code: '140802000000', name: '盐湖区', level: 'county', parentCode: YUNCHENG },
  { code: '140821000000', name: '临猗县', level: 'county', parentCode: YUNCHENG },
  { code: '140822000000', name: '万荣县', level: 'county', parentCode: YUNCHENG },
  { code: '140823000000', name: '闻喜县', level: 'county', parentCode: YUNCHENG },
  { code: '140824000000', name: '稷山县', level: 'county', parentCode: YUNCHENG },
  { code: '140825000000', name: '新绛县', level: 'county', parentCode: YUNCHENG },
  { code: '140826000000', name: '绛县', level: 'county', parentCode: YUNCHENG },
  { code: '140827000000', name: '垣曲县', level: 'county', parentCode: YUNCHENG },
  { code: '140828000000', name: '夏县', level: 'county', parentCode: YUNCHENG },
  { code: '140829000000', name: '平陆县', level: 'county', parentCode: YUNCHENG },
  { code: '140830000000', name: '芮城县', level: 'county', parentCode: YUNCHENG },
  { code: '140881000000', name: '永济市', level: 'county', parentCode: YUNCHENG },
  { code: '140882000000', name: '河津市', level: 'county', parentCode: YUNCHENG },

  // 忻州市 (15)
  { code: '140902000000', name: '忻府区', level: 'county', parentCode: XINZHOU },
  { code: '140921000000', name: '定襄县', level: 'county', parentCode: XINZHOU },
  { code: '140922000000', name: '五台县', level: 'county', parentCode: XINZHOU },
  { code: '140923000000', name: '代县', level: 'county', parentCode: XINZHOU },
  { code: '140924000000', name: '繁峙县', level: 'county', parentCode: XINZHOU },
  { code: '140925000000', name: '宁武县', level: 'county', parentCode: XINZHOU },
  { code: '140926000000', name: '静乐县', level: 'county', parentCode: XINZHOU },
  { code: '140927000000', name: '神池县', level: 'county', parentCode: XINZHOU },
  { code: '140928000000', name: '五寨县', level: 'county', parentCode: XINZHOU },
  { code: '140929000000', name: '岢岚县', level: 'county', parentCode: XINZHOU },
  { code: '140930000000', name: '河曲县', level: 'county', parentCode: XINZHOU },
  { code: '140931000000', name: '保德县', level: 'county', parentCode: XINZHOU },
  { code: '140932000000', name: '偏关县', level: 'county', parentCode: XINZHOU },
  // Special unit: the table row is the scenic area's administrative committee
  // (五台山风景名胜区管委会), which receives funds like a county. It is not a
  // county under the 行政区划代码 standard, but the 统计用区划代码 lists it as a
  // county-level "71-series" unit: 140971 五台山风景名胜区. That official code is used.
  {
    code: '140971000000',
    name: '五台山风景名胜区管委会',
    level: 'county',
    parentCode: XINZHOU,
    officialName: '五台山风景名胜区',
    aliases: ['五台山风景区'],
  },
  { code: '140981000000', name: '原平市', level: 'county', parentCode: XINZHOU },

  // 临汾市 (17)
  { code: '141002000000', name: '尧都区', level: 'county', parentCode: LINFEN },
  { code: '141021000000', name: '曲沃县', level: 'county', parentCode: LINFEN },
  { code: '141022000000', name: '翼城县', level: 'county', parentCode: LINFEN },
  { code: '141023000000', name: '襄汾县', level: 'county', parentCode: LINFEN },
  { code: '141024000000', name: '洪洞县', level: 'county', parentCode: LINFEN },
  { code: '141025000000', name: '古县', level: 'county', parentCode: LINFEN },
  { code: '141026000000', name: '安泽县', level: 'county', parentCode: LINFEN },
  { code: '141027000000', name: '浮山县', level: 'county', parentCode: LINFEN },
  { code: '141028000000', name: '吉县', level: 'county', parentCode: LINFEN },
  { code: '141029000000', name: '乡宁县', level: 'county', parentCode: LINFEN },
  { code: '141030000000', name: '大宁县', level: 'county', parentCode: LINFEN },
  { code: '141031000000', name: '隰县', level: 'county', parentCode: LINFEN },
  { code: '141032000000', name: '永和县', level: 'county', parentCode: LINFEN },
  { code: '141033000000', name: '蒲县', level: 'county', parentCode: LINFEN },
  { code: '141034000000', name: '汾西县', level: 'county', parentCode: LINFEN },
  { code: '141081000000', name: '侯马市', level: 'county', parentCode: LINFEN },
  { code: '141082000000', name: '霍州市', level: 'county', parentCode: LINFEN },

  // 吕梁市 (13)
  { code: '141102000000', name: '离石区', level: 'county', parentCode: LVLIANG },
  { code: '141121000000', name: '文水县', level: 'county', parentCode: LVLIANG },
  { code: '141122000000', name: '交城县', level: 'county', parentCode: LVLIANG },
  { code: '141123000000', name: '兴县', level: 'county', parentCode: LVLIANG },
  { code: '141124000000', name: '临县', level: 'county', parentCode: LVLIANG },
  { code: '141125000000', name: '柳林县', level: 'county', parentCode: LVLIANG },
  { code: '141126000000', name: '石楼县', level: 'county', parentCode: LVLIANG },
  { code: '141127000000', name: '岚县', level: 'county', parentCode: LVLIANG },
  { code: '141128000000', name: '方山县', level: 'county', parentCode: LVLIANG },
  { code: '141129000000', name: '中阳县', level: 'county', parentCode: LVLIANG },
  { code: '141130000000', name: '交口县', level: 'county', parentCode: LVLIANG },
  { code: '141181000000', name: '孝义市', level: 'county', parentCode: LVLIANG },
  { code: '141182000000', name: '汾阳市', level: 'county', parentCode: LVLIANG },

  // ───────────────────────── Xinjiang: 塔城地区 ─────────────────────────
  { code: TACHENG, name: '塔城地区', level: 'city', parentCode: XINJIANG },
  { code: '654201000000', name: '塔城市', level: 'county', parentCode: TACHENG },
  { code: '654202000000', name: '乌苏市', level: 'county', parentCode: TACHENG },
  { code: '654203000000', name: '沙湾市', level: 'county', parentCode: TACHENG, aliases: ['沙湾县'] }, // 沙湾县 until 2021
  { code: '654221000000', name: '额敏县', level: 'county', parentCode: TACHENG },
  { code: '654224000000', name: '托里县', level: 'county', parentCode: TACHENG },
  { code: '654225000000', name: '裕民县', level: 'county', parentCode: TACHENG },
  // The notice writes the short form 和布克赛尔县; the official name is the autonomous county.
  {
    code: '654226000000',
    name: '和布克赛尔县',
    level: 'county',
    parentCode: TACHENG,
    officialName: '和布克赛尔蒙古自治县',
  },

  // ─────────────── 朔城区 townships / street offices (official codes) ───────────────
  // The notice writes 北旺庄街道办 (street office); the statistical name is 北旺庄街道.
  {
    code: BEIWANGZHUANG,
    name: '北旺庄街道办',
    level: 'township',
    parentCode: SHUOCHENG,
    officialName: '北旺庄街道',
    aliases: ['北旺庄街道办事处'],
  },
  { code: SHENTOU, name: '神头镇', level: 'township', parentCode: SHUOCHENG },
  { code: XIATUANBAO, name: '下团堡乡', level: 'township', parentCode: SHUOCHENG },
  { code: XIAOPINGYI, name: '小平易乡', level: 'township', parentCode: SHUOCHENG },
  { code: ZIRUN, name: '滋润乡', level: 'township', parentCode: SHUOCHENG },
  { code: NANYULIN, name: '南榆林乡', level: 'township', parentCode: SHUOCHENG },
  { code: JIAZHUANG, name: '贾庄乡', level: 'township', parentCode: SHUOCHENG },
  { code: YAOZITOU, name: '窑子头乡', level: 'township', parentCode: SHUOCHENG },

  // ───────────────────────── 朔城区 villages ─────────────────────────
  // PROVISIONAL village codes: the official 12-digit village codes of these villages
  // could not be established from any stored source (the NBS village tables are not
  // available here). Each provisional code keeps its township's 9-digit prefix and uses
  // a village segment from 901 upwards. The 统计用区划代码 only assigns 001–399 (居委会 /
  // 村委会) and 4xx–5xx (virtual units) there, so a 9xx segment can never collide with a
  // real code and is recognisable as provisional. Replace with the official code once known.

  // 北旺庄街道 (attachment 3)
  { code: '140602004901', name: '野狐涧村', level: 'village', parentCode: BEIWANGZHUANG, provisional: true },

  // 神头镇 (attachments 1, 3, 4)
  // 东神头村 and 神西村: NBS suffixes ~204 / ~207 as listed on the 神头镇 page of 旅景地名网.
  { code: '140602100204', name: '东神头村', level: 'village', parentCode: SHENTOU },
  { code: '140602100207', name: '神西村', level: 'village', parentCode: SHENTOU },
  { code: '140602100901', name: '东榆林村', level: 'village', parentCode: SHENTOU, provisional: true },

  // 下团堡乡 (attachments 1, 4)
  { code: '140602200901', name: '孙家嘴村', level: 'village', parentCode: XIATUANBAO, provisional: true },
  { code: '140602200902', name: '上团堡村', level: 'village', parentCode: XIATUANBAO, provisional: true },

  // 小平易乡 (attachment 3)
  { code: '140602201901', name: '张家口村', level: 'village', parentCode: XIAOPINGYI, provisional: true },

  // 滋润乡 (attachments 1, 4)
  { code: '140602202901', name: '里仁村', level: 'village', parentCode: ZIRUN, provisional: true },
  { code: '140602202902', name: '青河寺村', level: 'village', parentCode: ZIRUN, provisional: true },

  // 南榆林乡 (attachment 1)
  { code: '140602204901', name: '大莲花村', level: 'village', parentCode: NANYULIN, provisional: true },
  { code: '140602204902', name: '南辛寨村', level: 'village', parentCode: NANYULIN, provisional: true },

  // 贾庄乡 (attachments 1, 4)
  { code: '140602205901', name: '北曹村', level: 'village', parentCode: JIAZHUANG, provisional: true },
  { code: '140602205902', name: '东小寨村', level: 'village', parentCode: JIAZHUANG, provisional: true },
  { code: '140602205903', name: '长润村', level: 'village', parentCode: JIAZHUANG, provisional: true },
  { code: '140602205904', name: '辛村', level: 'village', parentCode: JIAZHUANG, provisional: true },
  { code: '140602205905', name: '黄水河村', level: 'village', parentCode: JIAZHUANG, provisional: true },
  { code: '140602205906', name: '薛家店村', level: 'village', parentCode: JIAZHUANG, provisional: true },

  // 窑子头乡 (attachment 4)
  { code: '140602207901', name: '后寨村', level: 'village', parentCode: YAOZITOU, provisional: true },
];

for (const record of DATA) {
  Object.freeze(record);
  if (record.aliases) Object.freeze(record.aliases);
}

/** All region records, parents before children. */
export const REGIONS: readonly RegionRecord[] = Object.freeze(DATA);
