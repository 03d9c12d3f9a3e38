import { api, unwrap } from './http';
import type { RegionWithAncestors, SessionUser } from './types';

export function login(username: string, password: string): Promise<{ user: SessionUser; csrfToken: string }> {
  return unwrap(api.POST('/auth/login', { body: { username, password }, headers: { 'X-Auth-Mode': 'cookie' } }));
}

/** 修改密码: every session of the account ends, and the answer is this console's new one. */
export function changePassword(oldPassword: string, newPassword: string): Promise<{ user: SessionUser; csrfToken: string }> {
  return unwrap(api.POST('/auth/change-password', { body: { oldPassword, newPassword }, headers: { 'X-Auth-Mode': 'cookie' } }));
}

export function currentUser(): Promise<SessionUser> {
  return unwrap(api.GET('/auth/me'));
}

export async function logout(): Promise<void> {
  await api.POST('/auth/logout');
}

export function region(code: string): Promise<RegionWithAncestors> {
  return unwrap(api.GET('/regions/{code}', { params: { path: { code } } }));
}
