import { Timeline } from 'antd';
import { actionLabel, isProjectAction, isRole, roleLabel } from '../../../../../../../libs/domain/src/stages';
import { formatTime } from '../../../../components/format';
import type { HistoryEntry, ProjectRecord } from '../../../../services/project-records';
import { ChainCheck } from './ChainCheck';

/** 流转记录: every step so far, and the one the project waits for, in grey. */
export function HistoryTab({ project, history }: { project: ProjectRecord; history: HistoryEntry[] }) {
  const waiting = project.nextActor
    ? [
        {
          color: 'gray',
          content: (
            <div className="history-waiting">
              等待：{project.nextActor.actionLabel}
              {isRole(project.nextActor.role) && project.nextActor.role !== 'system' ? `（${roleLabel(project.nextActor.role)}）` : ''}
              {project.dueAt ? ` · 截止 ${formatTime(project.dueAt)}` : ''}
            </div>
          ),
        },
      ]
    : [];
  return (
    <>
      <ChainCheck projectId={project.id} />
      <Timeline
        className="project-history"
        items={[
          ...history.map((h) => ({
            color: h.toStage === 'returned' || h.toStage === 'rejected' ? 'red' : 'green',
            content: (
              <div>
                <strong>{h.actor}</strong>（{isRole(h.role) ? roleLabel(h.role) : h.role}）{' '}
                {isProjectAction(h.action) ? actionLabel(h.action) : h.action} · {formatTime(h.at)}
                {h.comment && <div className="return-comment">{h.comment}</div>}
              </div>
            ),
          })),
          ...waiting,
        ]}
      />
    </>
  );
}
