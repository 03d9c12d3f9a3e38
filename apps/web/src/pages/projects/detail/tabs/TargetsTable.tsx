import { Alert, Table, Tag, Typography } from 'antd';
import {
  TARGET_CATEGORY_LABELS,
  TARGET_SUBCATEGORY_LABELS,
  type TargetCategory,
  type TargetSubCategory,
} from '../../../../../../../libs/domain/src/performance-targets';
import { formatDate } from '../../../../components/format';
import type { ProjectRecord } from '../../../../services/project-records';

type Row = ProjectRecord['performanceTargets'][number] & { index: number; achieved?: string; met?: boolean };

/**
 * 绩效目标表 as reviewers read it; once the county has accepted the works, each row beside what was
 * reached, and the score (rows met ÷ rows) with the unmet rows named.
 */
export function TargetsTable({ project, phone }: { project: ProjectRecord; phone: boolean }) {
  const accepted = project.process.acceptances.filter((a) => a.result === 'pass' && a.targets).at(-1);
  const rows: Row[] = project.performanceTargets.map((t, index) => ({ ...t, index, ...(accepted?.targets?.[index] ? { achieved: accepted.targets[index].achieved, met: accepted.targets[index].met } : {}) }));
  const score = project.targetScore;
  return (
    <div className="process-section" data-testid="targets-table">
      <Typography.Title level={5}>绩效目标</Typography.Title>
      {score && (
        <Alert
          className="targets-score"
          type={score.met === score.total ? 'success' : 'warning'}
          showIcon
          title={`绩效目标得分 ${score.met}/${score.total}（${score.total === 0 ? '—' : `${Math.round((score.met * 1000) / score.total) / 10}%`}）· ${formatDate(score.acceptedAt)} 验收`}
          description={score.unmet.length > 0 ? `未达到：${score.unmet.join('、')}` : '各项指标均已达到'}
          data-testid="targets-score"
        />
      )}
      {rows.length === 0 ? (
        <Typography.Paragraph type="secondary">申报时未填写绩效目标。</Typography.Paragraph>
      ) : (
        <Table<Row>
          rowKey="index"
          size="small"
          pagination={false}
          dataSource={rows}
          scroll={phone ? { x: 'max-content' } : undefined}
          columns={[
            { title: '一级指标', dataIndex: 'category', render: (c: string) => TARGET_CATEGORY_LABELS[c as TargetCategory] ?? c },
            { title: '二级指标', dataIndex: 'subCategory', render: (s: string | null) => (s ? (TARGET_SUBCATEGORY_LABELS[s as TargetSubCategory] ?? s) : '—') },
            { title: '指标名称', dataIndex: 'indicator' },
            { title: '目标值', dataIndex: 'target' },
            ...(accepted
              ? [
                  { title: '完成值', dataIndex: 'achieved', render: (a: string | undefined, r: Row) => (a === undefined ? '—' : `${a}${r.unit && r.comparison ? ` ${r.unit}` : ''}`) },
                  {
                    title: '是否达到',
                    dataIndex: 'met',
                    render: (m: boolean | undefined) => (m === undefined ? '—' : <Tag color={m ? 'success' : 'error'}>{m ? '达到' : '未达到'}</Tag>),
                  },
                ]
              : []),
          ]}
        />
      )}
    </div>
  );
}
