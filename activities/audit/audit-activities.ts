import type { DataSource } from 'typeorm';
import { sealDayRoots } from '../../libs/persistence/src/audit-day-roots';
import type { AuditActivities } from './audit-activities.types';

export function createAuditActivities(dataSource: DataSource): AuditActivities {
  return {
    async sealDayRoots(day: string): Promise<number> {
      // One snapshot: every county's heads as they stood at the same instant.
      return dataSource.transaction('REPEATABLE READ', (m) => sealDayRoots(m, day));
    },
  };
}
