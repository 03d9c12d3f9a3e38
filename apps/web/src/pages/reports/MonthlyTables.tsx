import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { MonthlyBatch, MonthlyProject, MonthlyReport } from '../../services/monthly-report';

const PACE_TAGS: Record<string, string | undefined> = { on_pace: 'green', behind: 'orange', far_behind: 'red' };

/** Behind pace reads amber, far behind red, so a clerk sees what to chase first. */
export const paceRowClass = (row: { pace: string }) => (row.pace === 'far_behind' ? 'pace-far-behind' : row.pace === 'behind' ? 'pace-behind' : '');

const money = (title: string, key: 'matched' | 'paidThisMonth' | 'paidToDate') => ({ title, dataIndex: key, align: 'right' as const });

function spendingColumns<T extends MonthlyBatch | MonthlyProject>(): ColumnsType<T> {
  return [
    money('已匹配（元）', 'matched'),
    money('本月支出（元）', 'paidThisMonth'),
    money('累计支出（元）', 'paidToDate'),
    { title: '执行率', dataIndex: 'executionRateText', align: 'right' },
    { title: '序时进度', render: (_, r) => <Tag color={PACE_TAGS[r.pace]}>{r.paceLabel}</Tag> },
  ];
}

const BATCH_COLUMNS: ColumnsType<MonthlyBatch> = [
  { title: '文号', dataIndex: 'docNumber' },
  { title: '批次', dataIndex: 'title' },
  { title: '级次', dataIndex: 'levelLabel' },
  { title: '到位资金（元）', dataIndex: 'received', align: 'right' },
  { title: '到账日期', render: (_, b) => b.receivedDate ?? '未到账' },
  ...spendingColumns<MonthlyBatch>(),
];

const PROJECT_COLUMNS: ColumnsType<MonthlyProject> = [
  { title: '项目', dataIndex: 'name' },
  { title: '类型', dataIndex: 'typeLabel' },
  { title: '实施地点', dataIndex: 'place' },
  ...spendingColumns<MonthlyProject>(),
];

/** The report's two tables, per batch with its total row and per project, as the printed report has them. */
export function MonthlyTables({ report }: { report: MonthlyReport }) {
  const t = report.totals;
  return (
    <>
      <Typography.Title level={5}>分批次支出情况</Typography.Title>
      <Table<MonthlyBatch>
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowKey="allocationId"
        dataSource={report.batches}
        columns={BATCH_COLUMNS}
        rowClassName={paceRowClass}
        locale={{ emptyText: '本年度没有下达到本县的资金批次' }}
        summary={() => (
          <Table.Summary.Row className={paceRowClass(t)}>
            <Table.Summary.Cell index={0} colSpan={3}>
              合计
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {t.received}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} />
            <Table.Summary.Cell index={5} align="right">
              {t.matched}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right">
              {t.paidThisMonth}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={7} align="right">
              {t.paidToDate}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={8} align="right">
              {t.executionRateText}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={9}>
              <Tag color={PACE_TAGS[t.pace]}>{t.paceLabel}</Tag>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        分项目支出情况
      </Typography.Title>
      <Table<MonthlyProject>
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowKey="projectId"
        dataSource={report.projects}
        columns={PROJECT_COLUMNS}
        rowClassName={paceRowClass}
        locale={{ emptyText: '尚无项目使用本年度资金' }}
      />
    </>
  );
}
