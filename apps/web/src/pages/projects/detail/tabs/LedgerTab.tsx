import { Descriptions, Table } from 'antd';
import { formatTime, formatYuan } from '../../../../components/format';
import type { Ledger } from '../../../../services/project-records';
import { LEDGER_KIND_LABELS, PAYMENT_KIND_LABELS } from '../actions/labels';

/** A payment's note is its kind's code; other notes are the clerk's words. */
const noteOf = (kind: string, note: string | null) =>
  kind === 'payment' && note && note in PAYMENT_KIND_LABELS ? PAYMENT_KIND_LABELS[note as keyof typeof PAYMENT_KIND_LABELS] : (note ?? '—');

/** 资金台账: every money movement of the project, with the totals the API keeps. */
export function LedgerTab({ ledger, phone }: { ledger: Ledger | null; phone: boolean }) {
  if (!ledger) return <div>资金台账暂不可读。</div>;
  return (
    <>
      <Descriptions column={phone ? 1 : 4} size="small" bordered className="ledger-summary">
        <Descriptions.Item label="已匹配">{formatYuan(ledger.summary.matched)} 元</Descriptions.Item>
        <Descriptions.Item label="已拨付">{formatYuan(ledger.summary.paid)} 元</Descriptions.Item>
        <Descriptions.Item label="未拨付">{formatYuan(ledger.summary.unpaid)} 元</Descriptions.Item>
        <Descriptions.Item label="质保金">{formatYuan(ledger.summary.retentionHeld)} 元</Descriptions.Item>
      </Descriptions>
      <Table
        className="ledger-table"
        rowKey={(r) => `${r.at}-${r.kind}-${r.matchId ?? r.paymentId ?? r.amount}`}
        dataSource={ledger.entries}
        pagination={false}
        size="small"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '尚无资金往来' }}
        columns={[
          { title: '时间', dataIndex: 'at', render: formatTime },
          { title: '类别', dataIndex: 'kind', render: (k: string) => LEDGER_KIND_LABELS[k] ?? k },
          {
            title: '金额（元）',
            dataIndex: 'amount',
            align: 'right',
            render: (a: string) => <span className="money">{formatYuan(a)}</span>,
          },
          { title: '批次文号', dataIndex: 'docNumber', render: (d: string | null) => d ?? '—' },
          { title: '经办', dataIndex: 'actor', render: (a: string | null) => a ?? '—' },
          { title: '说明', key: 'note', render: (_, r) => noteOf(r.kind, r.note) },
        ]}
      />
    </>
  );
}
