import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Typography } from 'antd';
import { TARGET_CATEGORIES } from './application-values';

/** 绩效目标表: indicator rows under 产出 / 效益 / 满意度, each with its target value. */
export function TargetsList({ disabled }: { disabled: boolean }) {
  return (
    <Form.List name="performanceTargets">
      {(fields, { add, remove }) => (
        <>
          {fields.length === 0 && <Typography.Paragraph type="secondary">尚未填写绩效目标，可按产出、效益、满意度逐项添加。</Typography.Paragraph>}
          {fields.map((field, index) => (
            <div className="list-row list-row-target" key={field.key} role="group" aria-label={`绩效目标 ${index + 1}`}>
              <span className="list-row-index" aria-hidden>
                {index + 1}
              </span>
              <Form.Item label="指标类别" name={[field.name, 'category']} rules={[{ required: true, message: '请选择指标类别' }]}>
                <Select options={TARGET_CATEGORIES} placeholder="请选择" disabled={disabled} />
              </Form.Item>
              <Form.Item label="指标名称" name={[field.name, 'indicator']} rules={[{ required: true, whitespace: true, message: '请填写指标名称' }, { max: 200, message: '最长 200 字' }]}>
                <Input placeholder="如 新建蔬菜大棚数量" disabled={disabled} />
              </Form.Item>
              <Form.Item label="目标值" name={[field.name, 'target']} rules={[{ required: true, whitespace: true, message: '请填写目标值' }, { max: 200, message: '最长 200 字' }]}>
                <Input placeholder="如 ≥20 座" disabled={disabled} />
              </Form.Item>
              <Button className="list-row-remove" icon={<DeleteOutlined />} onClick={() => remove(field.name)} disabled={disabled} aria-label={`删除绩效目标 ${index + 1}`} />
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ category: 'output', indicator: '', target: '' })} disabled={disabled || fields.length >= 50}>
            添加绩效目标
          </Button>
        </>
      )}
    </Form.List>
  );
}
