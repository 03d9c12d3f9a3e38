import { Descriptions, Table, Tag, Typography } from 'antd';
import { formatDate, formatTime, formatYuan } from '../../../../components/format';
import { assetKindLabel } from '../../../../services/project-actions';
import type { ProjectRecord } from '../../../../services/project-records';
import { changeText } from '../actions/ChangeReviewDialog';
import { CHANGE_KIND_LABELS, CHANGE_STATUS_LABELS } from '../actions/labels';

const OBJECTION_STATUS = { open: '待处理', upheld: '异议成立', dismissed: '异议不成立', closed: '已关闭' } as const;

/** What the process has recorded since the application: the library entry, publicity, works, changes and acceptance. */
export function ProcessFacts({ project, phone }: { project: ProjectRecord; phone: boolean }) {
  const p = project.process;
  const columns = phone ? 1 : 2;
  return (
    <>
      {(p.library || p.publicity) && (
        <Descriptions title="入库与公示" column={columns} bordered size="small" className="process-section">
          {p.library && <Descriptions.Item label="县级审定">{formatTime(p.library.approvedAt)}</Descriptions.Item>}
          {p.library && <Descriptions.Item label="会议纪要文号">{p.library.meetingRef ?? '—'}</Descriptions.Item>}
          {p.publicity && (
            <Descriptions.Item label="公示期" span={columns}>
              {formatTime(p.publicity.startAt)} 至 {formatTime(p.publicity.endAt)}
            </Descriptions.Item>
          )}
          {p.objections.map((o) => (
            <Descriptions.Item key={o.id} label={`异议（${OBJECTION_STATUS[o.status]}）`} span={columns}>
              {o.name} {formatTime(o.raisedAt)}：{o.content}
              {o.resolution && <div>处理意见：{o.resolution}</div>}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {(p.procurement || p.progress.length > 0) && (
        <Descriptions title="实施" column={columns} bordered size="small" className="process-section" data-testid="implementation-facts">
          {p.procurement && <Descriptions.Item label="采购方式">{p.procurement.method}</Descriptions.Item>}
          {p.procurement && <Descriptions.Item label="中标单位">{p.procurement.winner}</Descriptions.Item>}
          {p.procurement && <Descriptions.Item label="合同金额">{formatYuan(p.procurement.contractAmount)} 元</Descriptions.Item>}
          {p.procurement && <Descriptions.Item label="合同日期">{p.procurement.contractDate}</Descriptions.Item>}
          {p.progress.length > 0 && (
            <Descriptions.Item label="实施进度" span={columns}>
              {p.progress.map((r) => (
                <div key={`${r.reportedAt}-${r.percent}`}>
                  {r.reportedAt} 完成 {r.percent}%{r.note ? `：${r.note}` : ''}
                </div>
              ))}
            </Descriptions.Item>
          )}
          {p.acceptanceRequestedAt && <Descriptions.Item label="申请验收">{formatTime(p.acceptanceRequestedAt)}</Descriptions.Item>}
        </Descriptions>
      )}
      {p.changes.length > 0 && (
        <div className="process-section">
          <Typography.Title level={5}>变更申请</Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={p.changes}
            scroll={phone ? { x: 'max-content' } : undefined}
            columns={[
              { title: '申请时间', dataIndex: 'requestedAt', render: formatTime },
              { title: '类型', dataIndex: 'kind', render: (k: keyof typeof CHANGE_KIND_LABELS) => CHANGE_KIND_LABELS[k] },
              { title: '理由', dataIndex: 'reason' },
              { title: '变更后', dataIndex: 'proposed', render: changeText },
              {
                title: '状态',
                dataIndex: 'status',
                render: (s: keyof typeof CHANGE_STATUS_LABELS) => (
                  <Tag color={s === 'pending' ? 'processing' : s === 'approved' ? 'success' : 'default'}>{CHANGE_STATUS_LABELS[s]}</Tag>
                ),
              },
              { title: '审批意见', dataIndex: 'comment', render: (c: string | null) => c ?? '—' },
            ]}
          />
        </div>
      )}
      {p.acceptances.map((a) => (
        <div className="process-section" key={a.recordedAt} data-testid="acceptance-facts">
          <Typography.Title level={5}>
            竣工验收 {formatDate(a.acceptedAt)}{' '}
            <Tag color={a.result === 'pass' ? 'success' : 'error'}>{a.result === 'pass' ? '合格' : '不合格'}</Tag>
          </Typography.Title>
          <Typography.Paragraph>{a.findings}</Typography.Paragraph>
          {a.assets.length > 0 && (
            <Table
              rowKey={(r) => `${r.name}-${r.owner}`}
              size="small"
              pagination={false}
              dataSource={a.assets}
              scroll={phone ? { x: 'max-content' } : undefined}
              columns={[
                { title: '资产名称', dataIndex: 'name' },
                { title: '类别', dataIndex: 'kind', render: assetKindLabel },
                { title: '价值（元）', dataIndex: 'value', align: 'right', render: formatYuan },
                { title: '产权归属', dataIndex: 'owner' },
                { title: '管护主体', dataIndex: 'caretaker' },
              ]}
            />
          )}
        </div>
      ))}
    </>
  );
}
