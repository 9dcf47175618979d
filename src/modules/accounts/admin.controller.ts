import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/decorators';
import { AccountsService, publicUser } from './accounts.service';
import { CreateStaffDto, CreateUnitDto } from './dto/admin.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin')
export class AdminController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('users')
  createUser(@Body() dto: CreateStaffDto) {
    return this.accounts.createStaff(dto);
  }

  @Get('users')
  async listUsers() {
    const users = await this.accounts.listUsers();
    return { items: users.map(publicUser), total: users.length, page: 1, pageSize: users.length };
  }

  @Post('units')
  createUnit(@Body() dto: CreateUnitDto) {
    return this.accounts.createUnit(dto);
  }

  @Get('units')
  async listUnits() {
    const units = await this.accounts.listUnits();
    return { items: units, total: units.length, page: 1, pageSize: units.length };
  }
}
