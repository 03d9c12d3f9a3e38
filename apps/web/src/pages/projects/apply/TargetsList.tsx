import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Typography } from 'antd';
import {
  COMPARISON_SIGNS,
  TARGET_COMPARISONS,
  TARGET_SUBCATEGORIES,
  TARGET_SUBCATEGORY_LABELS,
  TARGET_VALUE_PATTERN,
  type TargetCategory,
} from '../../../../../../libs/domain/src/performance-targets';
import { TARGET_CATEGORIES } from './application-values';

const COMPARISON_OPTIONS = TARGET_COMPARISONS.map((value) => ({ value, label: COMPARISON_SIGNS[value] }));
const VALUE = new RegExp(TARGET_VALUE_PATTERN);

function subCategoryOptions(category: TargetCategory | undefined) {
  return (category ? TARGET_SUBCATEGORIES[category] : []).map((value) => ({ value, label: TARGET_SUBCATEGORY_LABELS[value] }));
}

/** 绩效目标表: indicator rows under 产出 / 效益 / 满意度, each with its second-level group and a measurable target. */
export function TargetsList({ disabled }: { disabled: boolean }) {
  const form = Form.useFormInstance();
  return (
    <Form.List name="performanceTargets">
      {(fields, { add, remove }) => (
        <>
          {fields.length === 0 && (
            <Typography.Paragraph type="secondary">尚未填写绩效目标，可按产出、效益、满意度逐项添加（部分地区要求三类各至少一项方可提交）。</Typography.Paragraph>
          )}
          {fields.map((field, index) => (
            <div className="list-row list-row-target" key={field.key} role="group" aria-label={`绩效目标 ${index + 1}`}>
              <span className="list-row-index" aria-hidden>
                {index + 1}
              </span>
              <Form.Item label="一级指标" name={[field.name, 'category']} rules={[{ required: true, message: '请选择一级指标' }]}>
                <Select
                  options={TARGET_CATEGORIES}
                  placeholder="请选择"
                  disabled={disabled}
                  onChange={() => form.setFieldValue(['performanceTargets', field.name, 'subCategory'], undefined)}
                />
              </Form.Item>
              <Form.Item noStyle dependencies={[['performanceTargets', field.name, 'category']]}>
                {() => (
                  <Form.Item label="二级指标" name={[field.name, 'subCategory']} rules={[{ required: true, message: '请选择二级指标' }]}>
                    <Select options={subCategoryOptions(form.getFieldValue(['performanceTargets', field.name, 'category']))} placeholder="请选择" disabled={disabled} />
                  </Form.Item>
                )}
              </Form.Item>
              <Form.Item label="指标名称" name={[field.name, 'indicator']} rules={[{ required: true, whitespace: true, message: '请填写指标名称' }, { max: 200, message: '最长 200 字' }]}>
                <Input placeholder="如 改造蔬菜大棚数量" disabled={disabled} />
              </Form.Item>
              <Form.Item label="比较" name={[field.name, 'comparison']} rules={[{ required: true, message: '请选择' }]}>
                <Select options={COMPARISON_OPTIONS} disabled={disabled} aria-label={`比较方式 ${index + 1}`} />
              </Form.Item>
              <Form.Item
                label="目标值"
                name={[field.name, 'targetValue']}
                rules={[
                  { required: true, whitespace: true, message: '请填写目标值' },
                  { pattern: VALUE, message: '须为非负数字，最多 4 位小数' },
                ]}
              >
                <Input inputMode="decimal" placeholder="如 20" disabled={disabled} />
              </Form.Item>
              <Form.Item label="单位" name={[field.name, 'unit']} rules={[{ required: true, whitespace: true, message: '请填写单位' }, { max: 20, message: '最长 20 字' }]}>
                <Input placeholder="如 座、%" disabled={disabled} />
              </Form.Item>
              <Button className="list-row-remove" icon={<DeleteOutlined />} onClick={() => remove(field.name)} disabled={disabled} aria-label={`删除绩效目标 ${index + 1}`} />
            </div>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ category: 'output', indicator: '', comparison: '>=', targetValue: '', unit: '' })}
            disabled={disabled || fields.length >= 50}
          >
            添加绩效目标
          </Button>
        </>
      )}
    </Form.List>
  );
}
