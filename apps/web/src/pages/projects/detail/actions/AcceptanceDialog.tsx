import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Radio, Select, Typography } from 'antd';
import { ASSET_KINDS, ASSET_KIND_LABELS, type AssetKind } from '../../../../../../../libs/domain/src/asset-kinds';
import { acceptProject, type AcceptanceBody } from '../../../../services/project-actions';
import { yuanRule } from '../../apply/rules';
import { AttachmentsPanel } from '../../../../components/attachments/AttachmentsPanel';
import { ActionDialog } from './ActionDialog';
import { DateField } from './DateField';
import { TargetResultsFields } from './TargetResultsFields';
import { today, type DialogProps } from './types';

const KIND_OPTIONS = ASSET_KINDS.map((k: AssetKind) => ({ value: k, label: ASSET_KIND_LABELS[k] }));

/** 竣工验收 with 资产确权移交: what the works left behind, whose it is and who looks after it. */
export function AcceptanceDialog({ project, onDone, onCancel }: DialogProps) {
  const [form] = Form.useForm<AcceptanceBody>();
  const required = (message: string) => ({ required: true, whitespace: true, message });
  return (
    <ActionDialog<AcceptanceBody>
      title="竣工验收"
      okText="保存验收结论"
      width={760}
      form={form}
      fields={['result', 'findings', 'acceptedAt', 'assets', 'targets']}
      initialValues={{ acceptedAt: today(), assets: [] }}
      send={(v) =>
        acceptProject(project.id, {
          ...v,
          findings: v.findings.trim(),
          assets: (v.assets ?? []).map((a) => ({
            name: a.name.trim(),
            kind: a.kind,
            value: a.value.trim(),
            owner: a.owner.trim(),
            caretaker: a.caretaker.trim(),
          })),
          targets: (v.targets ?? []).map((t) => ({ achieved: t.achieved.trim(), ...(typeof t.met === 'boolean' ? { met: t.met } : {}) })),
        })
      }
      success="验收结论已保存"
      onDone={onDone}
      onCancel={onCancel}
    >
      <Form.Item label="验收结论" name="result" rules={[{ required: true, message: '请选择验收结论' }]}>
        <Radio.Group
          options={[
            { value: 'pass', label: '合格（进入拨付）' },
            { value: 'fail', label: '不合格（返回整改）' },
          ]}
        />
      </Form.Item>
      <Form.Item label="验收意见" name="findings" rules={[required('请填写验收意见'), { max: 5000, message: '最长 5000 字' }]}>
        <Input.TextArea autoSize={{ minRows: 3 }} />
      </Form.Item>
      <Form.Item label="验收日期" name="acceptedAt" rules={[{ required: true, message: '请选择验收日期' }]}>
        <DateField />
      </Form.Item>
      <TargetResultsFields project={project} />
      <Typography.Title level={5}>形成资产</Typography.Title>
      <Form.List name="assets">
        {(fields, { add, remove }) => (
          <>
            {fields.length === 0 && (
              <Typography.Paragraph type="secondary">逐项登记项目形成的资产及其产权归属、管护主体。</Typography.Paragraph>
            )}
            {fields.map((field, index) => (
              <div className="asset-row" key={field.key} role="group" aria-label={`资产 ${index + 1}`}>
                <Form.Item
                  label="资产名称"
                  name={[field.name, 'name']}
                  rules={[required('请填写资产名称'), { max: 200, message: '最长 200 字' }]}
                >
                  <Input placeholder="如 蔬菜大棚 20 座" />
                </Form.Item>
                <Form.Item label="资产类别" name={[field.name, 'kind']} rules={[{ required: true, message: '请选择资产类别' }]}>
                  <Select options={KIND_OPTIONS} showSearch={{ optionFilterProp: 'label' }} placeholder="经营性/公益性/到户" />
                </Form.Item>
                <Form.Item label="资产价值（元）" name={[field.name, 'value']} rules={[required('请填写资产价值'), yuanRule]}>
                  <Input inputMode="decimal" />
                </Form.Item>
                <Form.Item
                  label="产权归属"
                  name={[field.name, 'owner']}
                  rules={[required('请填写产权归属'), { max: 200, message: '最长 200 字' }]}
                >
                  <Input placeholder="如 北曹村股份经济合作社" />
                </Form.Item>
                <Form.Item
                  label="管护主体"
                  name={[field.name, 'caretaker']}
                  rules={[required('请填写管护主体'), { max: 200, message: '最长 200 字' }]}
                >
                  <Input placeholder="如 北曹村村委会" />
                </Form.Item>
                <Button
                  className="asset-row-remove"
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={`删除资产 ${index + 1}`}
                />
              </div>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ name: '', value: '', owner: '', caretaker: '' })}
              disabled={fields.length >= 200}
            >
              添加资产
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item label="验收报告" className="acceptance-report">
        <AttachmentsPanel projectId={project.id} kinds={['acceptance_report', 'photo']} onlyListed />
      </Form.Item>
    </ActionDialog>
  );
}
