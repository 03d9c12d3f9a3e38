import type { LoginRole } from './stages';

/** The region level a user of each role acts at (`country` is the root above every province, for admins). */
export const ROLE_REGION_LEVELS: Readonly<Record<LoginRole, readonly string[]>> = {
  village: ['village'],
  township: ['township'],
  department: ['county'],
  county: ['county'],
  finance: ['county'],
  county_admin: ['county'],
  monitor: ['province', 'city', 'county'],
  admin: ['country'],
};

const LEVEL_LABELS: Readonly<Record<string, string>> = { country: '全国', province: '省级', city: '市级', county: '县级', township: '乡镇', village: '村' };

/** Roles that manage users. */
export const USER_ADMIN_ROLES = ['admin', 'county_admin'] as const satisfies readonly LoginRole[];
export type UserAdminRole = (typeof USER_ADMIN_ROLES)[number];

/**
 * The roles an administrator may give. A county admin runs the offices of its own county: it may
 * not make administrators of any kind, nor a monitor (whose region is above the county).
 */
export function assignableRoles(adminRole: UserAdminRole): readonly LoginRole[] {
  if (adminRole === 'admin') return ['village', 'township', 'department', 'county', 'finance', 'monitor', 'county_admin', 'admin'];
  return ['village', 'township', 'department', 'county', 'finance'];
}

/** Why a role cannot sit in a region of this level (with or without a department), or null when it can. */
export function roleFitProblem(role: LoginRole, regionLevel: string, department: string | null): string | null {
  const levels = ROLE_REGION_LEVELS[role];
  if (!levels.includes(regionLevel)) return `该角色的所在地区须为${levels.map((l) => LEVEL_LABELS[l] ?? l).join('、')}`;
  if (role === 'department' && !department) return '行业主管部门用户须指定所属部门';
  if (role !== 'department' && department) return '只有行业主管部门用户有所属部门';
  return null;
}
