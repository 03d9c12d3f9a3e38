import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * 审计记录: the append-only history of a project. (project_id, seq) is unique and seq is assigned
 * by the workflow, so an activity retried after a crash can never add the same step twice.
 */
@Entity('project_events')
@Unique('uq_project_events_step', ['projectId', 'seq'])
export class ProjectEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId: string;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_id', type: 'varchar', length: 64, nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_name', type: 'varchar', length: 100 })
  actorName: string;

  @Column({ type: 'varchar', length: 20 })
  role: string;

  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ name: 'from_stage', type: 'varchar', length: 30, nullable: true })
  fromStage: string | null;

  @Column({ name: 'to_stage', type: 'varchar', length: 30 })
  toStage: string;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null;
}
