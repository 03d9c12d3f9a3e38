import { Tag } from 'antd';
import { stageLabel, type Stage } from '../../../../libs/domain/src/stages';

const COLORS: Partial<Record<Stage, string>> = {
  draft: 'default',
  township_review: 'processing',
  department_review: 'processing',
  county_review: 'processing',
  publicity: 'purple',
  implementation: 'cyan',
  acceptance: 'geekblue',
  disbursement: 'gold',
  completed: 'success',
  returned: 'warning',
  rejected: 'error',
  withdrawn: 'default',
};

/** A stage as a coloured tag, never the raw code. */
export function StageTag({ stage }: { stage: Stage }) {
  return <Tag color={COLORS[stage] ?? 'default'}>{stageLabel(stage)}</Tag>;
}
