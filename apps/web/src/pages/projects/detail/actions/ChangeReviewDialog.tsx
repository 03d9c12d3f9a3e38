import { Descriptions, Form, Input, Radio } from 'antd';
import { formatTime, formatYuan } from '../../../../components/format';
import { reviewChange, type ChangeDecisionBody } from '../../../../services/project-actions';
import type { ChangeFields, ChangeRequest, ProjectRecord } from '../../../../services/project-records';
import { ActionDialog } from './ActionDialog';
import { CHANGE_KIND_LABELS } from './labels';
import type { DialogProps } from './types';

/** The fields a change proposes, as a clerk reads them. */
export function changeText(f: ChangeFields | null): string {
  if (!f) return '—';
  const parts: string[] = [];
  if (f.totalBudget) parts.push(`总投资 ${formatYuan(f.totalBudget)} 元`);
  if (f.fundingSources?.length) parts.push(`资金来源 ${f.fundingSources.map((s) => `${s.source} ${formatYuan(s.amount)} 元`).join('、')}`);
  if (f.content) parts.push(`建设内容 ${f.content}`);
  if (f.scale) parts.push(`建设规模 ${f.scale}`);
  if (f.place) parts.push(`实施地点 ${f.place}`);
  return parts.join('；') || '—';
}

/** What a pending change would replace: the project's fields of that kind as they stand now. */
function currentFields(project: ProjectRecord, kind: ChangeRequest['kind']): ChangeFields {
  if (kind === 'budget') return { totalBudget: project.totalBudget, fundingSources: project.fundingSources };
  if (kind === 'scope') return { totalBudget: null, content: project.content, scale: project.scale };
  return { totalBudget: null, place: project.place };
}

/** 审批变更: the county reads the pending request beside what it would replace and decides with a comment. */
export function ChangeReviewDialog({ project, onDone, onCancel }: DialogProps) {
  const [form] = Form.useForm<ChangeDecisionBody>();
  const change = project.process.changes.find((c) => c.status === 'pending');
  if (!change) return null;
  return (
    <ActionDialog<ChangeDecisionBody>
      title="审批变更申请"
      okText="确认"
      width={640}
      form={form}
      fields={['decision', 'comment']}
      intro={
        <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label="变更类型">{CHANGE_KIND_LABELS[change.kind]}</Descriptions.Item>
          <Descriptions.Item label="申请时间">{formatTime(change.requestedAt)}</Descriptions.Item>
          <Descriptions.Item label="变更理由">{change.reason}</Descriptions.Item>
          <Descriptions.Item label="变更前">{changeText(change.previous ?? currentFields(project, change.kind))}</Descriptions.Item>
          <Descriptions.Item label="变更后">{changeText(change.proposed)}</Descriptions.Item>
        </Descriptions>
      }
      send={(v) => reviewChange(project.id, change.id, { decision: v.decision, comment: v.comment.trim() })}
      success="变更申请已审批"
      onDone={onDone}
      onCancel={onCancel}
    >
      <Form.Item label="审批决定" name="decision" rules={[{ required: true, message: '请选择同意或不同意' }]}>
        <Radio.Group
          options={[
            { value: 'approve', label: '同意变更' },
            { value: 'refuse', label: '不同意' },
          ]}
        />
      </Form.Item>
      <Form.Item
        label="审批意见"
        name="comment"
        rules={[
          { required: true, whitespace: true, message: '请填写审批意见' },
          { max: 2000, message: '最长 2000 字' },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 3 }} />
      </Form.Item>
    </ActionDialog>
  );
}
