import {
  AlertOutlined,
  BankOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileTextOutlined,
  FormOutlined,
  InboxOutlined,
  LineChartOutlined,
  SettingOutlined,
  SolutionOutlined,
  SwapOutlined,
  TableOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { LOGIN_ROLES, type LoginRole } from '../../../../libs/domain/src/stages';

/** One page of the console: where it lives, what the menu calls it, and who may open it. */
export interface ConsoleRoute {
  path: string;
  title: string;
  icon?: ReactNode;
  roles: readonly LoginRole[];
  /** Shown in the side menu; detail pages are not, and keep their parent's entry lit. */
  menu: boolean;
  parent?: string;
  /** The menu entry carries the count of open tasks. */
  badge?: 'tasks';
  page: LazyExoticComponent<ComponentType>;
}

const ACTORS: readonly LoginRole[] = ['village', 'township', 'department', 'county', 'finance'];
const FUNDS: readonly LoginRole[] = ['county', 'finance', 'monitor', 'admin'];
const USER_ADMINS: readonly LoginRole[] = ['admin', 'county_admin'];

/**
 * The one route table: the side menu, the breadcrumb, the 403 page for a role that may not open a
 * path and the 404 for an unknown one all read it. Each page is its own chunk, loaded when opened.
 */
export const ROUTES: readonly ConsoleRoute[] = [
  { path: '/workbench', title: '工作台', icon: <InboxOutlined />, roles: ACTORS, menu: true, badge: 'tasks', page: lazy(() => import('../pages/inbox/InboxPage')) },
  { path: '/apply', title: '项目申报', icon: <FormOutlined />, roles: ['village'], menu: true, page: lazy(() => import('../pages/projects/apply/ApplyPage')) },
  { path: '/projects', title: '项目库', icon: <DatabaseOutlined />, roles: LOGIN_ROLES, menu: true, page: lazy(() => import('../pages/projects/list/ProjectListPage')) },
  { path: '/projects/:id', title: '项目详情', roles: LOGIN_ROLES, menu: false, parent: '/projects', page: lazy(() => import('../pages/projects/detail/ProjectDetailPage')) },
  { path: '/projects/:id/edit', title: '修改申报', roles: ['village'], menu: false, parent: '/projects', page: lazy(() => import('../pages/projects/apply/ApplyPage')) },
  { path: '/objections', title: '异议处理', icon: <AlertOutlined />, roles: ['county'], menu: true, page: lazy(() => import('../pages/objections/ObjectionsPage')) },
  { path: '/batches', title: '资金批次', icon: <BankOutlined />, roles: FUNDS, menu: true, page: lazy(() => import('../pages/batches/list/BatchListPage')) },
  { path: '/batches/new', title: '新建批次', roles: ['admin', 'county'], menu: false, parent: '/batches', page: lazy(() => import('../pages/batches/create/BatchCreatePage')) },
  { path: '/batches/import', title: '导入分配表', roles: ['admin', 'county'], menu: false, parent: '/batches', page: lazy(() => import('../pages/batches/import/BatchImportPage')) },
  { path: '/batches/:id', title: '批次详情 · 资金匹配', roles: FUNDS, menu: false, parent: '/batches', page: lazy(() => import('../pages/batches/detail/BatchDetailPage')) },
  { path: '/monitor', title: '监测', icon: <DashboardOutlined />, roles: ['monitor', 'county', 'finance', 'admin'], menu: true, page: lazy(() => import('../pages/monitor/MonitorPage')) },
  { path: '/reports/self-evaluation', title: '绩效自评报告', icon: <FileTextOutlined />, roles: ['county', 'finance', 'monitor', 'admin'], menu: true, page: lazy(() => import('../pages/reports/SelfEvaluationPage')) },
  { path: '/reports/monthly-pace', title: '各县序时进度', icon: <LineChartOutlined />, roles: ['monitor', 'admin'], menu: true, page: lazy(() => import('../pages/reports/MonthlyPacePage')) },
  { path: '/reports/monthly', title: '月度支出报表', icon: <TableOutlined />, roles: ['county', 'finance', 'monitor', 'admin'], menu: true, page: lazy(() => import('../pages/reports/MonthlyReportPage')) },
  { path: '/policies', title: '政策设置', icon: <SettingOutlined />, roles: ['admin', 'county', 'monitor'], menu: true, page: lazy(() => import('../pages/policies/PoliciesPage')) },
  { path: '/users', title: '用户管理', icon: <TeamOutlined />, roles: USER_ADMINS, menu: true, page: lazy(() => import('../pages/users/UsersPage')) },
  { path: '/admin/reassign', title: '待办改派', icon: <SwapOutlined />, roles: USER_ADMINS, menu: true, page: lazy(() => import('../pages/reassign/ReassignPage')) },
  { path: '/admin/audit', title: '管理日志', icon: <SolutionOutlined />, roles: USER_ADMINS, menu: true, page: lazy(() => import('../pages/users/AdminAuditPage')) },
];

/** Where a role lands after signing in. */
export function homeOf(role: LoginRole): string {
  if (role === 'monitor') return '/monitor';
  if (role === 'admin') return '/batches';
  if (role === 'county_admin') return '/users';
  return '/workbench';
}

export function canOpen(route: ConsoleRoute, role: LoginRole): boolean {
  return route.roles.includes(role);
}
