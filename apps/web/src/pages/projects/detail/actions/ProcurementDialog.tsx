import { AutoComplete, Form, Input } from 'antd';
import { formatYuan } from '../../../../components/format';
import { recordProcurement, type ProcurementBody } from '../../../../services/project-actions';
import { yuanRule } from '../../apply/rules';
import { AttachmentsPanel } from '../../../../components/attachments/AttachmentsPanel';
import { ActionDialog } from './ActionDialog';
import { DateField } from './DateField';
import { PROCUREMENT_METHODS } from './labels';
import { today, type DialogProps } from './types';

/** 登记采购: how the works were let, to whom, for how much; the contract then sets what may be paid. */
export function ProcurementDialog({ project, onDone, onCancel }: DialogProps) {
  const [form] = Form.useForm<ProcurementBody>();
  const current = project.process.procurement;
  return (
    <ActionDialog<ProcurementBody>
      title={current ? '更正采购与合同' : '登记采购与合同'}
      okText="保存"
      form={form}
      fields={['method', 'winner', 'contractAmount', 'contractDate']}
      initialValues={
        current
          ? {
              method: current.method,
              winner: current.winner,
              contractAmount: current.contractAmount ?? undefined,
              contractDate: current.contractDate,
            }
          : { contractDate: today() }
      }
      send={(v) =>
        recordProcurement(project.id, { ...v, method: v.method.trim(), winner: v.winner.trim(), contractAmount: v.contractAmount.trim() })
      }
      success="采购与合同已登记"
      onDone={onDone}
      onCancel={onCancel}
      refusalField={(f) => (/合同金额/.test(f.message) ? ['contractAmount'] : null)}
    >
      <Form.Item
        label="采购方式"
        name="method"
        rules={[
          { required: true, whitespace: true, message: '请填写采购方式' },
          { max: 50, message: '最长 50 字' },
        ]}
      >
        <AutoComplete options={PROCUREMENT_METHODS.map((m) => ({ value: m }))} placeholder="如 公开招标" />
      </Form.Item>
      <Form.Item
        label="中标（成交）单位"
        name="winner"
        rules={[
          { required: true, whitespace: true, message: '请填写中标或成交单位' },
          { max: 200, message: '最长 200 字' },
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        label="合同金额（元）"
        name="contractAmount"
        extra={`批复总投资 ${formatYuan(project.totalBudget)} 元`}
        rules={[{ required: true, whitespace: true, message: '请填写合同金额' }, yuanRule]}
      >
        <Input inputMode="decimal" placeholder="如 1550000.00" />
      </Form.Item>
      <Form.Item label="合同签订日期" name="contractDate" rules={[{ required: true, message: '请选择合同签订日期' }]}>
        <DateField />
      </Form.Item>
      <Form.Item label="合同与采购文件">
        <AttachmentsPanel projectId={project.id} kinds={['contract', 'procurement_documents']} onlyListed />
      </Form.Item>
    </ActionDialog>
  );
}
