import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Col, Collapse, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useInFlight } from '../../components/useInFlight';
import { RequiredAttachmentsFields } from './RequiredAttachmentsFields';
import { ApiFailure } from '../../services/http';
import { putPolicy, type PolicyView } from '../../services/policies';
import { FUND_LEVEL_OPTIONS, POLICY_LABELS, TASK_DUE_LABELS, changeOf, durationRule, formOf, formPathOf, problemsOf, ratioRule, warningsRule, yuanRule, type PolicyForm } from './policy-fields';

const DURATION_HELP = 'ISO-8601 时长：P10D 为 10 天，P2W 为 2 周，PT30S 为 30 秒（演示用）';

function NegativeListFields({ version }: { version: number }) {
  return (
    <Form.List name={['negativeList', 'entries']}>
      {(fields, { add, remove }) => (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Text type="secondary">当前第 {version} 版；保存修改后为第 {version + 1} 版。关键词输入后按回车。</Typography.Text>
          {fields.map((field) => (
            <Card key={field.key} size="small" styles={{ body: { paddingBottom: 0 } }}>
              <Row gutter={8} wrap>
                <Col xs={24} md={8}>
                  <Form.Item name={[field.name, 'category']} label="类别" rules={[{ required: true, whitespace: true, message: '请填写类别名称' }, { max: 100 }]}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col xs={20} md={14}>
                  <Form.Item name={[field.name, 'keywords']} label="关键词" rules={[{ required: true, type: 'array', min: 1, message: '至少一个关键词' }]}>
                    <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />
                  </Form.Item>
                </Col>
                <Col xs={4} md={2}>
                  <Button aria-label="删除此类别" danger type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} disabled={fields.length <= 1} />
                </Col>
              </Row>
            </Card>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({ category: '', keywords: [] })}>
            添加类别
          </Button>
        </Space>
      )}
    </Form.List>
  );
}

/**
 * 分级次最低占比: one row per fund level and (optionally) year, as the notices set them — Shanxi's
 * provincial money 60% in 2023, Shuocheng's city money 65% in 2024.
 */
function ShareRuleFields() {
  return (
    <Form.List name="industryShareMinByLevel">
      {(fields, { add, remove }) => (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Text type="secondary">某一级次资金另有要求时逐条填写；不填年度表示每一年。未列出的级次按上面的“{POLICY_LABELS.industryShareMin}”。</Typography.Text>
          {fields.map((field) => (
            <Row key={field.key} gutter={8} wrap className="share-rule-row">
              <Col xs={24} md={8}>
                <Form.Item name={[field.name, 'level']} label="资金级次" rules={[{ required: true, message: '请选择资金级次' }]}>
                  <Select options={FUND_LEVEL_OPTIONS} />
                </Form.Item>
              </Col>
              <Col xs={10} md={6}>
                <Form.Item name={[field.name, 'year']} label="年度" tooltip="不填表示每一年">
                  <InputNumber min={2000} max={2100} precision={0} placeholder="每年" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={10} md={8}>
                <Form.Item name={[field.name, 'min']} label="最低占比" rules={[ratioRule]}>
                  <Input inputMode="decimal" placeholder="0.60" />
                </Form.Item>
              </Col>
              <Col xs={4} md={2}>
                <Button aria-label="删除此条" danger type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
              </Col>
            </Row>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({ level: 'province', year: null, min: '' })}>
            添加分级次要求
          </Button>
        </Space>
      )}
    </Form.List>
  );
}

/**
 * 修改本级政策 (admin): starts from the values in force; only what was changed is sent, so values
 * left alone keep following the region above. The API's field errors land on their fields.
 */
export function PolicyEditor({ view, regionName, onSaved }: { view: PolicyView; regionName: string; onSaved: (view: PolicyView) => void }) {
  const [form] = Form.useForm<PolicyForm>();
  const { message } = AntApp.useApp();
  const { busy, run } = useInFlight<'save'>();
  const [refusal, setRefusal] = useState<string | null>(null);

  const save = (values: PolicyForm) =>
    run('save', async () => {
      setRefusal(null);
      const change = changeOf(values, view.policy);
      const keys = Object.keys(change);
      if (keys.length === 0) {
        message.info('没有修改任何政策项');
        return;
      }
      try {
        const saved = await putPolicy(view.regionCode, change);
        message.success(`已保存${regionName}的${keys.map((k) => POLICY_LABELS[k as keyof typeof POLICY_LABELS]).join('、')}`);
        onSaved(saved);
      } catch (failure) {
        if (!(failure instanceof ApiFailure)) {
          setRefusal('保存失败，请稍后重试');
          return;
        }
        const unplaced: string[] = [];
        const placed = new Map<string, { name: Array<string | number>; errors: string[] }>();
        for (const p of problemsOf(failure.details)) {
          const name = formPathOf(p.field);
          if (!name) unplaced.push(...p.messages.map((m) => (p.field ? `${p.field}：${m}` : m)));
          else {
            const id = JSON.stringify(name);
            placed.set(id, { name, errors: [...(placed.get(id)?.errors ?? []), ...p.messages] });
          }
        }
        form.setFields([...placed.values()] as Parameters<typeof form.setFields>[0]);
        if (placed.size === 0 || unplaced.length) setRefusal([failure.message, ...unplaced].join('；'));
      }
    });

  return (
    <Form<PolicyForm> form={form} layout="vertical" initialValues={formOf(view.policy)} onFinish={save} scrollToFirstError>
      {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="publicityPeriod" label={POLICY_LABELS.publicityPeriod} tooltip={DURATION_HELP} rules={[durationRule()]}>
            <Input placeholder="P10D" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="matchingDeadline" label={POLICY_LABELS.matchingDeadline} tooltip={`${DURATION_HELP}；自县级确认到账之日起计`} rules={[durationRule()]}>
            <Input placeholder="P15D" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="matchingWarnings" label={POLICY_LABELS.matchingWarnings} tooltip="到期前多久预警，可填多个，输入后按回车" rules={[warningsRule]}>
            <Select mode="tags" open={false} suffixIcon={null} placeholder="P5D、P2D" tokenSeparators={[',', '，', ' ']} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>{POLICY_LABELS.taskDue}</Typography.Text>
      <Row gutter={16} style={{ marginTop: 8 }}>
        {(Object.keys(TASK_DUE_LABELS) as Array<keyof typeof TASK_DUE_LABELS>).map((role) => (
          <Col xs={12} md={6} key={role}>
            <Form.Item name={['taskDue', role]} label={TASK_DUE_LABELS[role]} rules={[durationRule()]}>
              <Input />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={6}>
          <Form.Item name="industryShareMin" label={POLICY_LABELS.industryShareMin} tooltip="0 到 1 之间的小数，如 0.65 即 65%" rules={[ratioRule]}>
            <Input inputMode="decimal" placeholder="0.65" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="retentionRate" label={POLICY_LABELS.retentionRate} tooltip="0 到 1 之间的小数，如 0.03 即 3%" rules={[ratioRule]}>
            <Input inputMode="decimal" placeholder="0.03" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="warrantyPeriod" label={POLICY_LABELS.warrantyPeriod} tooltip={`${DURATION_HELP}；可为 P0D（无质保期）`} rules={[durationRule(true)]}>
            <Input placeholder="P1Y" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="meetingRequiredAbove" label={`${POLICY_LABELS.meetingRequiredAbove}（元）`} tooltip="产业项目金额超过此数须经县政府常务会议研究" rules={[yuanRule]}>
            <Input inputMode="decimal" placeholder="500000.00" style={{ textAlign: 'right' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item
            name="performanceTargetsRequired"
            label={POLICY_LABELS.performanceTargetsRequired}
            tooltip="开启后，村级提交申报前须在绩效目标表中填写产出、效益、满意度指标各至少一项"
            valuePropName="checked"
          >
            <Switch checkedChildren="要求" unCheckedChildren="不要求" />
          </Form.Item>
        </Col>
      </Row>
      <Collapse
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'industryShareMinByLevel',
            label: `${POLICY_LABELS.industryShareMinByLevel}（${view.policy.industryShareMinByLevel.length} 条）`,
            forceRender: true,
            children: <ShareRuleFields />,
          },
          {
            key: 'attachments',
            label: `附件（${POLICY_LABELS.requiredAttachments}、${POLICY_LABELS.attachmentMaxMb}、${POLICY_LABELS.attachmentTypes}）`,
            forceRender: true,
            children: <RequiredAttachmentsFields />,
          },
          {
            key: 'negativeList',
            label: `${POLICY_LABELS.negativeList}（第 ${view.policy.negativeList.version} 版，${view.policy.negativeList.entries.length} 类）`,
            forceRender: true,
            children: <NegativeListFields version={view.policy.negativeList.version} />,
          },
        ]}
      />
      <Space wrap>
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={busy === 'save'}>
          保存修改
        </Button>
        <Button onClick={() => form.resetFields()} disabled={busy !== null}>
          还原
        </Button>
        <Typography.Text type="secondary">只保存改动过的项目；未改动的继续沿用上级或默认值。</Typography.Text>
      </Space>
    </Form>
  );
}
