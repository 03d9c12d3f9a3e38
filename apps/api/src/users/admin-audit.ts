import type { EntityManager } from 'typeorm';

/** 管理日志的操作 */
export const ADMIN_ACTIONS = {
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.reset_password': '重置密码',
  'user.unlock': '解除锁定',
  'user.password_change': '本人修改密码',
  'user.locked': '连续输错密码被锁定',
  'task.reassign': '改派待办',
  'project.terminate': '终止项目',
} as const;

export type AdminAction = keyof typeof ADMIN_ACTIONS;

export interface AdminAuditEntry {
  actor: { id: string; username: string; role: string };
  action: AdminAction;
  /** A project's termination names no account: only the region the project is in. */
  target: { id: string | null; username: string | null; regionCode: string };
  /** What changed, never a password or its hash. */
  detail?: Record<string, unknown>;
}

/**
 * Appends one entry in the caller's transaction, so an action and its record are written together
 * or not at all. The entry takes the target's region, which is how a county admin's view of the log
 * is scoped to its county.
 */
export async function recordAdminAction(manager: EntityManager, entry: AdminAuditEntry): Promise<void> {
  await manager.query(
    `INSERT INTO admin_audit (actor_id, actor_username, actor_role, action, target_user_id, target_username, region_code, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [entry.actor.id, entry.actor.username, entry.actor.role, entry.action, entry.target.id, entry.target.username, entry.target.regionCode, JSON.stringify(entry.detail ?? {})],
  );
}
