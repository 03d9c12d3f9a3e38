import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isWithinScope } from '../../../../libs/auth/src/scope';
import { formatYuan } from '../../../../libs/domain/src/money';
import { isLoginRole, roleLabel } from '../../../../libs/domain/src/stages';
import type { OperationTarget } from '../../../../workflows/project/project.operations';
import type { ProjectDetails } from '../../../../workflows/project/project.types';
import type { AuthUser } from '../auth/auth-user';
import { BatchesService } from '../batches/batches.service';
import { ApiError } from '../common/api-error';
import { ProjectsService } from '../projects/projects.service';
import { recordAdminAction } from '../users/admin-audit';
import type { CandidatePurpose, ReassignTasksDto } from './dto/approval-operations.dto';

interface UserRow {
  id: string;
  display_name: string;
  role: string;
  region_code: string;
  department: string | null;
  region_name: string;
}

const STAFF_ROLES = ['village', 'township', 'department', 'county', 'finance'];

/**
 * 转办, 委派, 抄送, 改派 name people: they are looked up here among active accounts, and the
 * workflow decides whether each may take the task. Termination gives the project's matched money
 * back to the allocations it came from through their own workflows.
 */
@Injectable()
export class ApprovalsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly projects: ProjectsService,
    private readonly batches: BatchesService,
  ) {}

  private async activeUser(id: string, what: string): Promise<OperationTarget> {
    const [row]: UserRow[] = await this.db.query(
      `SELECT u.id, u.display_name, u.role, u.region_code, u.department, r.name AS region_name
         FROM users u LEFT JOIN regions r ON r.code = u.region_code WHERE u.id = $1 AND NOT u.disabled`,
      [id],
    );
    if (!row || !isLoginRole(row.role)) throw ApiError.unprocessable(`${what}不存在或已停用`, 'RULE_BROKEN');
    return { userId: row.id, name: row.display_name, role: row.role, regionCode: row.region_code, department: row.department };
  }

  async handOver(id: string, user: AuthUser, action: 'transfer' | 'delegate', userId: string, comment: string) {
    const project = await this.projects.findEntity(id, user);
    const to = await this.activeUser(userId, action === 'transfer' ? '转办对象' : '委派对象');
    return this.projects.act(id, user, { action, to, comment }, project);
  }

  async cc(id: string, user: AuthUser, userIds: string[], comment: string | null) {
    const project = await this.projects.findEntity(id, user);
    if (new Set(userIds).size !== userIds.length) throw ApiError.badRequest('VALIDATION_FAILED', '抄送对象不能重复');
    const to: OperationTarget[] = [];
    for (const userId of userIds) {
      const target = await this.activeUser(userId, '抄送对象');
      // Only people who may see the project can be copied in.
      if (!isWithinScope(project.villageCode, target.regionCode ?? '')) throw ApiError.unprocessable(`${target.name}不在本项目所在地区，不能抄送`, 'RULE_BROKEN');
      to.push(target);
    }
    return this.projects.act(id, user, { action: 'cc', to, comment }, project);
  }

  /** Who may be named for an operation on this project now. */
  async candidates(id: string, user: AuthUser, purpose: CandidatePurpose) {
    const project = await this.projects.findEntity(id, user);
    const task = (project.details as Partial<ProjectDetails>).task ?? null;
    let rows: UserRow[];
    if (purpose === 'cc') {
      rows = await this.db.query(
        `SELECT u.id, u.display_name, u.role, u.region_code, u.department, r.name AS region_name
           FROM users u LEFT JOIN regions r ON r.code = u.region_code
          WHERE NOT u.disabled AND u.role = ANY($1) AND left(u.region_code, 6) = left($2, 6) AND u.id <> $3
            AND ($2 LIKE rtrim(u.region_code, '0') || '%')
          ORDER BY u.role, u.region_code, u.display_name LIMIT 200`,
        [STAFF_ROLES, project.villageCode, user.id],
      );
    } else {
      if (!task) throw ApiError.conflict('项目当前没有待办，无人可选');
      rows = await this.db.query(
        `SELECT u.id, u.display_name, u.role, u.region_code, u.department, r.name AS region_name
           FROM users u LEFT JOIN regions r ON r.code = u.region_code
          WHERE NOT u.disabled AND u.role = $1 AND u.region_code = $2 AND ($3::text IS NULL OR u.department = $3) AND u.id <> $4
          ORDER BY u.display_name, u.id LIMIT 200`,
        [task.role, task.regionCode, task.department, user.id],
      );
    }
    return rows.map((r) => ({
      userId: r.id,
      name: r.display_name,
      role: r.role,
      roleLabel: isLoginRole(r.role) ? roleLabel(r.role) : r.role,
      regionCode: r.region_code,
      regionName: r.region_name ?? r.region_code,
      department: r.department,
    }));
  }

  /**
   * 终止: the workflow ends the project first; then each match goes back to its allocation, newest
   * first, as long as what stays matched still covers what was paid. Asked again for a project already
   * terminated, only the release is retried, so a failure half-way is repaired by repeating the request.
   */
  async terminate(id: string, user: AuthUser, reason: string) {
    const project = await this.projects.findEntity(id, user);
    const detail = project.stage === 'terminated' ? await this.projects.findOne(id, user) : await this.projects.act(id, user, { action: 'terminate', reason }, project);
    const matches: Array<{ id: string; batch_id: string; county_code: string; amount_fen: string }> = await this.db.query(
      `SELECT m.id, a.batch_id, a.county_code, m.amount_fen::text AS amount_fen
         FROM fund_matches m JOIN allocations a ON a.id = m.allocation_id
        WHERE m.project_id = $1 AND m.removed_at IS NULL ORDER BY m.created_at DESC, m.id`,
      [id],
    );
    let released = 0n;
    let count = 0;
    for (const m of matches) {
      const [{ matched, paid }] = await this.db.query(
        `SELECT (SELECT COALESCE(sum(amount_fen), 0) FROM fund_matches WHERE project_id = $1 AND removed_at IS NULL)::text AS matched,
                (SELECT COALESCE(sum(amount_fen), 0) FROM payments WHERE project_id = $1)::text AS paid`,
        [id],
      );
      if (BigInt(matched) - BigInt(m.amount_fen) < BigInt(paid)) continue;
      await this.batches.unmatch(m.batch_id, m.county_code, m.id, { reason: `项目终止：${reason}` }, user);
      released += BigInt(m.amount_fen);
      count += 1;
    }
    const [{ kept }] = await this.db.query(`SELECT COALESCE(sum(amount_fen), 0)::text AS kept FROM fund_matches WHERE project_id = $1 AND removed_at IS NULL`, [id]);
    await recordAdminAction(this.db.manager, {
      actor: { id: user.id, username: user.username, role: user.role },
      action: 'project.terminate',
      target: { id: null, username: null, regionCode: project.villageCode },
      detail: { projectId: id, projectName: project.name, reason, releasedFen: released.toString(), keptFen: kept, matchesReleased: count },
    });
    return { project: count > 0 ? await this.projects.findOne(id, user) : detail, released: formatYuan(released), kept: formatYuan(BigInt(kept)), matchesReleased: count };
  }

  /** 批量改派: each task goes through its project's workflow; one refused does not stop the others. */
  async reassign(dto: ReassignTasksDto, user: AuthUser) {
    if (!dto.fromUserId && !dto.projectIds?.length) throw ApiError.badRequest('VALIDATION_FAILED', '请指定交出待办的用户（fromUserId）或项目（projectIds）');
    const to = await this.activeUser(dto.toUserId, '接收待办的用户');
    if (!isWithinScope(to.regionCode ?? '', user.regionCode)) throw ApiError.unprocessable('接收待办的用户不在您的管辖范围内', 'RULE_BROKEN');
    let ids = dto.projectIds ?? [];
    if (dto.fromUserId) {
      const rows: Array<{ project_id: string }> = await this.db.query(
        `SELECT DISTINCT project_id FROM tasks WHERE status = 'open' AND (assignee_id = $1 OR delegate_id = $1)`,
        [dto.fromUserId],
      );
      const held = rows.map((r) => r.project_id);
      ids = dto.projectIds?.length ? ids.filter((p) => held.includes(p)) : held;
    }
    const items = [];
    for (const projectId of [...new Set(ids)]) {
      try {
        const detail = await this.projects.act(projectId, user, { action: 'reassign', to, comment: dto.comment });
        items.push({ projectId, projectName: detail.name, ok: true, error: null });
      } catch (error) {
        if (!(error instanceof ApiError) || error.getStatus() >= 500) throw error;
        const body = error.getResponse() as { message: string };
        items.push({ projectId, projectName: null, ok: false, error: body.message });
      }
    }
    const result = { reassigned: items.filter((i) => i.ok).length, failed: items.filter((i) => !i.ok).length, items };
    const [target]: Array<{ username: string }> = await this.db.query(`SELECT username FROM users WHERE id = $1`, [to.userId]);
    await recordAdminAction(this.db.manager, {
      actor: { id: user.id, username: user.username, role: user.role },
      action: 'task.reassign',
      target: { id: to.userId, username: target.username, regionCode: to.regionCode ?? user.regionCode },
      detail: { fromUserId: dto.fromUserId ?? null, comment: dto.comment, reassigned: items.filter((i) => i.ok).map((i) => i.projectId), failed: result.failed },
    });
    return result;
  }
}
