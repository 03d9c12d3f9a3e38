/** 用户管理 and 管理日志, in the shapes the generated document gives them. */
import type { components, operations } from './api-schema';
import { api, unwrap } from './http';
import type { Page } from './types';

type Schemas = components['schemas'];

/** An account as the administrator sees it: who, where, and whether it is disabled or locked. */
export type ManagedUser = Schemas['UserView'];
export type CreateUserBody = Schemas['CreateUserDto'];
export type UpdateUserBody = Schemas['UpdateUserDto'];
export type UserListQuery = NonNullable<operations['UsersController_list']['parameters']['query']>;
export type UserStatus = NonNullable<UserListQuery['status']>;
/** 管理日志的一条 */
export type AuditEntry = Schemas['AdminAuditEntryView'];
export type AuditQuery = NonNullable<operations['AdminAuditController_list']['parameters']['query']>;

export function listUsers(query: UserListQuery): Promise<Page<ManagedUser>> {
  return unwrap(api.GET('/users', { params: { query } }));
}

export function createUser(body: CreateUserBody): Promise<ManagedUser> {
  return unwrap(api.POST('/users', { body }));
}

export function updateUser(id: string, body: UpdateUserBody): Promise<ManagedUser> {
  return unwrap(api.PATCH('/users/{id}', { params: { path: { id } }, body }));
}

export function resetPassword(id: string, password: string): Promise<ManagedUser> {
  return unwrap(api.POST('/users/{id}/reset-password', { params: { path: { id } }, body: { password } }));
}

export function unlockUser(id: string): Promise<ManagedUser> {
  return unwrap(api.POST('/users/{id}/unlock', { params: { path: { id } } }));
}

export function listAudit(query: AuditQuery): Promise<Page<AuditEntry>> {
  return unwrap(api.GET('/admin/audit', { params: { query } }));
}
