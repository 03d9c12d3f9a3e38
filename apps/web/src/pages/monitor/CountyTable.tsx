import { WarningOutlined } from '@ant-design/icons';
import { Badge, Card, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { yuanToWan } from '../../components/format';
import type { CountyRow } from '../../services/monitor';
import { CardList } from '../../components/CardList';
import { percent } from './monitor-format';

const wan = (yuan: string) => <span className="money">{yuanToWan(yuan)}</span>;

type LevelShare = CountyRow['industryShares'][number];

const STATUS_COLORS: Record<string, string> = { met: 'green', below: 'orange', unreachable: 'red', no_money: 'default' };

function levelLine(v: LevelShare): string {
  if (v.share === null) return `${v.levelLabel}：未下达资金`;
  const bar = v.requiredBy === 'previous_year' ? `不低于上年 ${v.requiredPercent}` : `${v.minBasis} ≥ ${v.requiredPercent}`;
  return `${v.levelLabel}：${v.sharePercent}（${bar}；最高可达 ${v.maxReachablePercent}）${v.statusLabel}`;
}

/**
 * The share of every level together against its requirement, the tag of the worst level (red
 * "已无法达到" when some level can no longer reach its requirement), each level in the tooltip.
 */
function IndustryShare({ row }: { row: CountyRow }) {
  const [all, ...levels] = row.industryShares;
  const shown = levels.filter((v) => v.share !== null);
  const worst = row.industryShareUnreachable ? shown.find((v) => v.status === 'unreachable') : (shown.find((v) => !v.ok) ?? (all.ok ? null : all));
  const tip = (
    <div>
      {[all, ...shown].map((v) => (
        <div key={v.level}>{levelLine(v)}</div>
      ))}
    </div>
  );
  return (
    <Tooltip title={tip}>
      <Space size={4} wrap className="industry-share-cell">
        <span className="money">{all.sharePercent ?? '—'}</span>
        {all.share === null ? (
          <Tag>未下达资金</Tag>
        ) : worst ? (
          <Tag color={STATUS_COLORS[worst.status]} icon={worst.status === 'unreachable' ? <WarningOutlined /> : undefined}>
            {worst.level === 'all' ? worst.statusLabel : `${worst.levelLabel}${worst.statusLabel}`}
          </Tag>
        ) : (
          <Tag color="green">达标</Tag>
        )}
        <Typography.Text type="secondary">/ {all.requiredPercent}</Typography.Text>
      </Space>
    </Tooltip>
  );
}

const count = (n: number) => (n > 0 ? <Badge count={n} showZero={false} overflowCount={999} /> : <Typography.Text type="secondary">0</Typography.Text>);

const COLUMNS: TableColumnsType<CountyRow> = [
  { title: '县（区）', dataIndex: 'countyName', width: 90, fixed: 'left' },
  { title: '年度', dataIndex: 'year', width: 60 },
  { title: '下达（万元）', dataIndex: 'issued', align: 'right', width: 100, render: wan },
  { title: '到位（万元）', dataIndex: 'received', align: 'right', width: 100, render: wan },
  { title: '已匹配（万元）', dataIndex: 'matched', align: 'right', width: 100, render: wan },
  { title: '已支付（万元）', dataIndex: 'paid', align: 'right', width: 100, render: wan },
  { title: '执行率', dataIndex: 'executionRate', align: 'right', width: 80, render: (r: string | null) => <span className="money">{percent(r)}</span> },
  { title: '产业占比 / 要求', key: 'industry', width: 210, render: (_: unknown, r) => <IndustryShare row={r} /> },
  { title: '逾期批次', dataIndex: 'overdueBatches', align: 'center', width: 85, render: count },
  { title: '逾期待办', dataIndex: 'overdueTasks', align: 'center', width: 85, render: count },
  { title: '入库项目', dataIndex: 'libraryProjects', align: 'right', width: 85 },
];

const keyOf = (r: CountyRow) => `${r.countyCode}-${r.year}`;

/** 县级资金监测: one row per county and year, in the API's order (overdue work first, slowest spending next). */
export function CountyTable({ rows, loading, phone }: { rows: CountyRow[]; loading: boolean; phone: boolean }) {
  if (phone) {
    return (
      <CardList
        loading={loading}
        items={rows}
        rowKey={keyOf}
        empty="暂无县级数据"
        render={(r) => (
          <Card size="small" className="county-card" style={{ marginBottom: 8 }}>
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>
                  {r.countyName} · {r.year}
                </Typography.Text>
                {r.overdueBatches > 0 && <Tag color="red">逾期批次 {r.overdueBatches}</Tag>}
                {r.overdueTasks > 0 && <Tag color="orange">逾期待办 {r.overdueTasks}</Tag>}
              </Space>
              <span className="money">
                下达 {yuanToWan(r.issued)} · 到位 {yuanToWan(r.received)} · 匹配 {yuanToWan(r.matched)} · 支付 {yuanToWan(r.paid)} 万元
              </span>
              <span>执行率 {percent(r.executionRate)}</span>
              <IndustryShare row={r} />
            </Space>
          </Card>
        )}
      />
    );
  }
  return (
    <Table
      rowKey={keyOf}
      columns={COLUMNS}
      dataSource={rows}
      loading={loading}
      locale={{ emptyText: '暂无县级数据' }}
      scroll={{ x: 1095 }}
      size="middle"
      rowClassName={(r) => (r.overdueBatches > 0 ? 'row-overdue' : '')}
      pagination={{ pageSize: 20, showSizeChanger: true, pageSizeOptions: ['10', '20', '50', '100'], showTotal: (n) => `共 ${n} 行`, hideOnSinglePage: true }}
    />
  );
}
