import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '../mail/mail.module';
import { AccountsService } from './accounts.service';
import { AdminController } from './admin.controller';
import { AuthController, MeController, PrivacyController } from './auth.controller';
import { Unit } from './unit.entity';
import { User, UserToken } from './user.entity';

@Module({
  imports: [TypeOrmModule.forFeature([User, UserToken, Unit]), MailModule],
  controllers: [AuthController, MeController, PrivacyController, AdminController],
  providers: [AccountsService],
  exports: [AccountsService, TypeOrmModule],
})
export class AccountsModule implements OnApplicationBootstrap {
  constructor(private readonly accounts: AccountsService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.accounts.bootstrap();
  }
}
