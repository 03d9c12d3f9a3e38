import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Grid, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { formatYuan as yuanOfFen } from '../../../../../libs/domain/src/money';
import { isLoginRole, roleLabel } from '../../../../../libs/domain/src/stages';
import { formatTime, formatYuan } from '../../components/format';
import { useAsync } from '../../components/useAsync';
import { listAudit, type AuditEntry, type AuditQuery } from '../../services/users';

const ACTION_OPTIONS = [
  { value: 'user.create', label: '新建用户' },
  { value: 'user.update', label: '修改用户' },
  { value: 'user.disable', label: '停用用户' },
  { value: 'user.enable', label: '启用用户' },
  { value: 'user.reset_password', label: '重置密码' },
  { value: 'user.unlock', label: '解除锁定' },
  { value: 'user.password_change', label: '本人修改密码' },
  { value: 'user.locked', label: '连续输错密码被锁定' },
  { value: 'task.reassign', label: '改派待办' },
  { value: 'project.terminate', label: '终止项目' },
];

const FIELD_LABELS: Record<string, string> = { displayName: '名称', role: '角色', regionCode: '地区', department: '部门' };

/** What an entry changed, in words: 角色 乡镇 → 县级; never a password. */
function describe(entry: AuditEntry): string {
  const detail = entry.detail as Record<string, unknown>;
  const shown = (field: string, value: unknown) => (field === 'role' && isLoginRole(value) ? roleLabel(value) : value === null || value === undefined ? '无' : String(value));
  if (entry.action === 'user.update' && detail.changes && typeof detail.changes === 'object') {
    return Object.entries(detail.changes as Record<string, { from: unknown; to: unknown }>)
      .map(([field, c]) => `${FIELD_LABELS[field] ?? field} ${shown(field, c.from)} → ${shown(field, c.to)}`)
      .join('；');
  }
  if (entry.action === 'user.create') return `角色 ${shown('role', detail.role)}，地区 ${entry.regionName}`;
  if (entry.action === 'user.locked') return `连续输错 ${detail.failedLogins} 次，锁定至 ${formatTime(String(detail.lockedUntil))}`;
  if (entry.action === 'task.reassign' && Array.isArray(detail.reassigned)) return `改派 ${detail.reassigned.length} 件待办${detail.comment ? `：${String(detail.comment)}` : ''}`;
  if (entry.action === 'project.terminate' && typeof detail.releasedFen === 'string' && /^\d+$/.test(detail.releasedFen)) {
    return `${String(detail.projectName ?? '')}：${String(detail.reason ?? '')}；释放已匹配资金 ${formatYuan(yuanOfFen(BigInt(detail.releasedFen)))} 元`;
  }
  if (entry.action === 'user.unlock') return detail.lockedUntil ? `原锁定至 ${formatTime(String(detail.lockedUntil))}` : `原连续输错 ${detail.failedLogins ?? 0} 次`;
  return '';
}

const COLUMNS: TableColumnsType<AuditEntry> = [
  { title: '时间', dataIndex: 'at', width: 160, render: formatTime },
  { title: '操作人', key: 'actor', width: 180, render: (_: unknown, e) => `${e.actorUsername}（${isLoginRole(e.actorRole) ? roleLabel(e.actorRole) : e.actorRole}）` },
  { title: '操作', dataIndex: 'actionLabel', width: 140 },
  { title: '对象', dataIndex: 'targetUsername', width: 160, render: (name: string | null) => (name ? <Typography.Text code>{name}</Typography.Text> : '') },
  { title: '内容', key: 'detail', render: (_: unknown, e) => describe(e) },
];

interface Filters {
  action?: string;
  actor?: string;
  target?: string;
  days?: [Dayjs, Dayjs];
}

/** 管理日志: every administrator's action on accounts, newest first; it can only grow. */
export default function AdminAuditPage() {
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 50) || 50;
  const query = {
    action: params.get('action') || undefined,
    actor: params.get('actor') || undefined,
    target: params.get('target') || undefined,
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
    page,
    pageSize,
  } as AuditQuery;
  const { data, error, loading } = useAsync(() => listAudit(query), [params.toString()]);

  const apply = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    setParams(merged);
  };
  const initial: Filters = {
    action: query.action,
    actor: query.actor,
    target: query.target,
    days: query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : undefined,
  };

  return (
    <Card variant="borderless" styles={{ body: { padding: phone ? 8 : 24 } }}>
      <Form
        name="audit-filters"
        layout={phone ? 'vertical' : 'inline'}
        initialValues={initial}
        onFinish={(v: Filters) =>
          apply({
            action: v.action,
            actor: v.actor?.trim().toLowerCase(),
            target: v.target?.trim().toLowerCase(),
            from: v.days?.[0]?.format('YYYY-MM-DD'),
            to: v.days?.[1]?.format('YYYY-MM-DD'),
            page: undefined,
          })
        }
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item label="操作" name="action">
          <Select allowClear placeholder="全部操作" style={{ minWidth: 150 }} options={ACTION_OPTIONS} />
        </Form.Item>
        <Form.Item label="操作人" name="actor">
          <Input allowClear placeholder="用户名" maxLength={64} />
        </Form.Item>
        <Form.Item label="对象" name="target">
          <Input allowClear placeholder="用户名" maxLength={64} />
        </Form.Item>
        <Form.Item label="日期" name="days">
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            查询
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Table<AuditEntry>
        rowKey="id"
        size={phone ? 'small' : 'middle'}
        loading={loading}
        columns={COLUMNS}
        dataSource={data?.items}
        scroll={{ x: 900 }}
        locale={{ emptyText: '没有符合条件的记录' }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total,
          showSizeChanger: !phone,
          pageSizeOptions: ['20', '50', '100', '200'],
          showTotal: (n: number) => `共 ${n} 条`,
          onChange: (p: number, s: number) => apply({ page: String(s === pageSize ? p : 1), pageSize: String(s) }),
        }}
      />
    </Card>
  );
}
