import { Form, Input, Radio, Tag, Typography } from 'antd';
import { isTargetValue, meetsTarget, type TargetComparison } from '../../../../../../../libs/domain/src/performance-targets';
import type { ProjectRecord } from '../../../../services/project-records';

/**
 * 绩效目标完成情况 in the acceptance dialog: one achieved value per row of the table, in its order.
 * A numeric target shows at once whether the typed value meets it (the API judges the same way); an
 * older free-text target needs the county's own judgment.
 */
export function TargetResultsFields({ project }: { project: ProjectRecord }) {
  const rows = project.performanceTargets;
  if (rows.length === 0) return null;
  return (
    <>
      <Typography.Title level={5}>绩效目标完成情况</Typography.Title>
      {rows.map((row, index) => {
        const numeric = row.comparison !== null && row.targetValue !== null;
        return (
          <div className="target-result-row" key={index} role="group" aria-label={`绩效目标完成值 ${index + 1}`}>
            <Typography.Text className="target-result-name">
              {index + 1}. {row.indicator}（目标 {row.target}）
            </Typography.Text>
            <Form.Item
              label="完成值"
              name={['targets', index, 'achieved']}
              rules={[
                { required: true, whitespace: true, message: '请填写完成值' },
                ...(numeric ? [{ pattern: /^(0|[1-9][0-9]{0,11})(\.[0-9]{1,4})?$/, message: '须为非负数字，最多 4 位小数' }] : []),
              ]}
              dependencies={['result']}
            >
              <Input inputMode={numeric ? 'decimal' : 'text'} suffix={numeric ? row.unit : undefined} aria-label={`${row.indicator} 完成值`} />
            </Form.Item>
            {numeric ? (
              <Form.Item noStyle dependencies={[['targets', index, 'achieved']]}>
                {({ getFieldValue }) => {
                  const typed = String(getFieldValue(['targets', index, 'achieved']) ?? '').trim();
                  if (!isTargetValue(typed)) return null;
                  const met = meetsTarget(row.comparison as TargetComparison, row.targetValue!, typed);
                  return <Tag color={met ? 'success' : 'error'}>{met ? '达到目标' : '未达到目标'}</Tag>;
                }}
              </Form.Item>
            ) : (
              <Form.Item label="是否达到" name={['targets', index, 'met']} rules={[{ required: true, message: '请判断是否达到目标' }]}>
                <Radio.Group options={[{ value: true, label: '达到' }, { value: false, label: '未达到' }]} />
              </Form.Item>
            )}
          </div>
        );
      })}
    </>
  );
}
