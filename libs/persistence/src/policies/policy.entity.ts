import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Policy } from '../../../domain/src/policy';

/** 地区政策: the keys one region overrides; the rest is inherited from its ancestors or the defaults. */
@Entity('policies')
export class PolicyEntity {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 12 })
  regionCode: string;

  /** Validated values in API form (ISO-8601 durations, decimal strings, yuan strings). */
  @Column({ type: 'jsonb' })
  patch: Partial<Policy>;

  /** 1 for the first change of the region, +1 for each later one. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** 政策变更记录: append-only (the database refuses updates and deletions). */
@Entity('policy_history')
export class PolicyHistoryEntity {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 12 })
  regionCode: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  /** The region's whole stored patch after this change. */
  @Column({ type: 'jsonb' })
  patch: Partial<Policy>;

  /** What this change sent; a key with null was removed. */
  @Column({ type: 'jsonb' })
  change: Record<string, unknown>;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
