import { ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Grid, Input, Pagination, Select, Space, Spin, Table, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useUser } from '../../../app/session';
import { formatDate, yuanToWan } from '../../../components/format';
import { useAsync } from '../../../components/useAsync';
import { listBatches, type BatchLevel, type BatchListItem, type BatchListQuery } from '../../../services/funds';
import { LEVELS, LEVEL_OPTIONS, LevelTag, yearOptions } from '../shared/batch-meta';
import { ProgressCell } from './ProgressCell';
import '../shared/batches.css';

/** Who may issue a batch, as the route table says (新建批次 and 导入分配表). */
const ISSUERS = new Set(['admin', 'county']);

const wan = (yuan: string) => <span className="money">{yuanToWan(yuan)}</span>;

const COLUMNS: TableColumnsType<BatchListItem> = [
  { title: '文号', dataIndex: 'docNumber', width: 170, render: (doc: string, b) => <Link to={`/batches/${b.id}`}>{doc}</Link> },
  { title: '标题', dataIndex: 'title', ellipsis: true },
  { title: '级次', dataIndex: 'level', width: 72, render: (level: string) => <LevelTag level={level} /> },
  { title: '年度', dataIndex: 'year', width: 60 },
  { title: '批次', dataIndex: 'batchNo', width: 70, render: (n: number) => `第 ${n} 批` },
  { title: '下达日期', dataIndex: 'issuedAt', width: 100, render: formatDate },
  { title: '金额（万元）', dataIndex: 'total', align: 'right', width: 116, render: wan },
  { title: '到账 / 匹配（本辖区）', key: 'progress', width: 220, render: (_: unknown, b) => <ProgressCell progress={b.progress} /> },
];

interface Filters {
  year?: number;
  level?: BatchLevel;
  q?: string;
}

function filtersOf(params: URLSearchParams): Filters {
  const year = Number(params.get('year'));
  const level = params.get('level');
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined,
    level: level && (LEVELS as readonly string[]).includes(level) ? (level as BatchLevel) : undefined,
    q: params.get('q') || undefined,
  };
}

/** 资金批次: the batches reaching the user's region, newest first, each with how far receipt and matching have got. */
export default function BatchListPage() {
  const user = useUser();
  const navigate = useNavigate();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const query: BatchListQuery = { ...filters, page, pageSize };
  const { data, error, loading } = useAsync(() => listBatches(query), [params.toString()]);

  const apply = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    setParams(merged);
  };
  const pagination = {
    current: page,
    pageSize,
    total: data?.total,
    showSizeChanger: !phone,
    size: phone ? ('small' as const) : undefined,
    pageSizeOptions: ['10', '20', '50', '100'],
    showTotal: (n: number) => `共 ${n} 个批次`,
    onChange: (p: number, s: number) => apply({ page: String(s === pageSize ? p : 1), pageSize: String(s) }),
  };

  return (
    <Card variant="borderless" styles={{ body: { padding: phone ? 8 : 24 } }}>
      <Form
        layout={phone ? 'vertical' : 'inline'}
        initialValues={filters}
        onFinish={(v: Filters) => apply({ year: v.year ? String(v.year) : undefined, level: v.level, q: v.q?.trim(), page: undefined })}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item label="年度" name="year">
          <Select allowClear placeholder="全部年度" style={{ minWidth: 110 }} options={yearOptions()} />
        </Form.Item>
        <Form.Item label="级次" name="level">
          <Select allowClear placeholder="全部级次" style={{ minWidth: 110 }} options={LEVEL_OPTIONS} />
        </Form.Item>
        <Form.Item label="文号或标题" name="q">
          <Input allowClear placeholder="如 晋乡振发〔2023〕8号" maxLength={100} />
        </Form.Item>
        <Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
            {ISSUERS.has(user.role) && (
              <>
                <Button icon={<PlusOutlined />} onClick={() => navigate('/batches/new')}>
                  新建批次
                </Button>
                <Button icon={<ImportOutlined />} onClick={() => navigate('/batches/import')}>
                  导入分配表
                </Button>
              </>
            )}
          </Space>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      {phone ? (
        <Spin spinning={loading}>
          {data?.items.length === 0 && <Empty description="没有符合条件的资金批次" />}
          {data?.items.map((b) => (
            <Card key={b.id} size="small" className="batch-card" style={{ marginBottom: 8 }} onClick={() => navigate(`/batches/${b.id}`)}>
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Link to={`/batches/${b.id}`}>
                  <Typography.Text strong>{b.docNumber}</Typography.Text>
                </Link>
                <Typography.Text>{b.title}</Typography.Text>
                <Space wrap>
                  <LevelTag level={b.level} />
                  <span>
                    {b.year} 年第 {b.batchNo} 批 · {formatDate(b.issuedAt)}
                  </span>
                  <span className="money">{yuanToWan(b.total)} 万元</span>
                </Space>
                <ProgressCell progress={b.progress} />
              </Space>
            </Card>
          ))}
          <Pagination {...pagination} style={{ justifyContent: 'center' }} />
        </Spin>
      ) : (
        <Table
          rowKey="id"
          columns={COLUMNS}
          dataSource={data?.items}
          loading={loading}
          locale={{ emptyText: '没有符合条件的资金批次' }}
          scroll={{ x: 960 }}
          onRow={(b) => ({ onClick: () => navigate(`/batches/${b.id}`), style: { cursor: 'pointer' } })}
          pagination={pagination}
        />
      )}
    </Card>
  );
}
