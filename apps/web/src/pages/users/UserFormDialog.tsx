import { App as AntApp, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { DEPARTMENTS, type DepartmentCode } from '../../../../../libs/domain/src/project-types';
import { PASSWORD_RULE, passwordProblems } from '../../../../../libs/domain/src/password-policy';
import { roleLabel, type LoginRole } from '../../../../../libs/domain/src/stages';
import { ROLE_REGION_LEVELS, assignableRoles, type UserAdminRole } from '../../../../../libs/domain/src/user-roles';
import { useUser } from '../../app/session';
import { RegionCascader } from '../../components/RegionCascader';
import { ApiFailure } from '../../services/http';
import { NATIONAL } from '../../services/regions';
import { createUser, updateUser, type ManagedUser } from '../../services/users';

interface Values {
  username: string;
  displayName: string;
  role: LoginRole;
  regionCode?: string;
  department?: DepartmentCode;
  password: string;
}

const DEPARTMENT_OPTIONS = Object.entries(DEPARTMENTS).map(([value, label]) => ({ value, label }));
const LEVEL_NAMES: Record<string, string> = { province: '省', city: '市', county: '县（区）', township: '乡镇', village: '村' };

/** 新建用户 (no `user`) or 修改用户: who the account is, its role, where it acts and, for a department, which one. */
export function UserFormDialog({ user, onClose, onSaved }: { user?: ManagedUser; onClose: () => void; onSaved: (saved: ManagedUser) => void }) {
  const me = useUser();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const role = Form.useWatch('role', form) ?? (user?.role as LoginRole | undefined);
  const roles = assignableRoles(me.role as UserAdminRole);
  const levels = role ? ROLE_REGION_LEVELS[role] : [];

  const submit = async (values: Values) => {
    setBusy(true);
    try {
      const regionCode = role === 'admin' ? NATIONAL : values.regionCode!;
      const department = role === 'department' ? values.department! : null;
      const saved = user
        ? await updateUser(user.id, { displayName: values.displayName.trim(), role: values.role, regionCode, department })
        : await createUser({ username: values.username.trim(), displayName: values.displayName.trim(), role: values.role, regionCode, department, password: values.password });
      message.success(user ? `已保存 ${saved.username}` : `已新建用户 ${saved.username}，首次登录须修改密码`);
      onSaved(saved);
    } catch (failure) {
      const problem = failure instanceof ApiFailure ? failure : null;
      if (problem?.fieldProblems.length) {
        form.setFields(problem.fieldProblems.map((p) => ({ name: p.field as keyof Values, errors: p.messages })));
      }
      message.error(problem?.message ?? '保存失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={user ? `修改用户 ${user.username}` : '新建用户'}
      okText={user ? '保存' : '新建'}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
    >
      <Form
        form={form}
        name="user-form"
        layout="vertical"
        onFinish={submit}
        initialValues={user ? { username: user.username, displayName: user.displayName, role: user.role, regionCode: user.regionCode, department: (user.department as DepartmentCode | null) ?? undefined } : {}}
      >
        <Form.Item
          label="用户名"
          name="username"
          extra={user ? undefined : '3–64 位小写字母、数字或 _ . -，登录时使用，建成后不能修改'}
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: /^[a-z0-9][a-z0-9_.-]{2,63}$/, message: '须为 3–64 位小写字母、数字或 _ . -，以字母或数字开头' },
          ]}
        >
          <Input disabled={Boolean(user)} autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名或单位" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名或单位' }, { max: 100, message: '至多 100 字' }]}>
          <Input placeholder="如 贾庄乡人民政府 王明" />
        </Form.Item>
        <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={roles.map((r) => ({ value: r, label: roleLabel(r) }))} placeholder="选择角色" />
        </Form.Item>
        {role !== 'admin' && (
          <Form.Item
            label="所在地区"
            name="regionCode"
            extra={levels.length ? `该角色的地区须为${levels.map((l) => LEVEL_NAMES[l] ?? l).join('、')}` : undefined}
            rules={[{ required: true, message: '请选择所在地区' }]}
          >
            <RegionCascader onChange={(code) => form.setFieldValue('regionCode', code)} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {role === 'department' && (
          <Form.Item label="所属部门" name="department" rules={[{ required: true, message: '请选择所属部门' }]}>
            <Select options={DEPARTMENT_OPTIONS} placeholder="选择行业主管部门" />
          </Form.Item>
        )}
        {!user && (
          <Form.Item
            label="初始密码"
            name="password"
            extra={`至少 ${PASSWORD_RULE.minLength} 位，同时包含字母和数字，不含用户名；用户首次登录后须修改`}
            dependencies={['username']}
            rules={[
              { required: true, message: '请输入初始密码' },
              {
                validator: async (_, value: string | undefined) => {
                  const problems = value ? passwordProblems(value, form.getFieldValue('username') ?? '') : [];
                  if (problems.length > 0) throw new Error(problems.join('；'));
                },
              },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
