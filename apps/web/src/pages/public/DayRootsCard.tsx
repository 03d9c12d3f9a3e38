import { Alert, Card, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { formatTime } from '../../components/format';
import { useAsync } from '../../components/useAsync';
import { auditRoots, type DayRoot } from '../../services/audit-roots';

/**
 * 今日存证根: published so that anyone can keep today's value and later compare it with what the
 * records give; a county without any record yet is left out of the table.
 */
export function DayRootsCard() {
  const { data, error } = useAsync(() => auditRoots(), []);
  // A reader looks for one county among all of them: the name filters the table.
  const [county, setCounty] = useState('');
  const rows = (data?.roots ?? []).filter((r) => r.chains > 0 && r.countyName.includes(county.trim()));
  return (
    <Card
      className="day-roots"
      title="今日存证根"
      extra={data?.day ? <span>存证日 {data.day}</span> : null}
      styles={{ body: { paddingTop: 8 } }}
      aria-label="今日存证根"
    >
      <Typography.Paragraph type="secondary">
        每个项目的审计记录和资金台账逐条以哈希相连，每日零时（北京时间）对各县全部链头再取一次哈希并在此公布。此后任何一条记录被改动，按记录重新计算的结果都将与这里公布的值不符。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error.message} />}
      <Input.Search allowClear placeholder="按县（区）名称查找" aria-label="按县（区）名称查找" onSearch={setCounty} onChange={(e) => !e.target.value && setCounty('')} style={{ maxWidth: 260, marginBottom: 8 }} />
      <Table<DayRoot>
        size="small"
        rowKey="countyCode"
        dataSource={rows}
        loading={!data && !error}
        pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        scroll={{ x: 640 }}
        locale={{ emptyText: data?.day === null ? '尚未封存存证根' : '当日没有存证记录' }}
        columns={[
          { title: '县（区）', dataIndex: 'countyName', width: 120 },
          { title: '存证日', dataIndex: 'day', width: 110 },
          { title: '存证根（SHA-256）', dataIndex: 'rootHash', render: (hash: string) => <code className="day-root-hash">{hash}</code> },
          { title: '链 / 记录', width: 110, align: 'right', render: (_, r) => `${r.chains} / ${r.entries}` },
          { title: '封存时间', dataIndex: 'computedAt', width: 170, render: (at: string) => formatTime(at) },
        ]}
      />
    </Card>
  );
}
