import { Form, Input, Typography } from 'antd';
import { requestAcceptance } from '../../../../services/project-actions';
import { ActionDialog } from './ActionDialog';
import type { DialogProps } from './types';

/** 申请验收: the village says the works are finished; the county then inspects them. */
export function AcceptanceRequestDialog({ project, onDone, onCancel }: DialogProps) {
  const [form] = Form.useForm<{ comment?: string }>();
  return (
    <ActionDialog<{ comment?: string }>
      title="申请竣工验收"
      okText="提交验收申请"
      form={form}
      fields={['comment']}
      intro={<Typography.Paragraph>当前实施进度 {project.process.latestProgress}%，提交后由县级组织验收。</Typography.Paragraph>}
      send={({ comment }) => requestAcceptance(project.id, comment?.trim() || undefined)}
      success="已申请验收"
      onDone={onDone}
      onCancel={onCancel}
    >
      <Form.Item label="说明" name="comment" rules={[{ max: 2000, message: '最长 2000 字' }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} placeholder="可不填" />
      </Form.Item>
    </ActionDialog>
  );
}
