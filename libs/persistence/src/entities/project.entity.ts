import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export interface FundingSourceRecord {
  source: string;
  /** Integer fen as a decimal string: JSON has no 64-bit integers. */
  amountFen: string;
}

export interface BeneficiariesRecord {
  householdsLifted: number;
  householdsMonitored: number;
  people: number;
}

/**
 * 项目: one fund-supported project. The row is a projection of the project's workflow, written
 * from its steps (libs/persistence/src/project-steps.ts); the workflow owns the stage, this table answers reads.
 */
@Entity('projects')
export class ProjectEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  type: string;

  @Index()
  @Column({ type: 'varchar', length: 30 })
  stage: string;

  /** The village (or project unit's place) the project belongs to; every region scope is a prefix of it. */
  @Column({ name: 'village_code', type: 'varchar', length: 12 })
  villageCode: string;

  @Index()
  @Column({ name: 'county_code', type: 'varchar', length: 12 })
  countyCode: string;

  @Column({ name: 'department_code', type: 'varchar', length: 40 })
  departmentCode: string;

  @Column({ type: 'text' })
  place: string;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'text', nullable: true })
  scale: string | null;

  @Column({ name: 'total_budget_fen', type: 'bigint' })
  totalBudgetFen: string;

  @Column({ name: 'funding_sources', type: 'jsonb' })
  fundingSources: FundingSourceRecord[];

  @Column({ type: 'jsonb' })
  beneficiaries: BeneficiariesRecord;

  @Column({ name: 'farmer_link', type: 'text' })
  farmerLink: string;

  @Column({ name: 'performance_targets', type: 'jsonb', default: () => "'[]'" })
  performanceTargets: unknown[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments: unknown[];

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  /** The workflow's state version that produced this row; a write with an older version is ignored. */
  @Column({ name: 'state_version', type: 'integer' })
  stateVersion: number;

  /** The process record kept by the workflow (returns, publicity, objections, procurement, progress, changes, acceptance, open task). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  /** Due moment of the open task, if it has one. */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** 入库时间: when the county approved the project into its project library. */
  @Column({ name: 'library_at', type: 'timestamptz', nullable: true })
  libraryAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
