import { Alert, Form, Input, Typography } from 'antd';
import { clearNegativeListFlag } from '../../../../services/project-actions';
import { ActionDialog } from './ActionDialog';
import { FIELD_LABELS } from './labels';
import type { DialogProps } from './types';

/** 解除负面清单提示: the department reads what was hit and states in writing why the use is nonetheless allowed. */
export function ClearFlagDialog({ project, onDone, onCancel }: DialogProps) {
  const [form] = Form.useForm<{ comment: string }>();
  const hits = project.process.negativeList?.hits ?? [];
  return (
    <ActionDialog<{ comment: string }>
      title="解除负面清单提示"
      okText="确认解除"
      form={form}
      fields={['comment']}
      intro={
        <>
          <Alert type="warning" showIcon title={`申报内容命中负面清单 ${hits.length} 处`} style={{ marginBottom: 12 }} />
          <ul className="negative-hits">
            {hits.map((h) => (
              <li key={`${h.field}-${h.keyword}`}>
                <Typography.Text strong>{h.category}</Typography.Text>：{FIELD_LABELS[h.field] ?? h.field}中出现“{h.keyword}”
              </li>
            ))}
          </ul>
        </>
      }
      send={({ comment }) => clearNegativeListFlag(project.id, comment.trim())}
      success="负面清单提示已解除"
      onDone={onDone}
      onCancel={onCancel}
      refusalField={() => ['comment']}
    >
      <Form.Item
        label="解除理由"
        name="comment"
        rules={[
          { required: true, whitespace: true, message: '请书面说明为何不属于负面清单所列用途' },
          { max: 2000, message: '最长 2000 字' },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 3 }} placeholder="如：所建为村集体经营用房，非行政办公用房" />
      </Form.Item>
    </ActionDialog>
  );
}
