import { Form, Input, Select, Typography } from 'antd';
import { candidates, copyTo, giveOpinion, terminateProject, urgeTask } from '../../../../services/approvals';
import { useAsync } from '../../../../components/useAsync';
import { formatYuan } from '../../../../components/format';
import { ActionDialog } from '../actions/ActionDialog';
import type { DialogProps } from '../actions/types';

/** 提交意见: the delegate's review, which goes back to the task's owner. */
export function OpinionDialog({ project, onDone, onCancel }: DialogProps) {
  const [form] = Form.useForm<{ opinion: string }>();
  const delegation = project.approval.delegate;
  return (
    <ActionDialog<{ opinion: string }>
      title="提交审阅意见"
      okText="提交意见"
      form={form}
      fields={['opinion']}
      intro={delegation && <Typography.Paragraph type="secondary">委派说明：{delegation.comment}</Typography.Paragraph>}
      send={({ opinion }) => giveOpinion(project.id, opinion.trim())}
      success="意见已提交，待办已回到委派人"
      onDone={onDone}
      onCancel={onCancel}
    >
      <Form.Item label="审阅意见" name="opinion" rules={[{ required: true, whitespace: true, message: '请填写审阅意见' }, { max: 2000, message: '最长 2000 字' }]}>
        <Input.TextArea autoSize={{ minRows: 3 }} />
      </Form.Item>
    </ActionDialog>
  );
}

/** 抄送: copies the project to colleagues of the county, who find it under 抄送我的. */
export function CcDialog({ project, onDone, onCancel }: DialogProps) {
  const [form] = Form.useForm<{ userIds: string[]; comment?: string }>();
  const { data, loading } = useAsync(() => candidates(project.id, 'cc'), [project.id]);
  const copied = new Set(project.approval.ccs.map((c) => c.userId));
  return (
    <ActionDialog<{ userIds: string[]; comment?: string }>
      title="抄送"
      okText="抄送"
      form={form}
      fields={['userIds', 'comment']}
      send={({ userIds, comment }) => copyTo(project.id, userIds, comment?.trim() || undefined)}
      success="已抄送"
      onDone={onDone}
      onCancel={onCancel}
    >
      <Form.Item label="抄送给" name="userIds" rules={[{ required: true, message: '请至少选择一人' }, { type: 'array', max: 20, message: '一次最多抄送 20 人' }]}>
        <Select
          mode="multiple"
          loading={loading}
          optionFilterProp="label"
          options={(data ?? []).filter((c) => !copied.has(c.userId)).map((c) => ({ value: c.userId, label: `${c.name}（${c.roleLabel} · ${c.regionName}）` }))}
        />
      </Form.Item>
      <Form.Item label="说明" name="comment" rules={[{ max: 500, message: '最长 500 字' }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} placeholder="可不填" />
      </Form.Item>
    </ActionDialog>
  );
}

/** 催办: the task's holder sees the reminder in 待办 at once; the API refuses a second one too soon (429). */
export function UrgeDialog({ project, onDone, onCancel }: DialogProps) {
  const [form] = Form.useForm<{ comment?: string }>();
  const next = project.approval.next;
  return (
    <ActionDialog<{ comment?: string }>
      title="催办"
      okText="发送催办"
      form={form}
      fields={['comment']}
      intro={next && <Typography.Paragraph>将提醒：{next.people.map((p) => p.name).join('、') || next.desk}</Typography.Paragraph>}
      send={({ comment }) => urgeTask(project.id, comment?.trim() || undefined)}
      success="已催办"
      onDone={onDone}
      onCancel={onCancel}
    >
      <Form.Item label="催办说明" name="comment" rules={[{ max: 500, message: '最长 500 字' }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} placeholder="可不填" />
      </Form.Item>
    </ActionDialog>
  );
}

/** 终止项目 (administrators): the project ends and its matched money goes back to the allocations. */
export function TerminateDialog({ project, onDone, onCancel }: DialogProps) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <ActionDialog<{ reason: string }>
      title="终止项目"
      okText="确认终止"
      danger
      form={form}
      fields={['reason']}
      intro={
        <Typography.Paragraph type="danger">
          终止后项目不能再办理；已匹配但未拨付的资金退回资金分配，可重新匹配（总投资 {formatYuan(project.totalBudget)} 元）。
        </Typography.Paragraph>
      }
      send={async ({ reason }) => {
        const result = await terminateProject(project.id, reason.trim());
        return result;
      }}
      success="项目已终止"
      onDone={onDone}
      onCancel={onCancel}
    >
      <Form.Item label="终止理由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写终止理由' }, { max: 1000, message: '最长 1000 字' }]}>
        <Input.TextArea autoSize={{ minRows: 3 }} />
      </Form.Item>
    </ActionDialog>
  );
}
