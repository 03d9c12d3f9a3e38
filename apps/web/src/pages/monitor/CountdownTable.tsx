import { Alert, Card, Space, Table, Tooltip, Typography, type PaginationProps, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate, formatTime, formatYuan } from '../../components/format';
import { useAsync } from '../../components/useAsync';
import { matching, type MatchingQuery, type MatchingRow } from '../../services/monitor';
import { CardList } from '../../components/CardList';
import { MatchingStatusTag, daysLeftText, rowClassOf } from './monitor-format';

const money = (yuan: string) => <span className="money">{formatYuan(yuan)}</span>;

const COLUMNS: TableColumnsType<MatchingRow> = [
  {
    title: '资金批次',
    dataIndex: 'docNumber',
    render: (doc: string, r) => (
      <Space orientation="vertical" size={0}>
        <Link to={`/batches/${r.batchId}`}>{doc}</Link>
        <Typography.Text type="secondary" ellipsis style={{ maxWidth: 200 }}>
          {r.levelLabel} · {r.title}
        </Typography.Text>
      </Space>
    ),
  },
  { title: '县（区）', dataIndex: 'countyName', width: 90 },
  { title: '状态', dataIndex: 'status', width: 90, render: (_: unknown, r) => <MatchingStatusTag row={r} /> },
  { title: '剩余', key: 'daysLeft', width: 90, render: (_: unknown, r) => daysLeftText(r) },
  { title: '到账日期', dataIndex: 'receivedAt', width: 100, render: formatDate },
  {
    title: '匹配截止',
    dataIndex: 'dueDate',
    width: 100,
    // Sub-day policies (a demonstration's PT30S) end at a moment, not at midnight: the time is one hover away.
    render: (d: string | null, r) => (r.dueAt ? <Tooltip title={`截止时刻 ${formatTime(r.dueAt)}`}>{d ?? '—'}</Tooltip> : '—'),
  },
  { title: '分配金额（元）', dataIndex: 'allocated', align: 'right', width: 115, render: money },
  { title: '已匹配（元）', dataIndex: 'matched', align: 'right', width: 115, render: money },
  { title: '未匹配（元）', dataIndex: 'unmatched', align: 'right', width: 115, render: money },
];

function CountdownCards({ items, loading, pagination }: { items: MatchingRow[]; loading: boolean; pagination: PaginationProps }) {
  return (
    <CardList
      loading={loading}
      pagination={pagination}
      items={items}
      rowKey={(r) => r.allocationId}
      empty="没有符合条件的资金分配"
      render={(r) => (
        <Card size="small" className={`countdown-card ${rowClassOf(r.status)}`} style={{ marginBottom: 8 }}>
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Space wrap>
              <MatchingStatusTag row={r} />
              <Typography.Text strong>{r.countyName}</Typography.Text>
              <Typography.Text>{daysLeftText(r)}</Typography.Text>
            </Space>
            <Link to={`/batches/${r.batchId}`}>{r.docNumber}</Link>
            <Typography.Text type="secondary">
              到账 {formatDate(r.receivedAt)} · 截止 {r.dueDate ?? '—'}
            </Typography.Text>
            <span className="money">
              未匹配 {formatYuan(r.unmatched)} / {formatYuan(r.allocated)} 元
            </span>
          </Space>
        </Card>
      )}
    />
  );
}

/**
 * 资金匹配倒计时: one row per batch and county, in the API's most-urgent-first order (the order is the
 * API's, so the table does not sort again). The parent remounts it when the filters change, so paging
 * starts again at the first page.
 */
export function CountdownTable({ query, phone, refresh }: { query: MatchingQuery; phone: boolean; refresh: number }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const filters = JSON.stringify(query);
  const { data, error, loading } = useAsync(() => matching({ ...query, page, pageSize }), [filters, page, pageSize, refresh]);
  if (error) return <Alert type="error" showIcon title={error.message} />;
  const pagination: PaginationProps = {
    current: page,
    pageSize,
    total: data?.total,
    showSizeChanger: true,
    pageSizeOptions: ['10', '20', '50', '100'],
    showTotal: (n: number) => `共 ${n} 条`,
    size: phone ? 'small' : undefined,
    onChange: (p: number, s: number) => {
      setPage(s === pageSize ? p : 1);
      setPageSize(s);
    },
  };
  if (phone) return <CountdownCards items={data?.items ?? []} loading={loading} pagination={{ ...pagination, showSizeChanger: false }} />;
  return (
    <Table
      rowKey="allocationId"
      columns={COLUMNS}
      dataSource={data?.items}
      loading={loading}
      pagination={pagination}
      rowClassName={(r) => rowClassOf(r.status)}
      locale={{ emptyText: '没有符合条件的资金分配' }}
      scroll={{ x: 990 }}
      size="middle"
    />
  );
}
