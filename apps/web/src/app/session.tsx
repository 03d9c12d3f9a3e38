import { App as AntApp, Button, Form, Input, Modal, Typography } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import * as auth from '../services/auth';
import { ApiFailure, onSessionExpired } from '../services/http';
import type { SessionUser } from '../services/types';

interface Session {
  /** undefined while the first check runs, null when nobody is signed in. */
  user: SessionUser | null | undefined;
  /** Where the user acts, named: 贾庄乡北曹村 · 朔城区 … */
  regionName: string;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** 修改密码; the API ends every session of the account and answers this console's new one. */
  changePassword(oldPassword: string, newPassword: string): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; the pages under the layout only render once there is one. */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}

async function regionNameOf(code: string): Promise<string> {
  if (/^0+$/.test(code)) return '全国';
  try {
    const region = await auth.region(code);
    return [region, ...region.ancestors].slice(0, 3).map((r) => r.name).join(' · ');
  } catch {
    return code;
  }
}

/**
 * The console's session: the cookie the API set at sign-in, checked once at start. A request that
 * meets an expired session opens a sign-in dialog over the page, so nothing typed is lost, and goes
 * on once the same user is back.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const [regionName, setRegionName] = useState('');
  const [expired, setExpired] = useState(false);
  const waiting = useRef<Array<{ resolve: () => void; reject: (e: unknown) => void }>>([]);

  const adopt = useCallback(async (next: SessionUser | null) => {
    setUser(next);
    setRegionName(next ? await regionNameOf(next.regionCode) : '');
  }, []);

  useEffect(() => {
    auth.currentUser().then(adopt, () => adopt(null));
  }, [adopt]);

  useEffect(() => {
    onSessionExpired(
      () =>
        new Promise<void>((resolve, reject) => {
          waiting.current.push({ resolve, reject });
          setExpired(true);
        }),
    );
    return () => onSessionExpired(null);
  }, []);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const { user: signedIn } = await auth.login(username, password);
      await adopt(signedIn);
    },
    [adopt],
  );

  const signOut = useCallback(async () => {
    await auth.logout().catch(() => undefined);
    await adopt(null);
  }, [adopt]);

  const changePassword = useCallback(
    async (oldPassword: string, newPassword: string) => {
      const { user: changed } = await auth.changePassword(oldPassword, newPassword);
      await adopt(changed);
    },
    [adopt],
  );

  const settle = (ok: boolean) => {
    setExpired(false);
    const pending = waiting.current.splice(0);
    for (const p of pending) {
      if (ok) p.resolve();
      else p.reject(new ApiFailure(401, 'UNAUTHORIZED', '登录已过期，请重新登录'));
    }
  };

  const value = useMemo(() => ({ user, regionName, signIn, signOut, changePassword }), [user, regionName, signIn, signOut, changePassword]);
  return (
    <SessionContext.Provider value={value}>
      {children}
      {expired && user && (
        <ReloginDialog
          username={user.username}
          onDone={(again) => {
            // A password an administrator reset must be changed first: the console goes to 修改密码.
            if (again.mustChangePassword) void adopt(again);
            settle(true);
          }}
          onCancel={() => settle(false)}
        />
      )}
    </SessionContext.Provider>
  );
}

function ReloginDialog({ username, onDone, onCancel }: { username: string; onDone: (user: SessionUser) => void; onCancel: () => void }) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async ({ password }: { password: string }) => {
    setBusy(true);
    try {
      const { user } = await auth.login(username, password);
      message.success('已重新登录，操作继续');
      onDone(user);
    } catch (error) {
      message.error(error instanceof ApiFailure ? error.message : '登录失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="登录已过期，请重新登录" footer={null} onCancel={onCancel} maskClosable={false} destroyOnHidden>
      <Typography.Paragraph type="secondary">页面和已填写的内容都会保留，重新登录后操作将继续。</Typography.Paragraph>
      <Form layout="vertical" onFinish={submit} initialValues={{ username }}>
        <Form.Item label="用户名" name="username">
          <Input disabled />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoFocus autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          重新登录
        </Button>
      </Form>
    </Modal>
  );
}
