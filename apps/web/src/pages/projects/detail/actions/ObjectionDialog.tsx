import { Form, Input, Radio, Select, Typography } from 'antd';
import { formatTime } from '../../../../components/format';
import { resolveObjection, type ObjectionDecisionBody } from '../../../../services/project-actions';
import { ActionDialog } from './ActionDialog';
import type { DialogProps } from './types';

type Values = ObjectionDecisionBody & { objectionId: string };

/** 处理异议 from the project's own page; the 异议处理 page lists every project's objections. */
export function ObjectionDialog({ project, onDone, onCancel }: DialogProps) {
  const [form] = Form.useForm<Values>();
  const open = project.process.objections.filter((o) => o.status === 'open');
  const chosen = open.find((o) => o.id === Form.useWatch('objectionId', form)) ?? open[0];
  if (!chosen) return null;
  return (
    <ActionDialog<Values>
      title="处理公示异议"
      okText="确认处理"
      form={form}
      fields={['decision', 'comment']}
      initialValues={{ objectionId: open[0].id }}
      intro={
        <>
          <Typography.Paragraph>
            <Typography.Text strong>{chosen.name}</Typography.Text>
            {chosen.contact ? `（${chosen.contact}）` : ''} 于 {formatTime(chosen.raisedAt)} 提出：
          </Typography.Paragraph>
          <Typography.Paragraph className="objection-content">{chosen.content}</Typography.Paragraph>
        </>
      }
      send={(v) => resolveObjection(project.id, v.objectionId, { decision: v.decision, comment: v.comment.trim() })}
      success="异议已处理"
      onDone={onDone}
      onCancel={onCancel}
    >
      <Form.Item label="异议" name="objectionId" hidden={open.length < 2}>
        <Select options={open.map((o) => ({ value: o.id, label: `${o.name} ${formatTime(o.raisedAt)}` }))} />
      </Form.Item>
      <Form.Item label="处理决定" name="decision" rules={[{ required: true, message: '请选择处理决定' }]}>
        <Radio.Group
          options={[
            { value: 'dismiss', label: '异议不成立（继续公示）' },
            { value: 'uphold', label: '异议成立（退回修改）' },
          ]}
        />
      </Form.Item>
      <Form.Item
        label="处理意见"
        name="comment"
        rules={[
          { required: true, whitespace: true, message: '请填写核实情况和处理意见' },
          { max: 2000, message: '最长 2000 字' },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 3 }} />
      </Form.Item>
    </ActionDialog>
  );
}
