import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { InvalidInput } from '../errors/domain-error';
import { CalendarService } from './calendar.service';
import { CalendarDayDto } from './dto/calendar-day.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Public() @Get('days/:day')
  describe(@Param('day') day: string) {
    if (!DATE.test(day) || Number.isNaN(Date.parse(day))) throw new InvalidInput('calendar.bad_day', 'day must be a date written YYYY-MM-DD');
    return this.calendar.describe(day);
  }

  @Public() @Get('overrides')
  async list() {
    const items = await this.calendar.list();
    return { items, total: items.length, page: 1, pageSize: items.length };
  }

  @ApiBearerAuth() @Roles('admin') @Put('overrides')
  set(@Body() dto: CalendarDayDto, @CurrentUser() user: Principal) {
    return this.calendar.set(dto, user.id);
  }

  @ApiBearerAuth() @Roles('admin') @Delete('overrides/:day') @HttpCode(204)
  remove(@Param('day') day: string) {
    if (!DATE.test(day)) throw new InvalidInput('calendar.bad_day', 'day must be a date written YYYY-MM-DD');
    return this.calendar.remove(day);
  }
}
