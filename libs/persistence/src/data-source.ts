import { types } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ProjectEntity } from './entities/project.entity';
import { ProjectEventEntity } from './entities/project-event.entity';
import { RegionEntity } from './entities/region.entity';
import { UserEntity } from './entities/user.entity';
import { PolicyEntity, PolicyHistoryEntity } from './policies/policy.entity';
import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema';
import { Policies1763900100000 } from './migrations/1763900100000-policies';
import { IdempotencyKeys1763900200000 } from './migrations/1763900200000-idempotency-keys';
import { Lifecycle1763900300000 } from './migrations/1763900300000-lifecycle';
import { Funds1763900400000 } from './migrations/1763900400000-funds';
import { InboxIndex1763900600000 } from './migrations/1763900600000-inbox-index';
import { InboxDepartment1763900800000 } from './migrations/1763900800000-inbox-department';
import { AppendOnlyGuard1763900700000 } from './migrations/1763900700000-append-only-guard';
import { StepIntents1763900900000 } from './migrations/1763900900000-step-intents';
import { LibraryCounts1763901000000 } from './migrations/1763901000000-library-counts';
import { SelfEvaluationDrafts1763901200000 } from './migrations/1763901200000-self-evaluation-drafts';
import { ProjectAttachments1763901700000 } from './migrations/1763901700000-project-attachments';
import { UserAdministration1763901600000 } from './migrations/1763901600000-user-administration';
import { AuditChain1763901800000 } from './migrations/1763901800000-audit-chain';
import { AllocationMatchGate1763902000000 } from './migrations/1763902000000-allocation-match-gate';
import { TaskHolders1763901500000 } from './migrations/1763901500000-task-holders';

// A calendar date (DATE columns) stays the 'YYYY-MM-DD' it is: parsing it into a Date would shift it by the host's time zone.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

export const ENTITIES = [RegionEntity, UserEntity, ProjectEntity, ProjectEventEntity, PolicyEntity, PolicyHistoryEntity];
export const MIGRATIONS = [InitialSchema1763900000000, Policies1763900100000, IdempotencyKeys1763900200000, Lifecycle1763900300000, Funds1763900400000, InboxIndex1763900600000, AppendOnlyGuard1763900700000, InboxDepartment1763900800000, StepIntents1763900900000, LibraryCounts1763901000000, SelfEvaluationDrafts1763901200000, TaskHolders1763901500000, UserAdministration1763901600000, ProjectAttachments1763901700000, AuditChain1763901800000, AllocationMatchGate1763902000000];

/** Migrations are listed as classes, not globs, so the same list works from TypeScript and from dist. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: ['error'],
    extra: { max: Number(process.env.DATABASE_POOL_SIZE ?? 20), connectionTimeoutMillis: 5000 },
  };
}

/** An arbitrary constant that names our migration lock among other advisory locks. */
const MIGRATION_LOCK = 7_363_104;

/**
 * Applies pending migrations under an advisory lock, so that several API replicas starting at
 * once do not race to create the same tables.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await dataSource.destroy();
  }
}
