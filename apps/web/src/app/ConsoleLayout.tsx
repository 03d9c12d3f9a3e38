import { AuditOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Breadcrumb, Button, Drawer, Grid, Layout, Menu, Space, Tag, Typography, type MenuProps } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Outlet, matchPath, useLocation, useNavigate } from 'react-router';
import { roleLabel } from '../../../../libs/domain/src/stages';
import { PageBoundary } from '../components/PageBoundary';
import { OfflineBanner } from '../components/OfflineBanner';
import { ROUTES, canOpen, type ConsoleRoute } from './routes';
import { useSession, useUser } from './session';
import { TaskCountProvider, useTaskCount } from './task-count';

/** The route a path belongs to; exact paths win over patterns (`/batches/new` over `/batches/:id`). */
export function routeOf(pathname: string): ConsoleRoute | undefined {
  return ROUTES.find((r) => !r.path.includes(':') && matchPath(r.path, pathname)) ?? ROUTES.find((r) => matchPath(r.path, pathname));
}

function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const user = useUser();
  const { count } = useTaskCount();
  const { pathname } = useLocation();
  const current = routeOf(pathname);
  const selected = current?.parent ?? current?.path ?? '';
  const items: MenuProps['items'] = [
    ...ROUTES.filter((r) => r.menu && canOpen(r, user.role)).map((r) => ({
      key: r.path,
      icon: r.icon,
      label: (
        <Link to={r.path} onClick={onNavigate}>
          {r.title}
          {r.badge === 'tasks' && count ? <Badge count={count} size="small" offset={[8, -2]} aria-label={`待办 ${count} 件`} /> : null}
        </Link>
      ),
    })),
    {
      key: '/public',
      icon: <AuditOutlined />,
      label: (
        <a href="/public" target="_blank" rel="noreferrer">
          公示公告
        </a>
      ),
    },
  ];
  return <Menu mode="inline" theme="dark" selectedKeys={[selected]} items={items} />;
}

function Crumbs() {
  const { pathname } = useLocation();
  const route = routeOf(pathname);
  const parent = route?.parent ? ROUTES.find((r) => r.path === route.parent) : undefined;
  const items = [{ title: '首页' }, ...(parent ? [{ title: <Link to={parent.path}>{parent.title}</Link> }] : []), ...(route ? [{ title: route.title }] : [])];
  return <Breadcrumb items={items} style={{ margin: '12px 0' }} />;
}

function Shell() {
  const user = useUser();
  const { regionName, signOut } = useSession();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [drawer, setDrawer] = useState(false);
  const { refresh } = useTaskCount();
  const { pathname } = useLocation();
  useEffect(refresh, [pathname, refresh]);

  const title = routeOf(pathname)?.title;
  useEffect(() => {
    document.title = title ? `${title} · 衔接资金项目管理系统` : '衔接资金项目管理系统';
  }, [title]);

  const exit = async () => {
    await signOut();
    navigate('/login', { replace: true });
  };

  const brand = (
    <div className="brand">
      <span className="brand-mark" aria-hidden>衔</span>
      {!phone && <span>衔接资金项目管理</span>}
    </div>
  );

  const who = (
      <Space size={phone ? 4 : 12} wrap={false}>
        <UserOutlined aria-hidden />
        <Typography.Text strong className="header-name">{user.displayName}</Typography.Text>
        <Tag color="blue">{roleLabel(user.role)}</Tag>
        {!phone && <Typography.Text type="secondary" className="header-region">{regionName}</Typography.Text>}
        {/* A phone's header has no room for it: the menu drawer carries it there. */}
        {!phone && (
          <Button icon={<KeyOutlined />} onClick={() => navigate('/password')} aria-label="修改密码">
            修改密码
          </Button>
        )}
        <Button icon={<LogoutOutlined />} onClick={exit} size={phone ? 'small' : 'middle'}>
          退出
        </Button>
      </Space>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!phone && (
        <Layout.Sider width={208} style={{ position: 'fixed', insetBlock: 0, insetInlineStart: 0, overflow: 'auto' }}>
          {brand}
          <SideMenu />
        </Layout.Sider>
      )}
      <Layout style={{ marginInlineStart: phone ? 0 : 208 }}>
        <Layout.Header className="console-header">
          {phone && (
            <Space>
              <Button type="text" icon={<MenuOutlined />} aria-label="打开菜单" onClick={() => setDrawer(true)} />
              <Typography.Text strong className="header-brand">
                衔接资金
              </Typography.Text>
            </Space>
          )}
          <div style={{ marginInlineStart: 'auto' }}>{who}</div>
        </Layout.Header>
        <OfflineBanner />
        <Layout.Content style={{ padding: phone ? '0 8px 72px' : '0 24px 24px' }}>
          <Crumbs />
          <PageBoundary key={pathname}>
            <Outlet />
          </PageBoundary>
        </Layout.Content>
      </Layout>
      {phone && (
        <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={240} styles={{ body: { padding: 0, background: '#001529' } }} title="菜单">
          <SideMenu onNavigate={() => setDrawer(false)} />
          <div style={{ padding: 16 }}>
            <Button
              block
              icon={<KeyOutlined />}
              onClick={() => {
                setDrawer(false);
                navigate('/password');
              }}
            >
              修改密码
            </Button>
          </div>
        </Drawer>
      )}
    </Layout>
  );
}

/** The signed-in console: side menu by role, header with the user, breadcrumb, the page. */
export function ConsoleLayout() {
  const user = useUser();
  return (
    <TaskCountProvider role={user.role}>
      <Shell />
    </TaskCountProvider>
  );
}
