import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Typography } from 'antd';
import { useRef } from 'react';
import { requestKey } from '../../../../components/request-key';
import { payProject, type PaymentBody } from '../../../../services/project-actions';
import type { Ledger } from '../../../../services/project-records';
import { yuanRule } from '../../apply/rules';
import { ActionDialog } from './ActionDialog';
import { DateField } from './DateField';
import { PAYMENT_KIND_LABELS, type PaymentKind } from './labels';
import { PaymentCaps } from './PaymentCaps';
import { today, type DialogProps } from './types';

const KIND_OPTIONS = (Object.keys(PAYMENT_KIND_LABELS) as PaymentKind[]).map((k) => ({ value: k, label: PAYMENT_KIND_LABELS[k] }));
const HOUSEHOLD_FIELDS = [
  { key: 'householdId', label: '户编号', placeholder: '如 140602205901-017' },
  { key: 'name', label: '户主姓名' },
  { key: 'account', label: '一卡通账号' },
  { key: 'item', label: '补助事项', placeholder: '如 庭院经济奖补' },
  { key: 'amount', label: '金额（元）' },
] as const;

function bodyOf(v: PaymentBody): PaymentBody {
  const households =
    v.kind === 'household'
      ? (v.households ?? []).map((h) => ({
          ...h,
          householdId: h.householdId.trim(),
          name: h.name.trim(),
          account: h.account.trim(),
          item: h.item.trim(),
          amount: h.amount.trim(),
        }))
      : undefined;
  return { kind: v.kind, amount: v.amount.trim(), paidAt: v.paidAt, ...(households ? { households } : {}) };
}

/** 资金拨付: the finance bureau pays against progress, acceptance or the households' 一卡通. */
export function PaymentDialog({ project, ledger, onDone, onCancel }: DialogProps & { ledger: Ledger | null }) {
  const [form] = Form.useForm<PaymentBody>();
  const kind = Form.useWatch('kind', form) as PaymentKind | undefined;
  // The same payment keeps its key, so resending after a lost answer is answered, not paid again.
  const key = useRef<{ body: string; key: string } | null>(null);
  const send = (v: PaymentBody) => {
    const body = bodyOf(v);
    const text = JSON.stringify(body);
    if (key.current?.body !== text) key.current = { body: text, key: requestKey() };
    return payProject(project.id, body, key.current.key);
  };
  return (
    <ActionDialog<PaymentBody>
      title="资金拨付"
      okText="确认拨付"
      width={kind === 'household' ? 860 : 640}
      form={form}
      fields={['kind', 'amount', 'paidAt', 'households']}
      initialValues={{ paidAt: today() }}
      intro={<PaymentCaps project={project} ledger={ledger} />}
      send={send}
      success="拨付已登记"
      onDone={onDone}
      onCancel={onCancel}
      refusalField={(f) => (f.status === 422 && !/农户|受益户/.test(f.message) ? ['amount'] : null)}
    >
      <Form.Item label="拨付类型" name="kind" rules={[{ required: true, message: '请选择拨付类型' }]}>
        <Select options={KIND_OPTIONS} showSearch={{ optionFilterProp: 'label' }} placeholder="进度款/尾款/质保金/到户补助" />
      </Form.Item>
      <Form.Item label="拨付金额（元）" name="amount" rules={[{ required: true, whitespace: true, message: '请填写拨付金额' }, yuanRule]}>
        <Input inputMode="decimal" placeholder="如 500000.00" />
      </Form.Item>
      <Form.Item label="拨付日期" name="paidAt" rules={[{ required: true, message: '请选择拨付日期' }]}>
        <DateField />
      </Form.Item>
      {kind === 'household' && (
        <Form.List
          name="households"
          rules={[
            { validator: async (_, rows: unknown[]) => (rows?.length ? undefined : Promise.reject(new Error('到户补助须列出受益户'))) },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              <Typography.Title level={5}>受益户（一卡通）</Typography.Title>
              {fields.map((field, index) => (
                <div className="household-row" key={field.key} role="group" aria-label={`受益户 ${index + 1}`}>
                  {HOUSEHOLD_FIELDS.map((f) => (
                    <Form.Item
                      key={f.key}
                      label={f.label}
                      name={[field.name, f.key]}
                      rules={[
                        { required: true, whitespace: true, message: `请填写${f.label.replace(/（.*/, '')}` },
                        ...(f.key === 'amount'
                          ? [yuanRule]
                          : f.key === 'account'
                            ? [{ pattern: /^\d{6,40}$/, message: '6–40 位数字' }]
                            : []),
                      ]}
                    >
                      <Input
                        placeholder={'placeholder' in f ? f.placeholder : undefined}
                        inputMode={f.key === 'amount' || f.key === 'account' ? 'decimal' : undefined}
                      />
                    </Form.Item>
                  ))}
                  <Button
                    className="household-row-remove"
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={`删除受益户 ${index + 1}`}
                  />
                </div>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ householdId: '', name: '', account: '', item: '', amount: '' })}
              >
                添加受益户
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      )}
    </ActionDialog>
  );
}
