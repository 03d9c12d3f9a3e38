import { Button, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ClaimRow, ReportSection, SelfEvaluation } from '../../services/reports';

const NUMERALS = ['一', '二', '三', '四', '五', '六'];

interface SectionEditorProps {
  section: ReportSection;
  busy: boolean;
  onSave(text: string): Promise<boolean>;
  onCancel(): void;
}

/** The county's words for one section; `{{代码}}` marks where the records fill a figure in. */
function SectionEditor({ section, busy, onSave, onCancel }: SectionEditorProps) {
  const [text, setText] = useState(section.template);
  return (
    <div className="report-editor">
      <label htmlFor={`report-text-${section.key}`} className="report-editor-label">
        {section.title}的文字（数据以 {'{{指标代码}}'} 引用，导出时按账面填入，不能改动）
      </label>
      <Input.TextArea id={`report-text-${section.key}`} value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 3, maxRows: 12 }} maxLength={5000} />
      <Typography.Paragraph type="secondary" className="report-editor-codes">
        可用的指标：{section.figures.map((f) => `{{${f.key}}} ${f.label}`).join('；') || '{{countyName}} 县名；{{year}} 年度'}
      </Typography.Paragraph>
      <Space wrap>
        <Button type="primary" loading={busy} onClick={() => void onSave(text).then((ok) => ok && onCancel())}>
          保存文字
        </Button>
        <Button disabled={busy} onClick={() => void onSave('').then((ok) => ok && onCancel())}>
          恢复默认文字
        </Button>
        <Button disabled={busy} onClick={onCancel}>
          取消
        </Button>
      </Space>
    </div>
  );
}

function ClaimTable({ claims }: { claims: ClaimRow[] }) {
  return (
    <Table<ClaimRow>
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={claims}
      rowClassName={(c) => (c.ok ? '' : 'report-mismatch')}
      columns={[
        { title: '指标', dataIndex: 'label' },
        { title: '填报数', dataIndex: 'claimed' },
        { title: '账面数', dataIndex: 'actual' },
        { title: '差额', render: (_, c) => c.difference ?? c.problem ?? '—' },
        { title: '核对', render: (_, c) => (c.ok ? <Tag color="green">一致</Tag> : <Tag color="red">不一致</Tag>) },
      ]}
    />
  );
}

export interface ReportPaperProps {
  report: SelfEvaluation;
  /** The county edits its own words; everyone else reads. */
  editable: boolean;
  busy: boolean;
  onSaveText(section: string, text: string): Promise<boolean>;
}

/** The report as the county sends it: its words with the figures, each section's figures and how they were computed. */
export function ReportPaper({ report, editable, busy, onSaveText }: ReportPaperProps) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <article className="report-paper" aria-label="绩效自评报告预览">
      <h1 className="report-title">
        {report.countyName}
        {report.year}年度衔接推进乡村振兴补助资金绩效自评报告
      </h1>
      {report.sections.map((section, i) => (
        <section key={section.key} className="report-section">
          <h2 className="report-heading">
            {NUMERALS[i]}、{section.title}
            {editable && editing !== section.key && (
              <Button size="small" type="link" className="report-edit" onClick={() => setEditing(section.key)} aria-label={`修改${section.title}的文字`}>
                修改文字
              </Button>
            )}
          </h2>
          {editing === section.key ? (
            <SectionEditor section={section} busy={busy} onSave={(text) => onSaveText(section.key, text)} onCancel={() => setEditing(null)} />
          ) : (
            <p className="report-text" data-testid={`report-text-${section.key}`}>
              {section.text}
            </p>
          )}
          {section.figures.length > 0 && (
            <Table
              size="small"
              className="report-figures"
              pagination={false}
              rowKey="key"
              dataSource={section.figures}
              columns={[
                { title: '指标', dataIndex: 'label', width: '28%' },
                { title: '数值', dataIndex: 'text', width: '18%', align: 'right' },
                { title: '计算方法', dataIndex: 'basis' },
              ]}
            />
          )}
        </section>
      ))}
      <section className="report-section">
        <h2 className="report-heading">附表一{'\u3000'}资金到账与匹配时效</h2>
        <Table
          size="small"
          pagination={false}
          rowKey={(m) => `${m.docNumber}-${m.receivedDate}`}
          dataSource={report.matching}
          scroll={{ x: 720 }}
          locale={{ emptyText: '本年度没有到账的资金' }}
          columns={[
            { title: '文号', dataIndex: 'docNumber' },
            { title: '级次', dataIndex: 'levelLabel', width: 64 },
            { title: '金额（元）', dataIndex: 'amount', align: 'right' },
            { title: '到账', dataIndex: 'receivedDate', width: 104 },
            { title: '期限', dataIndex: 'dueDate', width: 104, render: (v: string | null) => v ?? '—' },
            { title: '匹配完成', dataIndex: 'matchedDate', width: 104, render: (v: string | null) => v ?? '—' },
            { title: '用时（天）', dataIndex: 'daysTaken', width: 84, align: 'right', render: (v: number | null) => v ?? '—' },
            {
              title: '情况',
              dataIndex: 'outcomeLabel',
              width: 100,
              render: (label: string, m) => <Tag color={m.outcome === 'on_time' ? 'green' : m.outcome === 'pending' ? 'blue' : 'red'}>{label}</Tag>,
            },
          ]}
        />
      </section>
      {report.claims.length > 0 && (
        <section className="report-section">
          <h2 className="report-heading">附表二{'\u3000'}填报数与账面数核对</h2>
          <ClaimTable claims={report.claims} />
        </section>
      )}
      {report.auditRoot && (
        <section className="report-section" aria-label="存证">
          <h2 className="report-heading">存证</h2>
          <p className="report-text">
            本报告数据所依据的审计记录和资金台账已按项目逐条链式存证。{report.auditRoot.day} 零时封存的本县存证根（{report.auditRoot.chains} 条存证链、
            {report.auditRoot.entries} 条记录）为 <code className="report-root-hash">{report.auditRoot.rootHash}</code>。
          </p>
        </section>
      )}
    </article>
  );
}
