import type { DataSource } from 'typeorm';
import { createAuditActivities } from './audit/audit-activities';
import { createFundsActivities } from './funds/funds-activities';
import { createProjectActivities } from './project/project-activities';

/** Every activity the worker registers, built over the worker's shared database connection. */
export function createActivities(dataSource: DataSource) {
  return {
    ...createProjectActivities(dataSource),
    ...createFundsActivities(dataSource),
    ...createAuditActivities(dataSource),
  };
}
