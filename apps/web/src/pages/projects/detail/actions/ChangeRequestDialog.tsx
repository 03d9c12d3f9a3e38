import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Radio, Space } from 'antd';
import { requestChange, type ChangeRequestBody } from '../../../../services/project-actions';
import { yuanRule } from '../../apply/rules';
import { ActionDialog } from './ActionDialog';
import { CHANGE_KIND_LABELS, type ChangeKind } from './labels';
import type { DialogProps } from './types';

type Values = Omit<ChangeRequestBody, 'fundingSources'> & { fundingSources?: { source: string; amount: string }[] };

/** Only the fields the kind of change touches go to the API, so a scope change cannot move money. */
function bodyOf(v: Values): ChangeRequestBody {
  const base = { kind: v.kind, reason: v.reason.trim() };
  if (v.kind === 'budget')
    return {
      ...base,
      totalBudget: v.totalBudget?.trim(),
      fundingSources: (v.fundingSources ?? []).map((f) => ({ source: f.source.trim(), amount: f.amount.trim() })),
    };
  if (v.kind === 'scope') return { ...base, content: v.content?.trim(), ...(v.scale?.trim() ? { scale: v.scale.trim() } : {}) };
  return { ...base, place: v.place?.trim() };
}

/** 申请变更: budget, scope or place, with the reason; the county decides. */
export function ChangeRequestDialog({ project, onDone, onCancel }: DialogProps) {
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) as ChangeKind | undefined;
  const required = (message: string) => ({ required: true, whitespace: true, message });
  return (
    <ActionDialog<Values>
      title="申请项目变更"
      okText="提交变更申请"
      width={640}
      form={form}
      fields={['kind', 'reason', 'totalBudget', 'fundingSources', 'content', 'scale', 'place']}
      initialValues={{
        totalBudget: project.totalBudget,
        fundingSources: project.fundingSources.map((f) => ({ source: f.source, amount: f.amount })),
        content: project.content,
        scale: project.scale ?? '',
        place: project.place,
      }}
      send={(v) => requestChange(project.id, bodyOf(v))}
      success="变更申请已提交，等待县级审批"
      onDone={onDone}
      onCancel={onCancel}
    >
      <Form.Item label="变更类型" name="kind" rules={[{ required: true, message: '请选择变更类型' }]}>
        <Radio.Group options={(Object.keys(CHANGE_KIND_LABELS) as ChangeKind[]).map((k) => ({ value: k, label: CHANGE_KIND_LABELS[k] }))} />
      </Form.Item>
      <Form.Item label="变更理由" name="reason" rules={[required('请填写变更理由'), { max: 2000, message: '最长 2000 字' }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
      {kind === 'budget' && (
        <>
          <Form.Item label="变更后总投资（元）" name="totalBudget" rules={[required('请填写变更后的总投资'), yuanRule]}>
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.List
            name="fundingSources"
            rules={[
              { validator: async (_, rows: unknown[]) => (rows?.length ? undefined : Promise.reject(new Error('至少一项资金来源'))) },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Form.Item label="变更后资金来源">
                {fields.map((field, index) => (
                  <Space key={field.key} align="start" className="change-source-row" wrap>
                    <Form.Item name={[field.name, 'source']} rules={[required('请填写资金来源')]}>
                      <Input placeholder="资金来源" aria-label={`资金来源 ${index + 1}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'amount']} rules={[required('请填写金额'), yuanRule]}>
                      <Input placeholder="金额（元）" inputMode="decimal" aria-label={`金额 ${index + 1}`} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={`删除资金来源 ${index + 1}`} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ source: '', amount: '' })}>
                  添加资金来源
                </Button>
                <Form.ErrorList errors={errors} />
              </Form.Item>
            )}
          </Form.List>
        </>
      )}
      {kind === 'scope' && (
        <>
          <Form.Item
            label="变更后建设内容"
            name="content"
            rules={[required('请填写变更后的建设内容'), { max: 5000, message: '最长 5000 字' }]}
          >
            <Input.TextArea autoSize={{ minRows: 3 }} />
          </Form.Item>
          <Form.Item label="变更后建设规模" name="scale" rules={[{ max: 1000, message: '最长 1000 字' }]}>
            <Input />
          </Form.Item>
        </>
      )}
      {kind === 'place' && (
        <Form.Item label="变更后实施地点" name="place" rules={[required('请填写变更后的实施地点'), { max: 500, message: '最长 500 字' }]}>
          <Input />
        </Form.Item>
      )}
    </ActionDialog>
  );
}
