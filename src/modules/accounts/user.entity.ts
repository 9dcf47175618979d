import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../../common/auth/principal';

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') email: string;
  /** argon2id; never leaves this module. */
  @Column('text', { select: false }) passwordHash: string;
  @Column('text') displayName: string;
  @Column('text', { array: true }) roles: Role[];
  @Column('uuid', { nullable: true }) unitId: string | null;
  @Column('timestamptz', { nullable: true }) emailVerifiedAt: Date | null;
  @Column('timestamptz', { nullable: true }) privacyAcceptedAt: Date | null;
  @Column('text', { nullable: true }) privacyVersion: string | null;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('text', { nullable: true }) postalAddress: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('user_token')
export class UserToken {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') userId: string;
  @Column('text') purpose: 'verify_email' | 'reset_password';
  @Column('text') tokenHash: string;
  @Column('timestamptz') expiresAt: Date;
  @Column('timestamptz', { nullable: true }) usedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
