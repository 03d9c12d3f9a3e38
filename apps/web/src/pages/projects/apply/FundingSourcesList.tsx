import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Form, Input, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { formatYuan } from '../../../components/format';
import { formatYuan as fenToYuan } from '../../../../../../libs/domain/src/money';
import { fundingBalance, type ApplicationValues } from './application-values';
import { yuanRule } from './rules';

const SOURCE_SUGGESTIONS = ['中央衔接资金', '省级衔接资金', '市级衔接资金', '县级衔接资金', '村集体自筹', '企业自筹', '其他资金'].map((value) => ({ value }));

/** The live total of the rows against the budget, exact to the fen, read out to screen readers as it changes. */
function FundingTotal({ form }: { form: FormInstance<ApplicationValues> }) {
  const rows = Form.useWatch('fundingSources', form);
  const budget = Form.useWatch('totalBudget', form);
  const balance = fundingBalance(budget, rows);
  let verdict: ReactNode = <Typography.Text type="secondary">填写总投资和各来源金额后自动核对</Typography.Text>;
  if (balance.sourcesFen !== null && balance.budgetFen !== null) {
    const gap = balance.budgetFen - balance.sourcesFen;
    verdict = balance.balanced ? (
      <Typography.Text type="success">与总投资一致</Typography.Text>
    ) : (
      <Typography.Text type="danger">
        {gap > 0n ? `还差 ${formatYuan(fenToYuan(gap))} 元` : `超出 ${formatYuan(fenToYuan(-gap))} 元`}
      </Typography.Text>
    );
  }
  return (
    <div className={`funding-total ${balance.balanced ? 'funding-total-ok' : balance.sourcesFen !== null && balance.budgetFen !== null ? 'funding-total-off' : ''}`} aria-live="polite" data-testid="funding-total">
      <span>
        资金来源合计 <strong className="money">{balance.sourcesFen === null ? '—' : formatYuan(balance.sources)}</strong> 元
      </span>
      <span>
        总投资 <strong className="money">{balance.budgetFen === null ? '—' : formatYuan(balance.budget)}</strong> 元
      </span>
      {verdict}
    </div>
  );
}

/** 资金来源: one row per channel; the rows must add up to the total budget. */
export function FundingSourcesList({ form, disabled }: { form: FormInstance<ApplicationValues>; disabled: boolean }) {
  return (
    <Form.List
      name="fundingSources"
      rules={[
        {
          validator: async (_, rows?: ApplicationValues['fundingSources']) => {
            if (!rows || rows.length === 0) throw new Error('至少填写一个资金来源');
            const balance = fundingBalance(form.getFieldValue('totalBudget'), rows);
            if (balance.sourcesFen !== null && balance.budgetFen !== null && !balance.balanced) throw new Error('各资金来源金额之和须等于总投资');
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field, index) => (
            <div className="list-row list-row-funding" key={field.key} role="group" aria-label={`资金来源 ${index + 1}`}>
              <span className="list-row-index" aria-hidden>
                {index + 1}
              </span>
              <Form.Item label="资金来源" name={[field.name, 'source']} rules={[{ required: true, whitespace: true, message: '请填写资金来源' }]}>
                <AutoComplete options={SOURCE_SUGGESTIONS} placeholder="如 市级衔接资金" disabled={disabled} />
              </Form.Item>
              <Form.Item label="金额（元）" name={[field.name, 'amount']} rules={[{ required: true, message: '请填写金额' }, yuanRule]}>
                <Input inputMode="decimal" placeholder="如 1600000.00" suffix="元" disabled={disabled} className="money-input" />
              </Form.Item>
              <Button
                className="list-row-remove"
                icon={<DeleteOutlined />}
                onClick={() => remove(field.name)}
                disabled={disabled || fields.length <= 1}
                aria-label={`删除资金来源 ${index + 1}`}
              />
            </div>
          ))}
          <Form.ErrorList errors={errors} />
          <div className="list-footer">
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ source: '', amount: '' })} disabled={disabled || fields.length >= 20}>
              添加资金来源
            </Button>
            <FundingTotal form={form} />
          </div>
        </>
      )}
    </Form.List>
  );
}
