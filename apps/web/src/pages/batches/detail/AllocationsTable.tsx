import { Table, Tag, type TableColumnsType } from 'antd';
import { formatDate, formatYuan } from '../../../components/format';
import type { Allocation } from '../../../services/funds';
import { AllocationButtons, type AllocationActions } from './AllocationPanel';
import { Earmarks } from './Earmarks';
import { MatchingClock, clockRowClass, statusLabel } from './MatchingClock';
import { MatchList } from './MatchList';

const money = (y: string) => <span className="money">{formatYuan(y)}</span>;

/** Every county of a large batch (a provincial table has a hundred), each row opening onto its matches. */
export function AllocationsTable({ allocations, actions }: { allocations: Allocation[]; actions?: AllocationActions }) {
  const columns: TableColumnsType<Allocation> = [
    { title: '县（市、区）', dataIndex: 'countyName', width: 120, fixed: 'left' },
    { title: '类别', dataIndex: 'category', width: 110, render: (c: string | null) => c ?? '—' },
    { title: '分配金额（元）', dataIndex: 'amount', align: 'right', width: 150, render: money },
    { title: '专项（其中）', dataIndex: 'earmarks', width: 220, render: (_: unknown, a) => <Earmarks earmarks={a.earmarks} /> },
    { title: '到账日期', dataIndex: 'receivedAt', width: 110, render: formatDate },
    { title: '匹配期限', key: 'clock', width: 200, render: (_: unknown, a) => <MatchingClock allocation={a} /> },
    { title: '已匹配（元）', dataIndex: 'matched', align: 'right', width: 150, render: money },
    { title: '未匹配（元）', dataIndex: 'unmatched', align: 'right', width: 150, render: money },
    { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => <Tag>{statusLabel(s)}</Tag> },
    ...(actions ? [{ title: '操作', key: 'act', width: 120, fixed: 'right' as const, render: (_: unknown, a: Allocation) => <AllocationButtons allocation={a} actions={actions} /> }] : []),
  ];
  return (
    <Table
      rowKey="id"
      columns={columns}
      dataSource={allocations}
      rowClassName={clockRowClass}
      scroll={{ x: 1400 }}
      pagination={{ pageSize: 20, showSizeChanger: true, pageSizeOptions: ['20', '50', '100', '200'], showTotal: (n) => `共 ${n} 个县` }}
      expandable={{
        rowExpandable: (a) => a.matches.length > 0,
        expandedRowRender: (a) => <MatchList matches={a.matches} onUnmatch={actions && ((m) => actions.onUnmatch(a, m))} />,
      }}
    />
  );
}
