import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { formatYuan } from '../../../components/format';
import { useInFlight } from '../../../components/useInFlight';
import { unmatch, type Batch, type FundMatch, type IndustryShare } from '../../../services/funds';
import { ApiFailure } from '../../../services/http';

/** 撤销匹配: the reason is required by the API and asked for before sending. */
export function UnmatchDialog({
  batch,
  countyCode,
  fundMatch,
  onClose,
  onDone,
}: {
  batch: Batch;
  countyCode: string;
  fundMatch: FundMatch;
  onClose: () => void;
  onDone: (batch: Batch, share: IndustryShare) => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, run } = useInFlight();
  const [refusal, setRefusal] = useState<string | null>(null);

  const submit = ({ reason }: { reason: string }) =>
    run('unmatch', async () => {
      setRefusal(null);
      try {
        const answer = await unmatch(batch.id, countyCode, fundMatch.id, reason.trim());
        onDone(answer.batch, answer.industryShare);
      } catch (failure) {
        if (!(failure instanceof ApiFailure)) throw failure;
        setRefusal(failure.message);
      }
    });

  return (
    <Modal open title="撤销资金匹配" okText="确认撤销" okButtonProps={{ danger: true }} cancelText="取消" onOk={() => form.submit()} onCancel={onClose} confirmLoading={busy === 'unmatch'} destroyOnHidden>
      <Typography.Paragraph>
        撤销「{fundMatch.projectName}」的 <span className="money">{formatYuan(fundMatch.amount)} 元</span>，这笔资金回到本县未匹配金额。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label="撤销理由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写撤销理由' }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder="如 项目调整，改由其他批次资金安排" />
        </Form.Item>
      </Form>
      {refusal && <Alert type="error" showIcon title={refusal} />}
    </Modal>
  );
}
