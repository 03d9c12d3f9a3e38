import { Form, Input, InputNumber } from 'antd';
import { reportProgress, type ProgressBody } from '../../../../services/project-actions';
import { ActionDialog } from './ActionDialog';
import { DateField } from './DateField';
import { today, type DialogProps } from './types';

/** 报告进度: the share of the works done, which bounds the progress payments. */
export function ProgressDialog({ project, onDone, onCancel }: DialogProps) {
  const [form] = Form.useForm<ProgressBody>();
  const last = project.process.latestProgress;
  return (
    <ActionDialog<ProgressBody>
      title="报告实施进度"
      okText="报告"
      form={form}
      fields={['percent', 'note', 'reportedAt']}
      initialValues={{ reportedAt: today(), note: '' }}
      send={(v) => reportProgress(project.id, { ...v, note: (v.note ?? '').trim() })}
      success="进度已报告"
      onDone={onDone}
      onCancel={onCancel}
      refusalField={(f) => (/进度/.test(f.message) ? ['percent'] : null)}
    >
      <Form.Item
        label="完成进度（%）"
        name="percent"
        extra={`上次报告 ${last}%`}
        rules={[
          { required: true, message: '请填写完成进度' },
          { type: 'integer', min: 0, max: 100, message: '进度须为 0–100 的整数' },
        ]}
      >
        <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label="进度说明" name="note" rules={[{ max: 2000, message: '最长 2000 字' }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} placeholder="如 主体结构完工" />
      </Form.Item>
      <Form.Item label="报告日期" name="reportedAt" rules={[{ required: true, message: '请选择报告日期' }]}>
        <DateField />
      </Form.Item>
    </ActionDialog>
  );
}
