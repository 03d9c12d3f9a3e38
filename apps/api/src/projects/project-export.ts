import { DEPARTMENTS, PROJECT_TYPE_LABELS, isDepartmentCode, type ProjectType } from '../../../../libs/domain/src/project-types';
import type { ExportColumn } from '../monitor/monitor-export';
import type { ProjectView } from './project.view';

/** At most this many rows in one export; more asks the clerk to narrow the filters. */
export const PROJECT_EXPORT_LIMIT = 10_000;

/** 项目库 columns, in the order the county's own project tables use. */
export const PROJECT_EXPORT_COLUMNS: readonly ExportColumn<ProjectView>[] = [
  { header: '项目编号', kind: 'text', width: 38, value: (p) => p.id },
  { header: '项目名称', kind: 'text', width: 30, value: (p) => p.name },
  { header: '项目类型', kind: 'text', value: (p) => PROJECT_TYPE_LABELS[p.type as ProjectType] ?? p.type },
  { header: '阶段', kind: 'text', value: (p) => p.stageLabel },
  { header: '实施地点', kind: 'text', width: 24, value: (p) => p.place },
  { header: '村级区划代码', kind: 'text', value: (p) => p.villageCode },
  { header: '主管部门', kind: 'text', value: (p) => (isDepartmentCode(p.departmentCode) ? DEPARTMENTS[p.departmentCode] : p.departmentCode) },
  { header: '建设内容', kind: 'text', width: 40, value: (p) => p.content },
  { header: '总投资（元）', kind: 'money', width: 16, value: (p) => p.totalBudget },
  { header: '资金来源', kind: 'text', width: 30, value: (p) => p.fundingSources.map((f) => `${f.source} ${f.amount}`).join('；') },
  { header: '受益脱贫户', kind: 'integer', value: (p) => p.beneficiaries?.householdsLifted ?? null },
  { header: '受益监测户', kind: 'integer', value: (p) => p.beneficiaries?.householdsMonitored ?? null },
  { header: '受益人口', kind: 'integer', value: (p) => p.beneficiaries?.people ?? null },
  { header: '入库时间', kind: 'text', value: (p) => p.libraryAt?.slice(0, 10) ?? '' },
  { header: '更新时间', kind: 'text', width: 22, value: (p) => p.updatedAt },
];
