import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Card, Form, Grid, Input, Popconfirm, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { DEPARTMENTS } from '../../../../../libs/domain/src/project-types';
import { isLoginRole, roleLabel } from '../../../../../libs/domain/src/stages';
import { assignableRoles, type UserAdminRole } from '../../../../../libs/domain/src/user-roles';
import { useUser } from '../../app/session';
import { RegionCascader } from '../../components/RegionCascader';
import { useAsync } from '../../components/useAsync';
import { useInFlight } from '../../components/useInFlight';
import { ApiFailure } from '../../services/http';
import { listUsers, unlockUser, updateUser, type ManagedUser, type UserListQuery, type UserStatus } from '../../services/users';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { UserFormDialog } from './UserFormDialog';
import { STATUS_OPTIONS, UserStatusTags } from './user-status';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: ManagedUser } | { kind: 'reset'; user: ManagedUser } | null;

interface Filters {
  q?: string;
  role?: string;
  status?: UserStatus;
  regionCode?: string;
}

function filtersOf(params: URLSearchParams): Filters {
  const role = params.get('role');
  const status = params.get('status');
  const region = params.get('regionCode');
  return {
    q: params.get('q') || undefined,
    role: role && isLoginRole(role) ? role : undefined,
    status: STATUS_OPTIONS.some((o) => o.value === status) ? (status as UserStatus) : undefined,
    regionCode: region && /^\d{12}$/.test(region) ? region : undefined,
  };
}

const departmentName = (code: string | null) => (code ? (DEPARTMENTS[code as keyof typeof DEPARTMENTS] ?? code) : '');

/**
 * 用户管理: the accounts within the administrator's reach, with what needs attention (disabled,
 * locked, a password to change); new accounts, changes, disabling, password resets and unlocking.
 */
export default function UsersPage() {
  const me = useUser();
  const { message } = AntApp.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const query = { ...filters, page, pageSize } as UserListQuery;
  const { data, error, loading, reload } = useAsync(() => listUsers(query), [params.toString()]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const { busy, run } = useInFlight();

  const apply = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    setParams(merged);
  };

  const act = (key: string, work: () => Promise<ManagedUser>, done: string) =>
    run(key, async () => {
      try {
        await work();
        message.success(done);
        reload();
      } catch (failure) {
        message.error(failure instanceof ApiFailure ? failure.message : '操作失败，请稍后重试');
      }
    });

  const assignable = assignableRoles(me.role as UserAdminRole);
  const roleOptions = assignable.map((r) => ({ value: r, label: roleLabel(r) }));
  const columns: TableColumnsType<ManagedUser> = [
    { title: '用户名', dataIndex: 'username', width: 180, render: (name: string) => <Typography.Text code style={{ whiteSpace: 'nowrap' }}>{name}</Typography.Text> },
    { title: '姓名或单位', dataIndex: 'displayName', width: 180, ellipsis: true },
    { title: '角色', dataIndex: 'roleLabel', width: 110, render: (label: string, u) => (u.department ? `${label}（${departmentName(u.department)}）` : label) },
    { title: '所在地区', dataIndex: 'regionName', width: 120 },
    { title: '状态', key: 'status', width: 170, render: (_: unknown, u) => <UserStatusTags user={u} /> },
    {
      title: '操作',
      key: 'actions',
      width: 220,
      render: (_: unknown, u) => {
        // A county administrator sees its fellow administrators but cannot change them (the API would refuse).
        if (!isLoginRole(u.role) || !assignable.includes(u.role)) return <Typography.Text type="secondary">—</Typography.Text>;
        const self = u.id === me.id;
        return (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user: u })}>
              编辑
            </Button>
            {!self &&
              (u.disabled ? (
                <Button type="link" size="small" loading={busy === `enable-${u.id}`} onClick={() => act(`enable-${u.id}`, () => updateUser(u.id, { disabled: false }), `已启用 ${u.username}`)}>
                  启用
                </Button>
              ) : (
                <Popconfirm title={`停用 ${u.username}？`} description="停用后该用户不能登录，已登录的会话立即失效。" okText="停用" okButtonProps={{ danger: true }} onConfirm={() => act(`disable-${u.id}`, () => updateUser(u.id, { disabled: true }), `已停用 ${u.username}`)}>
                  <Button type="link" size="small" danger loading={busy === `disable-${u.id}`}>
                    停用
                  </Button>
                </Popconfirm>
              ))}
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'reset', user: u })}>
              重置密码
            </Button>
            {(u.locked || u.failedLogins > 0) && (
              <Button type="link" size="small" loading={busy === `unlock-${u.id}`} onClick={() => act(`unlock-${u.id}`, () => unlockUser(u.id), `已解除 ${u.username} 的锁定`)}>
                解锁
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  const saved = () => {
    setDialog(null);
    reload();
  };

  return (
    <Card variant="borderless" styles={{ body: { padding: phone ? 8 : 24 } }}>
      <Form
        name="user-filters"
        key={params.toString()}
        layout={phone ? 'vertical' : 'inline'}
        initialValues={filters}
        onFinish={(v: Filters) => apply({ q: v.q?.trim(), role: v.role, status: v.status, regionCode: v.regionCode, page: undefined })}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item label="用户名或名称" name="q">
          <Input allowClear maxLength={64} placeholder="如 township1" />
        </Form.Item>
        <Form.Item label="角色" name="role">
          <Select allowClear placeholder="全部角色" style={{ minWidth: 120 }} options={roleOptions} />
        </Form.Item>
        <Form.Item label="状态" name="status">
          <Select allowClear placeholder="全部状态" style={{ minWidth: 120 }} options={STATUS_OPTIONS} />
        </Form.Item>
        <Form.Item label="地区" name="regionCode">
          <RegionCascader onChange={() => undefined} placeholder="全部地区" />
        </Form.Item>
        <Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              新建用户
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Table<ManagedUser>
        rowKey="id"
        size={phone ? 'small' : 'middle'}
        loading={loading}
        columns={columns}
        dataSource={data?.items}
        scroll={{ x: 980 }}
        locale={{ emptyText: '没有符合条件的用户' }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total,
          showSizeChanger: !phone,
          pageSizeOptions: ['10', '20', '50', '100'],
          showTotal: (n: number) => `共 ${n} 个用户`,
          onChange: (p: number, s: number) => apply({ page: String(s === pageSize ? p : 1), pageSize: String(s) }),
        }}
      />
      {dialog?.kind === 'create' && <UserFormDialog onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog?.kind === 'edit' && <UserFormDialog user={dialog.user} onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog?.kind === 'reset' && <ResetPasswordDialog user={dialog.user} onClose={() => setDialog(null)} onSaved={saved} />}
    </Card>
  );
}
