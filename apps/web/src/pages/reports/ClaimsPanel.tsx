import { Alert, Button, Card, Form, Input } from 'antd';
import { useEffect } from 'react';
import type { SelfEvaluation } from '../../services/reports';

export interface ClaimsPanelProps {
  report: SelfEvaluation;
  busy: boolean;
  onSave(claimed: Record<string, string>): Promise<boolean>;
}

/**
 * 拟上报数: the figures the county means to send, as it would type them. Each is checked against the
 * records on saving; a mismatch is shown with both values and the difference, never corrected silently.
 */
export function ClaimsPanel({ report, busy, onSave }: ClaimsPanelProps) {
  const [form] = Form.useForm<Record<string, string>>();
  const claimed = Object.fromEntries(report.claims.map((c) => [c.key, c.claimed]));
  const byKey = new Map(report.claims.map((c) => [c.key, c]));
  const figures = report.sections.flatMap((s) => s.figures);

  useEffect(() => {
    form.setFieldsValue(Object.fromEntries(figures.map((f) => [f.key, claimed[f.key] ?? ''])));
    // The answer of a save replaces the report; its claims are what the form shows next.
  }, [report]);

  const submit = (values: Record<string, string>) => {
    // An emptied field withdraws the figure typed before; untouched empty ones are not sent.
    const change = Object.fromEntries(Object.entries(values).filter(([key, v]) => (v ?? '') !== '' || claimed[key] !== undefined).map(([k, v]) => [k, (v ?? '').trim()]));
    return onSave(change);
  };

  return (
    <Card title="拟上报数核对" className="report-claims" size="small">
      {report.claims.length > 0 &&
        (report.mismatches > 0 ? (
          <Alert type="error" showIcon title={`${report.mismatches} 项填报数与账面不一致`} description="以账面数为准；请核实后修改填报数或据实说明。" style={{ marginBottom: 12 }} />
        ) : (
          <Alert type="success" showIcon title="填报数与账面一致" style={{ marginBottom: 12 }} />
        ))}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        {figures.map((f) => {
          const check = byKey.get(f.key);
          const wrong = check && !check.ok;
          return (
            <Form.Item
              key={f.key}
              name={f.key}
              label={f.label}
              validateStatus={wrong ? 'error' : undefined}
              help={wrong ? `账面数 ${check.actual}，差额 ${check.difference ?? check.problem}` : undefined}
              extra={!wrong ? `账面：${f.text}` : undefined}
            >
              <Input placeholder="如 2460万元、3.4%、57" allowClear maxLength={30} />
            </Form.Item>
          );
        })}
        <Button type="primary" htmlType="submit" loading={busy} block>
          保存并核对
        </Button>
      </Form>
    </Card>
  );
}
