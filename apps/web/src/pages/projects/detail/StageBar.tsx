import { Steps } from 'antd';
import { isRole, roleLabel, type Stage } from '../../../../../../libs/domain/src/stages';
import { formatTime } from '../../../components/format';
import type { HistoryEntry, ProjectRecord } from '../../../services/project-records';

const STEPS: { title: string; stages: Stage[] }[] = [
  { title: '申报', stages: ['draft', 'returned', 'withdrawn'] },
  { title: '乡镇审核', stages: ['township_review'] },
  { title: '部门审查', stages: ['department_review'] },
  { title: '县级审定', stages: ['county_review'] },
  { title: '公示', stages: ['publicity'] },
  { title: '实施', stages: ['implementation'] },
  { title: '验收', stages: ['acceptance'] },
  { title: '拨付', stages: ['disbursement', 'completed'] },
];

/** Where the project stands on the eight-stage bar; a rejected project stops where it was refused. */
function currentStep(p: ProjectRecord, history: HistoryEntry[]): number {
  const stage = p.stage === 'rejected' ? (history.findLast((h) => h.toStage === 'rejected')?.fromStage ?? 'draft') : p.stage;
  return Math.max(
    0,
    STEPS.findIndex((s) => s.stages.includes(stage)),
  );
}

/** The eight stages, the current one with who holds it and until when. */
export function StageBar({ project, history, vertical }: { project: ProjectRecord; history: HistoryEntry[]; vertical: boolean }) {
  const step = currentStep(project, history);
  const red = project.stage === 'returned' || project.stage === 'rejected';
  const holder = project.nextActor
    ? `${project.nextActor.actionLabel}${isRole(project.nextActor.role) && project.nextActor.role !== 'system' ? `（${roleLabel(project.nextActor.role)}）` : ''}${project.dueAt ? ` 截止 ${formatTime(project.dueAt)}` : ''}`
    : undefined;
  return (
    <Steps
      orientation={vertical ? 'vertical' : 'horizontal'}
      size="small"
      current={step}
      status={red ? 'error' : project.stage === 'completed' ? 'finish' : 'process'}
      items={STEPS.map((s, i) => ({ title: s.title, content: i === step ? holder : undefined }))}
    />
  );
}
