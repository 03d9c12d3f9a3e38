import { Descriptions } from 'antd';
import {
  DEPARTMENTS,
  PROJECT_TYPE_LABELS,
  type DepartmentCode,
  type ProjectType,
} from '../../../../../../../libs/domain/src/project-types';
import { formatDate, formatYuan } from '../../../../components/format';
import type { ProjectRecord } from '../../../../services/project-records';
import { FIELD_LABELS } from '../actions/labels';
import { ProcessFacts } from './ProcessFacts';
import { TargetsTable } from './TargetsTable';

/** 申报内容: the application as approved, then what happened to it since (library, works, acceptance). */
export function FactsTab({ project, phone }: { project: ProjectRecord; phone: boolean }) {
  const flag = project.process.negativeList;
  const hits = flag?.hits ?? [];
  return (
    <>
      <Descriptions column={phone ? 1 : 2} bordered size="small" className="project-facts">
        <Descriptions.Item label="项目类型">{PROJECT_TYPE_LABELS[project.type as ProjectType] ?? project.type}</Descriptions.Item>
        <Descriptions.Item label="主管部门">
          {DEPARTMENTS[project.departmentCode as DepartmentCode] ?? project.departmentCode}
        </Descriptions.Item>
        <Descriptions.Item label="实施地点">{project.place}</Descriptions.Item>
        <Descriptions.Item label="总投资">{formatYuan(project.totalBudget)} 元</Descriptions.Item>
        <Descriptions.Item label="建设内容" span={phone ? 1 : 2}>
          {project.content}
        </Descriptions.Item>
        <Descriptions.Item label="建设规模">{project.scale || '—'}</Descriptions.Item>
        <Descriptions.Item label="资金来源">
          {project.fundingSources.map((f) => `${f.source} ${formatYuan(f.amount)} 元`).join('；')}
        </Descriptions.Item>
        <Descriptions.Item label="受益情况">
          脱贫户 {project.beneficiaries.householdsLifted} 户 · 监测户 {project.beneficiaries.householdsMonitored} 户 ·{' '}
          {project.beneficiaries.people} 人
        </Descriptions.Item>
        <Descriptions.Item label="联农带农">{project.farmerLink}</Descriptions.Item>
        <Descriptions.Item label="负面清单" span={phone ? 1 : 2}>
          <span data-testid="negative-list">
            {hits.length === 0
              ? '未命中'
              : `${hits.map((h) => `${h.category}（${FIELD_LABELS[h.field] ?? h.field}“${h.keyword}”）`).join('、')}${
                  flag?.clearedAt ? `，已于 ${formatDate(flag.clearedAt)} 由主管部门解除：${flag.clearReason ?? ''}` : '，待主管部门处理'
                }`}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <TargetsTable project={project} phone={phone} />
      <ProcessFacts project={project} phone={phone} />
    </>
  );
}
