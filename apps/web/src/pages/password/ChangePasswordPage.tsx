import { KeyOutlined, LockOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PASSWORD_RULE, passwordProblems } from '../../../../../libs/domain/src/password-policy';
import { homeOf } from '../../app/routes';
import { useSession, useUser } from '../../app/session';
import { ApiFailure } from '../../services/http';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * 修改密码. After an administrator created the account or reset its password the user lands here
 * and can go nowhere else until the password is their own; otherwise it is reached from the header.
 */
export default function ChangePasswordPage() {
  const user = useUser();
  const { changePassword, signOut } = useSession();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const forced = user.mustChangePassword;

  const submit = async ({ oldPassword, newPassword }: Values) => {
    setBusy(true);
    setError(null);
    try {
      await changePassword(oldPassword, newPassword);
      message.success('密码已修改，其他已登录的设备需重新登录');
      navigate(homeOf(user.role), { replace: true });
    } catch (failure) {
      setError(failure instanceof ApiFailure ? failure.message : '修改失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  const exit = async () => {
    await signOut();
    navigate('/login', { replace: true });
  };

  return (
    <main className="login-page">
      <Card className="login-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          <KeyOutlined /> 修改密码
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {user.displayName}（{user.username}）
        </Typography.Paragraph>
        {forced && <Alert type="warning" showIcon title="管理员为您设置的密码须先修改为您自己的密码，才能继续使用系统" style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            extra={`至少 ${PASSWORD_RULE.minLength} 位，同时包含字母和数字，不含用户名，不同于原密码`}
            rules={[
              { required: true, message: '请输入新密码' },
              {
                validator: async (_, value: string | undefined) => {
                  if (!value) return;
                  const problems = passwordProblems(value, user.username, value === form.getFieldValue('oldPassword'));
                  if (problems.length > 0) throw new Error(problems.join('；'));
                },
              },
            ]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              {
                validator: async (_, value: string | undefined) => {
                  if (value && value !== form.getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
                },
              },
            ]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Button type="primary" htmlType="submit" block loading={busy}>
              确认修改
            </Button>
            {forced ? (
              <Button block onClick={exit}>
                退出登录
              </Button>
            ) : (
              <Button block onClick={() => navigate(-1)}>
                返回
              </Button>
            )}
          </Space>
        </Form>
      </Card>
    </main>
  );
}
