import { Form, Input, Typography } from 'antd';
import { withdrawProject } from '../../../../services/project-actions';
import { ActionDialog } from './ActionDialog';
import type { DialogProps } from './types';

/** 撤回: the village takes its application back for good. */
export function WithdrawDialog({ project, onDone, onCancel }: DialogProps) {
  const [form] = Form.useForm<{ comment?: string }>();
  return (
    <ActionDialog<{ comment?: string }>
      title="撤回申报"
      okText="确认撤回"
      danger
      form={form}
      fields={['comment']}
      intro={<Typography.Paragraph type="danger">撤回后项目终止，不能再提交；如需修改请等待退回。</Typography.Paragraph>}
      send={({ comment }) => withdrawProject(project.id, comment?.trim() || undefined)}
      success="申报已撤回"
      onDone={onDone}
      onCancel={onCancel}
    >
      <Form.Item label="撤回原因" name="comment" rules={[{ max: 2000, message: '最长 2000 字' }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} placeholder="可不填" />
      </Form.Item>
    </ActionDialog>
  );
}
