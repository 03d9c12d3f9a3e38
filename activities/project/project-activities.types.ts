import type { ProjectStep } from '../../workflows/project/project.types';

/** What the project workflow asks of the outside world; implemented over Postgres in activities/. */
export interface ProjectActivities {
  recordProjectStep(step: ProjectStep): Promise<void>;
}
