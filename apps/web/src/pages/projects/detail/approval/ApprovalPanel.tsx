import { Alert, Button, Descriptions, Progress, Space, Tag, Typography, type DescriptionsProps } from 'antd';
import { useState } from 'react';
import { formatTime } from '../../../../components/format';
import { delegateTask, transferTask, type ApprovalState } from '../../../../services/approvals';
import type { ProjectRecord } from '../../../../services/project-records';
import { CcDialog, OpinionDialog, TerminateDialog, UrgeDialog } from './OperationDialogs';
import { PersonDialog } from './PersonDialog';

type Operation = ApprovalState['operations'][number];

const BUTTONS: Array<{ op: Operation; label: string; danger?: boolean }> = [
  { op: 'delegate_opinion', label: '提交意见' },
  { op: 'transfer', label: '转办' },
  { op: 'delegate', label: '委派' },
  { op: 'cc', label: '抄送' },
  { op: 'urge', label: '催办' },
  { op: 'terminate', label: '终止项目', danger: true },
];

function stepText(step: NonNullable<ApprovalState['next']>) {
  const people = step.people.map((p) => p.name).join('、');
  return (
    <Space wrap size={4}>
      <Tag>{step.stageLabel}</Tag>
      <span>{step.desk}</span>
      {people && <Typography.Text type="secondary">（{people}）</Typography.Text>}
    </Space>
  );
}

/**
 * 审批办理: who acts now and next, who holds the task (转办/委派), the delegate's opinions, the last
 * reminder, the joint review's progress and the copies; with the operations the API allows this user.
 */
export function ApprovalPanel({ project, onChanged }: { project: ProjectRecord; onChanged(): void }) {
  const [open, setOpen] = useState<Operation | null>(null);
  const a = project.approval;
  const close = () => setOpen(null);
  const done = () => {
    setOpen(null);
    onChanged();
  };
  const dialog = { project, onDone: done, onCancel: close };
  const joint = a.jointReview;
  const approved = joint ? joint.departments.filter((d) => d.approved).length : 0;
  const rows: DescriptionsProps['items'] = [];
  if (a.next) rows.push({ key: 'next', label: '当前办理', children: stepText(a.next) });
  if (a.after) rows.push({ key: 'after', label: '下一环节', children: stepText(a.after) });
  if (a.assignee) rows.push({ key: 'assignee', label: '经办人', children: `${a.assignee.name}（已转办/改派，仅此人可办理）` });
  if (a.delegate) rows.push({ key: 'delegate', label: '委派审阅', children: `${a.delegate.name} 审阅中，${formatTime(a.delegate.at)} 委派：${a.delegate.comment}` });
  if (a.opinions.length > 0) {
    rows.push({
      key: 'opinions',
      label: '审阅意见',
      children: (
        <Space orientation="vertical" size={2}>
          {a.opinions.map((o) => (
            <span key={`${o.userId}-${o.at}`}>
              {o.name}（{formatTime(o.at)}）：{o.opinion}
            </span>
          ))}
        </Space>
      ),
    });
  }
  if (joint) {
    rows.push({
      key: 'joint',
      label: `会签（${joint.policyName}）`,
      children: (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Typography.Text type="secondary">{joint.ruleLabel}</Typography.Text>
          <Progress percent={Math.round((approved * 100) / joint.departments.length)} format={() => `${approved}/${joint.departments.length}`} size="small" />
          <Space wrap>
            {joint.departments.map((d) => (
              <Tag key={d.department} color={d.approved ? 'green' : 'default'}>
                {d.departmentName}：{d.approved ? `已同意（${d.by}）` : '待审查'}
              </Tag>
            ))}
          </Space>
        </Space>
      ),
    });
  }
  if (a.ccs.length > 0) rows.push({ key: 'ccs', label: '抄送', children: a.ccs.map((c) => `${c.name}（${c.by} 抄送）`).join('、') });

  return (
    <div className="approval-panel" data-testid="approval-panel">
      {a.termination && (
        <Alert type="error" showIcon title={`项目已于 ${formatTime(a.termination.at)} 由${a.termination.by}终止`} description={a.termination.reason} style={{ marginBottom: 12 }} />
      )}
      {a.urge && (
        <Alert
          type="warning"
          showIcon
          title={`${a.urge.by} 于 ${formatTime(a.urge.at)} 催办${a.urge.count > 1 ? `（第 ${a.urge.count} 次）` : ''}`}
          description={a.urge.comment ?? undefined}
          style={{ marginBottom: 12 }}
        />
      )}
      <Descriptions size="small" column={1} bordered items={rows} />
      {a.operations.length > 0 && (
        <Space wrap style={{ marginTop: 12 }}>
          {BUTTONS.filter((b) => a.operations.includes(b.op)).map((b) => (
            <Button key={b.op} danger={b.danger} type={b.op === 'delegate_opinion' ? 'primary' : 'default'} onClick={() => setOpen(b.op)}>
              {b.label}
            </Button>
          ))}
        </Space>
      )}
      {open === 'transfer' && <PersonDialog {...dialog} purpose="transfer" send={transferTask} />}
      {open === 'delegate' && <PersonDialog {...dialog} purpose="delegate" send={delegateTask} />}
      {open === 'delegate_opinion' && <OpinionDialog {...dialog} />}
      {open === 'cc' && <CcDialog {...dialog} />}
      {open === 'urge' && <UrgeDialog {...dialog} />}
      {open === 'terminate' && <TerminateDialog {...dialog} />}
    </div>
  );
}
