import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Space, Typography } from 'antd';
import { CountyPicker } from './CountyPicker';

const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;
const amountRule = { pattern: AMOUNT, message: '金额须为数字，最多两位小数（元）' };

/** 其中: the parts of one county's amount reserved for a purpose. */
function EarmarkRows({ row }: { row: number }) {
  return (
    <Form.List name={[row, 'earmarks']}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Row gutter={8} key={field.key} align="top" wrap={false}>
              <Col flex="auto">
                <Form.Item label="专项用途" name={[field.name, 'purpose']} rules={[{ required: true, message: '请填写专项用途' }]}>
                  <Input placeholder="如 健康乡村示范创建" maxLength={100} />
                </Form.Item>
              </Col>
              <Col flex="140px">
                <Form.Item label="专项金额（元）" name={[field.name, 'amount']} rules={[{ required: true, message: '请填写金额' }, amountRule]}>
                  <Input inputMode="decimal" className="money" />
                </Form.Item>
              </Col>
              <Col flex="none" style={{ paddingTop: 30 }}>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除专项" onClick={() => remove(field.name)} />
              </Col>
            </Row>
          ))}
          <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ purpose: '', amount: '' })}>
            添加专项（其中）
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** 分配明细: one card per county, which stacks into one column at phone width. */
export function AllocationRows() {
  return (
    <Form.List name="allocations" rules={[{ validator: async (_, rows) => (rows?.length ? undefined : Promise.reject(new Error('至少添加一个县的分配'))) }]}>
      {(fields, { add, remove }, { errors }) => (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              title={`第 ${index + 1} 行`}
              extra={
                fields.length > 1 && (
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                    删除
                  </Button>
                )
              }
            >
              <Row gutter={16}>
                <Col xs={24} md={10}>
                  <Form.Item label="县（市、区）" name={[field.name, 'regionCode']} rules={[{ required: true, message: '请选择县' }]}>
                    <CountyPicker />
                  </Form.Item>
                </Col>
                <Col xs={24} md={7}>
                  <Form.Item label="分配金额（元）" name={[field.name, 'amount']} rules={[{ required: true, message: '请填写分配金额' }, amountRule]}>
                    <Input inputMode="decimal" className="money" placeholder="如 3770000.00" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={7}>
                  <Form.Item label="县类别（备注）" name={[field.name, 'category']}>
                    <Input placeholder="如 重点帮扶县" maxLength={50} />
                  </Form.Item>
                </Col>
              </Row>
              <EarmarkRows row={field.name} />
            </Card>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ regionCode: undefined, amount: '', earmarks: [] })}>
            添加一个县
          </Button>
          <Form.ErrorList errors={errors} />
          <Typography.Text type="secondary">金额以元为单位；分配表按万元下达时请换算（1 万元 = 10000 元），或使用“导入分配表”。</Typography.Text>
        </Space>
      )}
    </Form.List>
  );
}
