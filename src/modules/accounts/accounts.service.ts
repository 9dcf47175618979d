import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import type { Principal, Role } from '../../common/auth/principal';
import { TokenService } from '../../common/auth/token.service';
import { isUniqueViolation } from '../../common/database/pg-errors';
import { InvalidInput, NotFound, StateConflict, Unauthorized } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/env';
import { MailOutbox } from '../mail/mail.outbox';
import { CreateStaffDto, CreateUnitDto } from './dto/admin.dto';
import { PasswordResetConfirmDto, RegisterDto } from './dto/auth.dto';
import { dummyHash, hashPassword, verifyPassword } from './passwords';
import { PRIVACY_NOTICE } from './privacy-notice';
import { Unit } from './unit.entity';
import { User, UserToken } from './user.entity';

const DAY = 24 * 3600 * 1000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export type PublicUser = Pick<User, 'id' | 'email' | 'displayName' | 'roles' | 'unitId'> & { emailVerified: boolean };

@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(UserToken) private readonly userTokens: Repository<UserToken>,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    private readonly tokens: TokenService,
    private readonly mail: MailOutbox,
    private readonly cfg: AppConfig,
  ) {}

  async register(dto: RegisterDto): Promise<{ id: string }> {
    const user = await this.createUser(dto, ['resident'], null);
    if (dto.acceptPrivacy) {
      await this.users.update(user.id, { privacyAcceptedAt: new Date(), privacyVersion: dto.privacyVersion ?? PRIVACY_NOTICE.version });
    }
    await this.sendVerification(user);
    return { id: user.id };
  }

  async login(email: string, password: string): Promise<{ accessToken: string }> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email: email.trim() })
      .getOne();
    const ok = user ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await dummyHash(), password), false);
    if (!user || !ok) throw new Unauthorized('auth.bad_credentials', 'email or password is incorrect');
    return { accessToken: this.tokens.sign(toPrincipal(user)) };
  }

  async me(id: string): Promise<PublicUser & { unit: { id: string; name: string } | null }> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFound('user');
    const unit = user.unitId ? await this.units.findOneBy({ id: user.unitId }) : null;
    return { ...publicUser(user), unit: unit ? { id: unit.id, name: unit.name } : null };
  }

  async createStaff(dto: CreateStaffDto): Promise<PublicUser> {
    const unitId = dto.unitId ?? (await this.defaultUnit()).id;
    if (!(await this.units.existsBy({ id: unitId }))) throw new InvalidInput('account.no_such_unit', 'unitId: no such organizing unit');
    const roles = Array.from(new Set(dto.roles));
    const user = await this.createUser(dto, roles, unitId);
    // Staff accounts are created by an administrator who vouches for the address.
    await this.users.update(user.id, { emailVerifiedAt: new Date() });
    return publicUser({ ...user, emailVerifiedAt: new Date() });
  }

  listUsers(): Promise<User[]> {
    return this.users.find({ order: { createdAt: 'ASC' }, take: 500 });
  }

  async createUnit(dto: CreateUnitDto): Promise<Unit> {
    if (await this.units.existsBy({ name: dto.name })) throw new StateConflict('account.unit_name_taken', 'a unit with this name already exists');
    return this.units.save(this.units.create({ name: dto.name, reviewLevels: dto.reviewLevels ?? ['content'] }));
  }

  listUnits(): Promise<Unit[]> {
    return this.units.find({ order: { createdAt: 'ASC' } });
  }

  async verifyEmail(token: string): Promise<void> {
    const row = await this.consumeToken(token, 'verify_email');
    await this.users.update(row.userId, { emailVerifiedAt: new Date() });
  }

  async resendVerification(userId: string): Promise<void> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw new NotFound('user');
    if (user.emailVerifiedAt) throw new StateConflict('account.already_verified', 'email is already verified');
    await this.sendVerification(user);
  }

  /** Always succeeds, so the response does not reveal whether the address is registered. */
  async requestPasswordReset(email: string): Promise<void> {
    const user = await this.users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
    if (!user) return;
    const token = await this.issueToken(user.id, 'reset_password', DAY / 24);
    await this.mail.enqueue(
      {
        to: user.email,
        subject: '重置密码 / Reset your password',
        text: `您好，${user.displayName}：\n\n请在 1 小时内打开以下链接重置密码：\n${this.cfg.PUBLIC_URL}/#/reset-password?token=${token.value}\n\nIf you did not ask for this, ignore this message.`,
        messageId: `<reset-${token.id}@consult>`,
      },
      `reset-${token.id}`,
    );
  }

  async resetPassword(dto: PasswordResetConfirmDto): Promise<void> {
    const row = await this.consumeToken(dto.token, 'reset_password');
    await this.users.update(row.userId, { passwordHash: await hashPassword(dto.password) });
  }

  /** Creates the first administrator and the default unit at start-up when absent. */
  async bootstrap(): Promise<void> {
    const unit = await this.defaultUnit();
    const exists = await this.users.createQueryBuilder('u').where('lower(u.email) = lower(:e)', { e: this.cfg.ADMIN_EMAIL }).getExists();
    if (exists) return;
    try {
      const admin = await this.createUser({ email: this.cfg.ADMIN_EMAIL, password: this.cfg.ADMIN_PASSWORD, displayName: '系统管理员' }, ['admin'], unit.id);
      await this.users.update(admin.id, { emailVerifiedAt: new Date() });
      this.logger.log(`created administrator ${this.cfg.ADMIN_EMAIL}`);
    } catch (err) {
      if (!(err instanceof StateConflict)) throw err; // another instance created it meanwhile
    }
  }

  async defaultUnit(): Promise<Unit> {
    const first = await this.units.find({ order: { createdAt: 'ASC' }, take: 1 });
    if (first[0]) return first[0];
    await this.units.createQueryBuilder().insert().values({ name: this.cfg.DEFAULT_UNIT_NAME, reviewLevels: ['content'] }).orIgnore().execute();
    return (await this.units.find({ order: { createdAt: 'ASC' }, take: 1 }))[0];
  }

  private async createUser(dto: { email: string; password: string; displayName: string }, roles: Role[], unitId: string | null): Promise<User> {
    const passwordHash = await hashPassword(dto.password);
    try {
      const user = await this.users.save(this.users.create({ email: dto.email, passwordHash, displayName: dto.displayName, roles, unitId }));
      return user;
    } catch (err) {
      if (isUniqueViolation(err)) throw new StateConflict('account.email_taken', 'an account with this email already exists');
      throw err;
    }
  }

  private async sendVerification(user: User): Promise<void> {
    const token = await this.issueToken(user.id, 'verify_email', 7 * DAY);
    await this.mail.enqueue(
      {
        to: user.email,
        subject: '请验证您的邮箱 / Verify your email',
        text: `您好，${user.displayName}：\n\n请打开以下链接验证邮箱，验证后我们会通过邮件告知您意见的处理结果：\n${this.cfg.PUBLIC_URL}/#/verify-email?token=${token.value}\n\nOpen the link above to verify your email address.`,
        messageId: `<verify-${token.id}@consult>`,
      },
      `verify-${token.id}`,
    );
  }

  private async issueToken(userId: string, purpose: UserToken['purpose'], ttlMs: number) {
    const value = randomBytes(32).toString('base64url');
    const row = await this.userTokens.save(this.userTokens.create({ userId, purpose, tokenHash: sha256(value), expiresAt: new Date(Date.now() + ttlMs) }));
    return { id: row.id, value };
  }

  private async consumeToken(value: string, purpose: UserToken['purpose']): Promise<UserToken> {
    const row = await this.userTokens.findOneBy({ tokenHash: sha256(value), purpose, usedAt: IsNull() });
    if (!row || row.expiresAt.getTime() < Date.now()) throw new InvalidInput('account.token_invalid', 'token is invalid or expired');
    const { affected } = await this.userTokens.update({ id: row.id, usedAt: IsNull() }, { usedAt: new Date() });
    if (!affected) throw new InvalidInput('account.token_invalid', 'token is invalid or expired');
    return row;
  }
}

export function toPrincipal(u: Pick<User, 'id' | 'roles' | 'unitId' | 'displayName'>): Principal {
  return { id: u.id, roles: u.roles, unitId: u.unitId, displayName: u.displayName };
}

export function publicUser(u: User): PublicUser {
  return { id: u.id, email: u.email, displayName: u.displayName, roles: u.roles, unitId: u.unitId, emailVerified: !!u.emailVerifiedAt };
}
