import { Button, Empty, Grid, Space, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { PROJECT_TYPE_LABELS, type ProjectType } from '../../../../../../libs/domain/src/project-types';
import { formatTime, formatYuan } from '../../../components/format';
import type { FundMatch } from '../../../services/funds';
import '../shared/batches.css';

const typeLabel = (t: string) => PROJECT_TYPE_LABELS[t as ProjectType] ?? t;
const purposeOf = (p: string | null) => p ?? <Typography.Text type="secondary">一般资金</Typography.Text>;

/** 已匹配项目 of one allocation; the county may withdraw (撤销) each with a reason. A table at desk width, a list on a phone. */
export function MatchList({ matches, onUnmatch }: { matches: FundMatch[]; onUnmatch?: (m: FundMatch) => void }) {
  const phone = Grid.useBreakpoint().md === false;
  const undo = (m: FundMatch) =>
    onUnmatch && (
      <Button type="link" danger size="small" onClick={() => onUnmatch(m)}>
        撤销
      </Button>
    );
  if (phone) {
    return (
      <div className="match-list">
        <Typography.Text strong>已匹配项目</Typography.Text>
        {matches.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未匹配项目" />}
        {matches.map((m) => (
          <div key={m.id} className="match-row">
            <Space orientation="vertical" size={0}>
              <Link to={`/projects/${m.projectId}`}>{m.projectName}</Link>
              <span className="money">{formatYuan(m.amount)} 元</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {typeLabel(m.projectType)} · {purposeOf(m.purpose)} · {formatTime(m.matchedAt)}
              </Typography.Text>
            </Space>
            {undo(m)}
          </div>
        ))}
      </div>
    );
  }
  const columns: TableColumnsType<FundMatch> = [
    { title: '项目', dataIndex: 'projectName', render: (name: string, m) => <Link to={`/projects/${m.projectId}`}>{name}</Link> },
    { title: '类型', dataIndex: 'projectType', width: 90, render: typeLabel },
    { title: '匹配金额（元）', dataIndex: 'amount', align: 'right', width: 150, render: (y: string) => <span className="money">{formatYuan(y)}</span> },
    { title: '专项用途', dataIndex: 'purpose', width: 140, render: purposeOf },
    { title: '匹配时间', dataIndex: 'matchedAt', width: 150, render: formatTime },
    ...(onUnmatch ? [{ title: '操作', key: 'act', width: 80, render: (_: unknown, m: FundMatch) => undo(m) }] : []),
  ];
  return (
    <Table rowKey="id" size="small" columns={columns} dataSource={matches} pagination={false} locale={{ emptyText: '尚未匹配项目' }} scroll={{ x: 640 }} className="match-list" />
  );
}
