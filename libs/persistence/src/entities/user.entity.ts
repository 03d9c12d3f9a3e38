import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 用户: one person acting in one role inside one region (a department user also inside one sector). */
@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName: string;

  /** scrypt hash, never the password itself. */
  @Column({ name: 'password_hash', type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 20 })
  role: string;

  @Column({ name: 'region_code', type: 'varchar', length: 12 })
  regionCode: string;

  /** Sector code of an industry department user (e.g. agriculture). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  department: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
