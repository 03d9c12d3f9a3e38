import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { pageOf, type Page } from '../common/pagination';
import { ADMIN_ACTIONS, type AdminAction } from './admin-audit';
import type { ListAuditQuery } from './dto/list-audit.query';
import type { AdminAuditEntryView } from './user.response';
import { prefixOf } from './users.service';

interface AuditRow {
  id: string;
  at: Date;
  actor_username: string;
  actor_role: string;
  action: AdminAction;
  target_user_id: string | null;
  target_username: string | null;
  region_code: string;
  region_name: string | null;
  detail: Record<string, unknown>;
}

/** 管理日志: newest first; a county admin reads the entries about accounts of its county. */
@Injectable()
export class AdminAuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: ListAuditQuery, caller: AuthUser): Promise<Page<AdminAuditEntryView>> {
    const { page, pageSize, offset } = pageOf(query);
    const params: unknown[] = [`${prefixOf(caller.regionCode)}%`];
    const where = ['a.region_code LIKE $1'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.action) add('a.action = ?', query.action);
    if (query.actor) add('a.actor_username = ?', query.actor);
    if (query.target) add('a.target_username = ?', query.target);
    // Days are Beijing days, as a county office reads its log.
    if (query.from) add(`a.at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`, query.from);
    if (query.to) add(`a.at < ((?::date) + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`, query.to);
    const filter = `WHERE ${where.join(' AND ')}`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT a.id::text, a.at, a.actor_username, a.actor_role, a.action, a.target_user_id, a.target_username, a.region_code, r.name AS region_name, a.detail
           FROM admin_audit a LEFT JOIN regions r ON r.code = a.region_code
          ${filter} ORDER BY a.at DESC, a.id DESC LIMIT ${pageSize} OFFSET ${offset}`,
        params,
      ) as Promise<AuditRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM admin_audit a ${filter}`, params) as Promise<Array<{ total: number }>>,
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actorUsername: r.actor_username,
        actorRole: r.actor_role,
        action: r.action,
        actionLabel: ADMIN_ACTIONS[r.action] ?? r.action,
        targetUserId: r.target_user_id,
        targetUsername: r.target_username,
        regionCode: r.region_code,
        regionName: r.region_name ?? r.region_code,
        detail: r.detail,
      })),
      total,
      page,
      pageSize,
    };
  }
}
