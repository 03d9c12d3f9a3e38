import { App as AntApp, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { PASSWORD_RULE, passwordProblems } from '../../../../../libs/domain/src/password-policy';
import { ApiFailure } from '../../services/http';
import { resetPassword, type ManagedUser } from '../../services/users';

/** 重置密码: a temporary password the user must change at the next sign-in; the account's sessions end and a lock is lifted. */
export function ResetPasswordDialog({ user, onClose, onSaved }: { user: ManagedUser; onClose: () => void; onSaved: (saved: ManagedUser) => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ password }: { password: string }) => {
    setBusy(true);
    try {
      const saved = await resetPassword(user.id, password);
      message.success(`已重置 ${user.username} 的密码，请将临时密码告知本人`);
      onSaved(saved);
    } catch (failure) {
      message.error(failure instanceof ApiFailure ? failure.message : '重置失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`重置 ${user.displayName}（${user.username}）的密码`} okText="重置" onOk={() => form.submit()} confirmLoading={busy} onCancel={onClose} destroyOnHidden maskClosable={false}>
      <Typography.Paragraph type="secondary">重置后该用户已登录的会话全部失效，下次登录须先修改密码；如账户被锁定，同时解除锁定。</Typography.Paragraph>
      <Form form={form} name="reset-password" layout="vertical" onFinish={submit}>
        <Form.Item
          label="临时密码"
          name="password"
          extra={`至少 ${PASSWORD_RULE.minLength} 位，同时包含字母和数字，不含用户名`}
          rules={[
            { required: true, message: '请输入临时密码' },
            {
              validator: async (_, value: string | undefined) => {
                const problems = value ? passwordProblems(value, user.username) : [];
                if (problems.length > 0) throw new Error(problems.join('；'));
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
