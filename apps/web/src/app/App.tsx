import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { PageBoundary, PageLoading } from '../components/PageBoundary';
import { ForbiddenPage, NotFoundPage } from '../pages/errors/ErrorPages';
import LoginPage from '../pages/login/LoginPage';
import { ConsoleLayout } from './ConsoleLayout';
import { ROUTES, canOpen, homeOf, type ConsoleRoute } from './routes';
import { SessionProvider, useSession } from './session';

dayjs.locale('zh-cn');

const PublicBoardPage = lazy(() => import('../pages/public/PublicBoardPage'));
const ChangePasswordPage = lazy(() => import('../pages/password/ChangePasswordPage'));

function RequireSession({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <PageLoading />;
  if (user === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // Until a password an administrator set is replaced, the API answers nothing else: neither does the console.
  if (user.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;
  return children;
}

function Home() {
  const { user } = useSession();
  return <Navigate to={user ? homeOf(user.role) : '/login'} replace />;
}

function Guarded({ route }: { route: ConsoleRoute }) {
  const { user } = useSession();
  if (!user || !canOpen(route, user.role)) return <ForbiddenPage />;
  const Page = route.page;
  return <Page />;
}

const theme = { token: { colorPrimary: '#b8352b', borderRadius: 4 } };

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route
                path="/public"
                element={
                  <PageBoundary>
                    <PublicBoardPage />
                  </PageBoundary>
                }
              />
              <Route
                path="/password"
                element={
                  <RequireSession>
                    <PageBoundary>
                      <ChangePasswordPage />
                    </PageBoundary>
                  </RequireSession>
                }
              />
              <Route
                element={
                  <RequireSession>
                    <ConsoleLayout />
                  </RequireSession>
                }
              >
                <Route index element={<Home />} />
                {ROUTES.map((route) => (
                  <Route key={route.path} path={route.path} element={<Guarded route={route} />} />
                ))}
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
