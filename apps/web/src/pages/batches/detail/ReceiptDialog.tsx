import { Alert, DatePicker, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { formatYuan } from '../../../components/format';
import { useInFlight } from '../../../components/useInFlight';
import { receive, type Allocation, type Batch } from '../../../services/funds';
import { ApiFailure } from '../../../services/http';

/** 确认到账: the day the money arrived, which starts the county's matching clock. */
export function ReceiptDialog({ batch, allocation, onClose, onDone }: { batch: Batch; allocation: Allocation; onClose: () => void; onDone: (batch: Batch) => void }) {
  const [form] = Form.useForm<{ receivedAt: Dayjs }>();
  const { busy, run } = useInFlight();
  const [refusal, setRefusal] = useState<string | null>(null);
  const issued = dayjs(batch.issuedAt);

  const submit = ({ receivedAt }: { receivedAt: Dayjs }) =>
    run('receive', async () => {
      setRefusal(null);
      try {
        onDone(await receive(batch.id, allocation.countyCode, receivedAt.format('YYYY-MM-DD')));
      } catch (failure) {
        if (!(failure instanceof ApiFailure)) throw failure;
        setRefusal(failure.message);
      }
    });

  return (
    <Modal open title={`确认到账 · ${allocation.countyName}`} okText="确认到账" cancelText="取消" onOk={() => form.submit()} onCancel={onClose} confirmLoading={busy === 'receive'} destroyOnHidden>
      <Typography.Paragraph>
        {batch.docNumber} 下达本县 <span className="money">{formatYuan(allocation.amount)} 元</span>。确认到账后开始资金匹配计时（默认 15 天）。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ receivedAt: dayjs() }}>
        <Form.Item label="到账日期" name="receivedAt" rules={[{ required: true, message: '请选择到账日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(issued, 'day')} />
        </Form.Item>
      </Form>
      {refusal && <Alert type="error" showIcon title={refusal} />}
    </Modal>
  );
}
