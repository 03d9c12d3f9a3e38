import { Col, Form, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import { ATTACHMENT_KINDS } from '../../../../../libs/domain/src/attachment-kinds';
import { FILE_TYPES, FILE_TYPE_CODES } from '../../../../../libs/domain/src/file-types';
import { ATTACHMENT_GATES, GATE_LABELS } from '../../../../../libs/domain/src/required-attachments';
import type { Policy } from '../../services/policies';
import { POLICY_LABELS } from './policy-fields';

const KIND_OPTIONS = ATTACHMENT_KINDS.map((k) => ({ value: k.code, label: k.label }));
const TYPE_OPTIONS = FILE_TYPE_CODES.map((t) => ({ value: t, label: FILE_TYPES[t].label }));
const kindLabel = (code: string) => ATTACHMENT_KINDS.find((k) => k.code === code)?.label ?? code;

/** 必传附件 as the table shows it: per step, the papers it waits for. */
export function RequiredAttachmentsText({ required }: { required: Policy['requiredAttachments'] }) {
  const gates = ATTACHMENT_GATES.filter((g) => required[g].length > 0);
  if (gates.length === 0) return <>不要求（各环节均可不上传附件）</>;
  return (
    <Space size={4} wrap>
      {gates.map((g) => (
        <Tag key={g}>
          {GATE_LABELS[g]}前：{required[g].map(kindLabel).join('、')}
        </Tag>
      ))}
    </Space>
  );
}

/**
 * 附件政策: which papers each step waits for (a county turns the villagers' resolution on for
 * submission here), how large a file may be, and which types are taken.
 */
export function RequiredAttachmentsFields() {
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Typography.Text type="secondary">选中的附件类别在对应环节前必须上传，否则系统拒绝办理并提示缺少哪一项；不选表示不要求。</Typography.Text>
      <Row gutter={16}>
        {ATTACHMENT_GATES.map((gate) => (
          <Col xs={24} md={12} key={gate}>
            <Form.Item name={['requiredAttachments', gate]} label={`${GATE_LABELS[gate]}前须上传`}>
              <Select mode="multiple" allowClear options={KIND_OPTIONS} placeholder="不要求" aria-label={`${GATE_LABELS[gate]}前须上传`} />
            </Form.Item>
          </Col>
        ))}
        <Col xs={24} md={8}>
          <Form.Item name="attachmentMaxMb" label={`${POLICY_LABELS.attachmentMaxMb}（MB）`} rules={[{ required: true, type: 'integer', min: 1, max: 50, message: '请填写 1 到 50 之间的整数' }]}>
            <InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="attachmentTypes" label={POLICY_LABELS.attachmentTypes} tooltip="按文件内容识别，不看文件名" rules={[{ required: true, type: 'array', min: 1, message: '至少允许一种文件类型' }]}>
            <Select mode="multiple" options={TYPE_OPTIONS} />
          </Form.Item>
        </Col>
      </Row>
    </Space>
  );
}
