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

  /** A disabled account cannot sign in and its sessions end. */
  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** Set when an administrator chose the password: the owner must replace it before doing anything else. */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** Named in every token; raising it revokes the account's sessions. */
  @Column({ name: 'session_version', type: 'integer', default: 1 })
  sessionVersion: number;

  /** Wrong passwords since the last successful sign-in (see libs/domain/src/login-lockout.ts). */
  @Column({ name: 'failed_logins', type: 'integer', default: 0 })
  failedLogins: number;

  @Column({ name: 'last_failed_login_at', type: 'timestamptz', nullable: true })
  lastFailedLoginAt: Date | null;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
