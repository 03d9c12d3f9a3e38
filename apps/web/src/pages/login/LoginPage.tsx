import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { homeOf } from '../../app/routes';
import { useSession } from '../../app/session';
import { ApiFailure } from '../../services/http';

/** 登录: the one page before the console. */
export default function LoginPage() {
  const { user, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;

  if (user) return <Navigate to={from ?? homeOf(user.role)} replace />;

  const submit = async ({ username, password }: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
      navigate(from ?? '/', { replace: true });
    } catch (failure) {
      setError(failure instanceof ApiFailure ? failure.message : '登录失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login-page">
      <Card className="login-card">
        <div className="login-title">
          <span className="brand-mark" aria-hidden>衔</span>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              衔接资金项目管理系统
            </Typography.Title>
            <Typography.Text type="secondary">巩固拓展脱贫攻坚成果 · 项目申报审批与资金监管</Typography.Text>
          </div>
        </div>
        {(location.state as { expired?: boolean } | null)?.expired && <Alert type="info" showIcon title="登录已过期，请重新登录" style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          群众查看公示、提出异议无需登录：<a href="/public">公示公告</a>
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
