import { Form, Input, Select, Typography } from 'antd';
import { candidates, type CandidatePurpose } from '../../../../services/approvals';
import { useAsync } from '../../../../components/useAsync';
import { ActionDialog } from '../actions/ActionDialog';
import type { DialogProps } from '../actions/types';

interface Values {
  userId: string;
  comment: string;
}

interface PersonDialogProps extends DialogProps {
  purpose: Extract<CandidatePurpose, 'transfer' | 'delegate'>;
  send(id: string, userId: string, comment: string): Promise<unknown>;
}

const TEXT = {
  transfer: { title: '转办', ok: '确认转办', who: '转办给', comment: '转办说明', success: '已转办', intro: '转办后该待办由对方办理，您将不能再办理。' },
  delegate: { title: '委派', ok: '确认委派', who: '委派给', comment: '请对方审阅的内容', success: '已委派，等待对方提交意见', intro: '对方审阅并提交意见后，待办回到您这里由您决定。' },
} as const;

/** 转办 / 委派: pick a colleague at the same desk (the API lists the active ones) and say why. */
export function PersonDialog({ project, purpose, send, onDone, onCancel }: PersonDialogProps) {
  const [form] = Form.useForm<Values>();
  const text = TEXT[purpose];
  const { data, loading } = useAsync(() => candidates(project.id, purpose), [project.id, purpose]);
  return (
    <ActionDialog<Values>
      title={text.title}
      okText={text.ok}
      form={form}
      fields={['userId', 'comment']}
      intro={<Typography.Paragraph type="secondary">{text.intro}</Typography.Paragraph>}
      send={({ userId, comment }) => send(project.id, userId, comment.trim())}
      success={text.success}
      onDone={onDone}
      onCancel={onCancel}
    >
      <Form.Item label={text.who} name="userId" rules={[{ required: true, message: '请选择人员' }]}>
        <Select
          loading={loading}
          placeholder="同一岗位的在岗人员"
          options={(data ?? []).map((c) => ({ value: c.userId, label: `${c.name}（${c.regionName}）` }))}
          notFoundContent={loading ? '读取中…' : '本岗位没有其他在岗人员'}
        />
      </Form.Item>
      <Form.Item label={text.comment} name="comment" rules={[{ required: true, whitespace: true, message: '请填写说明' }, { max: 500, message: '最长 500 字' }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
    </ActionDialog>
  );
}
