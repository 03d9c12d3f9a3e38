import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actionLabel, isProjectAction, isStage, stageLabel } from '../../../../libs/domain/src/stages';
import { formatYuan } from '../../../../libs/domain/src/money';
import { taskLabel, type TaskAction } from '../../../../libs/domain/src/tasks';
import type { AuthUser } from '../auth/auth-user';
import { pageOf, type Page } from '../common/pagination';
import { NATIONAL_REGION_CODE } from '../../../../libs/auth/src/scope';
import { regionPrefix } from '../../../../libs/reference-data/src/region-names';
import type { TasksQuery } from './tasks.query';

export interface TaskItem {
  projectId: string;
  projectName: string;
  place: string;
  villageCode: string;
  totalBudget: string;
  stage: string;
  stageLabel: string;
  action: string;
  actionLabel: string;
  openedAt: string;
  dueAt: string | null;
  overdue: boolean;
  remindedAt: string | null;
  mine: 'owner' | 'delegate';
  assigneeName: string | null;
  delegateName: string | null;
  urgedAt: string | null;
  urgedBy: string | null;
  urgeCount: number;
}

export interface CcItem {
  projectId: string;
  projectName: string;
  place: string;
  villageCode: string;
  totalBudget: string;
  stage: string;
  stageLabel: string;
  by: string;
  at: string;
  comment: string | null;
}

export interface DoneItem {
  projectId: string;
  projectName: string;
  place: string;
  villageCode: string;
  totalBudget: string;
  action: string;
  actionLabel: string;
  fromStage: string | null;
  toStage: string;
  at: string;
  comment: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Where the project is and what it costs, so an inbox row says enough to pick the next one. */
function projectFacts(r: Record<string, unknown>) {
  return { place: r.place as string, villageCode: r.village_code as string, totalBudget: formatYuan(BigInt(r.total_budget_fen as string)) };
}

/** 待办 and 已办: the open tasks addressed to the caller's role and region, and what the caller has done. */
@Injectable()
export class TasksService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A task is addressed to exactly one region at its addressee's level (the village, the township,
   * the county), so the inbox is an equality on (role, region) from the partial index, counted
   * separately rather than with a window over every match. Tasks handed or delegated to the caller
   * by name come first, then the rest in due order: a colleague's handover must not sink below a
   * desk's whole backlog.
   */
  async open(user: AuthUser, query: TasksQuery): Promise<Page<TaskItem>> {
    const { page, pageSize, offset } = pageOf(query);
    // A task handed to a named colleague is theirs alone; a joint review waits on its departments still to approve.
    const where = `t.status = 'open' AND t.role = $1 AND t.region_code = $2
      AND (CASE WHEN t.joint_departments IS NOT NULL THEN $3 = ANY(t.joint_departments) ELSE (t.department IS NULL OR t.department = $3) END)
      AND (t.assignee_id IS NULL OR t.assignee_id = $4 OR t.delegate_id = $4)`;
    const params = [user.role, user.regionCode, user.department, user.id];
    // Two runs, each in the inbox index's due order: the tasks named to the caller, then the desk's
    // backlog; one sort over both would read a busy desk's whole backlog for every page.
    const named = `(t.assignee_id = $4 OR t.delegate_id = $4)`;
    const backlog = `t.assignee_id IS NULL AND t.delegate_id IS DISTINCT FROM $4`;
    const [{ n, m }] = (await this.dataSource.query(
      `SELECT count(*)::int AS n, (count(*) FILTER (WHERE ${named}))::int AS m FROM tasks t WHERE ${where}`,
      params,
    )) as Array<{ n: number; m: number }>;
    const run = (only: string, limit: number, skip: number) =>
      limit <= 0
        ? Promise.resolve([])
        : (this.dataSource.query(
            `SELECT t.project_id, p.name, p.place, p.village_code, p.total_budget_fen, t.stage, t.action, t.opened_at, t.due_at, t.reminded_at,
               t.assignee_name, t.delegate_id, t.delegate_name, t.urged_at, t.urged_by, t.urge_count
             FROM tasks t JOIN projects p ON p.id = t.project_id
             WHERE ${where} AND ${only}
             ORDER BY t.due_at ASC NULLS LAST, t.opened_at ASC, t.id
             LIMIT $5 OFFSET $6`,
            [...params, limit, skip],
          ) as Promise<Array<Record<string, unknown>>>);
    const namedOnPage = Math.max(0, Math.min(pageSize, m - offset));
    const [first, second] = await Promise.all([
      run(named, namedOnPage, offset),
      run(backlog, pageSize - namedOnPage, Math.max(0, offset - m)),
    ]);
    const rows = [...first, ...second];
    // Overdue is computed from the due time at read, so the inbox is right even while no worker runs.
    const now = Date.now();
    const items = rows.map((r) => {
      const due = r.due_at as Date | null;
      const delegated = r.delegate_id === user.id;
      return {
        projectId: r.project_id as string,
        projectName: r.name as string,
        ...projectFacts(r),
        stage: r.stage as string,
        stageLabel: isStage(r.stage) ? stageLabel(r.stage) : (r.stage as string),
        action: r.action as string,
        actionLabel: delegated ? '提交委派意见' : taskLabel(r.action as TaskAction),
        openedAt: iso(r.opened_at as Date)!,
        dueAt: iso(due),
        overdue: due !== null && due.getTime() <= now,
        remindedAt: iso(r.reminded_at as Date | null),
        mine: delegated ? ('delegate' as const) : ('owner' as const),
        assigneeName: (r.assignee_name as string | null) ?? null,
        delegateName: (r.delegate_name as string | null) ?? null,
        urgedAt: iso(r.urged_at as Date | null),
        urgedBy: (r.urged_by as string | null) ?? null,
        urgeCount: Number(r.urge_count ?? 0),
      };
    });
    return { items, total: n, page, pageSize };
  }

  /** 抄送我的: the projects whose record copies the caller in, newest copy first; a caller moved elsewhere no longer sees the old region's. */
  async copied(user: AuthUser, query: TasksQuery): Promise<Page<CcItem>> {
    const { page, pageSize, offset } = pageOf(query);
    const scope = user.regionCode === NATIONAL_REGION_CODE ? '' : regionPrefix(user.regionCode);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT p.id, p.name, p.place, p.village_code, p.total_budget_fen, p.stage, c->>'by' AS by, c->>'at' AS at, c->>'comment' AS comment, count(*) OVER () AS total
       FROM projects p CROSS JOIN LATERAL jsonb_array_elements(p.details -> 'ccs') c
       WHERE p.details -> 'ccs' @> jsonb_build_array(jsonb_build_object('userId', $1::text)) AND c->>'userId' = $1 AND p.village_code LIKE $4
       ORDER BY c->>'at' DESC, p.id
       LIMIT $2 OFFSET $3`,
      [user.id, pageSize, offset, `${scope}%`],
    );
    return {
      items: rows.map((r) => ({
        projectId: r.id as string,
        projectName: r.name as string,
        ...projectFacts(r),
        stage: r.stage as string,
        stageLabel: isStage(r.stage) ? stageLabel(r.stage) : (r.stage as string),
        by: r.by as string,
        at: new Date(r.at as string).toISOString(),
        comment: (r.comment as string | null) ?? null,
      })),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      page,
      pageSize,
    };
  }

  async done(user: AuthUser, query: TasksQuery): Promise<Page<DoneItem>> {
    const { page, pageSize, offset } = pageOf(query);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT e.project_id, p.name, p.place, p.village_code, p.total_budget_fen, e.action, e.from_stage, e.to_stage, e.at, e.comment, count(*) OVER () AS total
       FROM project_events e JOIN projects p ON p.id = e.project_id
       WHERE e.actor_id = $1
       ORDER BY e.at DESC, e.id DESC
       LIMIT $2 OFFSET $3`,
      [user.id, pageSize, offset],
    );
    return {
      items: rows.map((r) => ({
        projectId: r.project_id as string,
        projectName: r.name as string,
        ...projectFacts(r),
        action: r.action as string,
        actionLabel: isProjectAction(r.action) ? actionLabel(r.action) : r.action === 'create' ? '新建草稿' : (r.action as string),
        fromStage: r.from_stage as string | null,
        toStage: r.to_stage as string,
        at: iso(r.at as Date)!,
        comment: r.comment as string | null,
      })),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      page,
      pageSize,
    };
  }
}
