import { LOGIN_ROLES } from './stages';
import { ROLE_REGION_LEVELS, assignableRoles, roleFitProblem } from './user-roles';

describe('user roles', () => {
  it('gives every login role the level it acts at', () => {
    expect(Object.keys(ROLE_REGION_LEVELS).sort()).toEqual([...LOGIN_ROLES].sort());
  });

  it('lets a county admin give only the offices of a county, never an admin role', () => {
    expect(assignableRoles('county_admin')).toEqual(['village', 'township', 'department', 'county', 'finance']);
    expect(assignableRoles('admin')).toEqual(expect.arrayContaining([...LOGIN_ROLES]));
  });

  it('fits a role to its region level and a department user to its department', () => {
    expect(roleFitProblem('township', 'township', null)).toBeNull();
    expect(roleFitProblem('township', 'village', null)).toBe('该角色的所在地区须为乡镇');
    expect(roleFitProblem('monitor', 'township', null)).toBe('该角色的所在地区须为省级、市级、县级');
    expect(roleFitProblem('admin', 'county', null)).toBe('该角色的所在地区须为全国');
    expect(roleFitProblem('department', 'county', 'water')).toBeNull();
    expect(roleFitProblem('department', 'county', null)).toBe('行业主管部门用户须指定所属部门');
    expect(roleFitProblem('county', 'county', 'water')).toBe('只有行业主管部门用户有所属部门');
  });
});
