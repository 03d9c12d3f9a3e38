/**
 * 绩效自评报告: its four sections (after the 16 indicators of the provincial assessment, as the
 * Xiangyuan 2024 report follows them) and every figure it states, each with how it is computed. The
 * figures come from the records alone; a county edits only the words around them.
 */
export const SECTIONS = [
  { key: 'intro', title: '总体情况' },
  { key: 'funding', title: '资金保障' },
  { key: 'management', title: '项目管理' },
  { key: 'effect', title: '使用成效' },
  { key: 'adjustment', title: '调整指标' },
] as const;
export type SectionKey = (typeof SECTIONS)[number]['key'];
export const SECTION_KEYS = SECTIONS.map((s) => s.key);

export interface FigureDefinition {
  key: string;
  section: Exclude<SectionKey, 'intro'>;
  label: string;
  basis: string;
}

export const FIGURES = [
  { key: 'countyArranged', section: 'funding', label: '县级安排衔接资金', basis: '本年度县级资金批次分配给本县的金额之和' },
  { key: 'countyArrangedLastYear', section: 'funding', label: '上年县级安排衔接资金', basis: '上一年度县级资金批次分配给本县的金额之和' },
  { key: 'countyGrowth', section: 'funding', label: '县级资金增长率', basis: '（本年县级安排 − 上年县级安排）÷ 上年县级安排' },
  { key: 'received', section: 'funding', label: '到位衔接资金', basis: '本年度各级资金批次中本县已确认到账的分配金额之和' },
  { key: 'provincialReceived', section: 'funding', label: '到位省级衔接资金', basis: '本年度省级资金批次中本县已确认到账的分配金额之和' },
  { key: 'allocationsReceived', section: 'funding', label: '到账资金笔数', basis: '本年度批次中本县已确认到账的分配笔数' },
  { key: 'matchedOnTime', section: 'funding', label: '按期匹配到项目的笔数', basis: '到账后在匹配期限内（默认 15 日）全部匹配到项目的分配笔数' },
  { key: 'matchedOnTimeShare', section: 'funding', label: '按期匹配率', basis: '按期匹配的笔数 ÷ 到账资金笔数' },
  { key: 'libraryProjects', section: 'management', label: '审定入库项目数', basis: '本年（北京时间）县级审定入库的本县项目数' },
  { key: 'libraryWithTargets', section: 'management', label: '设定绩效目标的入库项目数', basis: '本年入库项目中申报时填写了绩效目标的项目数' },
  { key: 'targetsShare', section: 'management', label: '入库项目绩效目标设定率', basis: '设定绩效目标的入库项目数 ÷ 审定入库项目数' },
  { key: 'targetsScoredProjects', section: 'management', label: '验收评定绩效目标的项目数', basis: '本年验收合格、逐项记录了绩效目标完成值的本县项目数' },
  { key: 'targetsScored', section: 'management', label: '验收评定的绩效指标数', basis: '上述项目绩效目标表的指标项数之和' },
  { key: 'targetsMet', section: 'management', label: '达到目标的绩效指标数', basis: '上述指标中完成值达到目标值的项数' },
  { key: 'targetsMetShare', section: 'management', label: '绩效目标达成率', basis: '达到目标的绩效指标数 ÷ 验收评定的绩效指标数（各项目得分按指标数加权）' },
  { key: 'publicised', section: 'management', label: '公告公示项目数', basis: '本年县级审定后进入公示的项目次数（流转记录）' },
  { key: 'objectionsRaised', section: 'management', label: '收到异议', basis: '本年公示期内群众提出的异议件数' },
  { key: 'objectionsUpheld', section: 'management', label: '异议成立', basis: '本年县级处理为成立的异议件数' },
  { key: 'objectionsDismissed', section: 'management', label: '异议不成立', basis: '本年县级处理为不成立的异议件数' },
  { key: 'negativeListCleared', section: 'management', label: '负面清单提示解除', basis: '本年部门审查后解除负面清单提示的次数' },
  { key: 'paid', section: 'effect', label: '实际支出', basis: '本县项目拨付日期在本年内的拨付金额之和' },
  { key: 'executionRate', section: 'effect', label: '预算执行率', basis: '实际支出 ÷ 到位衔接资金' },
  { key: 'retentionHeld', section: 'effect', label: '结存质保金', basis: '截至年末已扣留、尚未到期释放的质量保证金' },
  { key: 'provincialMatched', section: 'effect', label: '省级资金已匹配到项目', basis: '本年度省级批次给本县的分配中有效匹配到项目的金额' },
  { key: 'provincialIndustry', section: 'effect', label: '省级资金用于产业发展', basis: '上述匹配中项目类型为产业发展的金额' },
  { key: 'provincialIndustryShare', section: 'effect', label: '省级衔接资金用于产业比例', basis: '省级资金用于产业发展 ÷ 本年度省级批次下达本县的资金（不论是否到账），与县级资金监测的省级占比一致' },
  { key: 'provincialIndustryShareLastYear', section: 'effect', label: '上年省级资金用于产业比例', basis: '上一年度省级批次的同一口径' },
  { key: 'industryShareMin', section: 'effect', label: '政策要求的产业比例下限', basis: '本县适用政策中本年度省级资金的最低占比（industryShareMinByLevel 中的省级设置，否则 industryShareMin）' },
  { key: 'unmatchCount', section: 'adjustment', label: '撤销资金匹配笔数', basis: '本年撤销（调减）的资金匹配笔数' },
  { key: 'unmatchedAmount', section: 'adjustment', label: '撤销资金匹配金额', basis: '本年撤销的资金匹配金额之和' },
  { key: 'returnedCount', section: 'adjustment', label: '退回修改次数', basis: '本年各级审核退回修改的次数' },
  { key: 'rejectedCount', section: 'adjustment', label: '不予通过项目数', basis: '本年审核不予通过的次数' },
  { key: 'overdueTasks', section: 'adjustment', label: '逾期办理的待办', basis: '本年到期的待办中超过期限才办理或至今未办的件数' },
] as const satisfies readonly FigureDefinition[];

export type FigureKey = (typeof FIGURES)[number]['key'];
export const FIGURE_KEYS: readonly FigureKey[] = FIGURES.map((f) => f.key);

/**
 * The words a county starts from, section by section; `{{key}}` stands for a figure (or the county's
 * name and the year) and is filled from the records each time the report is drawn.
 */
export const DEFAULT_TEXT: Readonly<Record<SectionKey, string>> = {
  intro:
    '按照《衔接推进乡村振兴补助资金绩效评价及考核办法》的有关要求，{{countyName}}对{{year}}年度衔接推进乡村振兴补助资金开展绩效自评，现将情况报告如下。',
  funding:
    '{{year}}年县级安排衔接推进乡村振兴补助资金{{countyArranged}}，较上年安排的{{countyArrangedLastYear}}增长{{countyGrowth}}。本年到位衔接资金{{received}}，其中省级{{provincialReceived}}；{{allocationsReceived}}笔到账资金中{{matchedOnTime}}笔在规定期限内匹配到项目，按期匹配率{{matchedOnTimeShare}}。',
  management:
    '本年{{libraryProjects}}个项目审定入库，其中{{libraryWithTargets}}个设定了绩效目标（{{targetsShare}}）；{{targetsScoredProjects}}个项目验收时逐项评定了绩效目标，{{targetsScored}}项指标中{{targetsMet}}项达到目标，达成率{{targetsMetShare}}。{{publicised}}个项目履行了公告公示程序，收到异议{{objectionsRaised}}件，其中成立{{objectionsUpheld}}件、不成立{{objectionsDismissed}}件；部门审查解除负面清单提示{{negativeListCleared}}项。',
  effect:
    '本年实际支出{{paid}}，预算执行率{{executionRate}}，结存质保金{{retentionHeld}}。省级衔接资金匹配到项目{{provincialMatched}}，其中用于产业发展{{provincialIndustry}}，占比{{provincialIndustryShare}}（政策要求不低于{{industryShareMin}}，上年为{{provincialIndustryShareLastYear}}）。',
  adjustment:
    '本年撤销资金匹配{{unmatchCount}}笔、金额{{unmatchedAmount}}；审核退回修改{{returnedCount}}次，不予通过{{rejectedCount}}次；逾期办理的待办{{overdueTasks}}件。',
};

/** Placeholders a text may use: every figure, the county's name and the year. */
export const PLACEHOLDERS: ReadonlySet<string> = new Set<string>([...FIGURE_KEYS, 'countyName', 'year']);

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Placeholders in `text` that name nothing the report knows. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((name) => !PLACEHOLDERS.has(name));
}

/** The text with each placeholder replaced by what the records say. */
export function fillText(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}
