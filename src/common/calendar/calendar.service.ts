import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CalendarDay } from './calendar-day.entity';
import { CalendarDayDto } from './dto/calendar-day.dto';
import { addWorkingDays, CivilDate, civilDateOf, DayOverride, endOfCivilDate, isWorkingDay, PACKAGE_LAST_YEAR } from './working-days';

const REFRESH_MS = 60_000;

/** Working-day deadlines (R18) on the official calendar plus the administrator's overrides. */
@Injectable()
export class CalendarService {
  private overrides = new Map<CivilDate, DayOverride>();
  private loadedAt = 0;

  constructor(@InjectRepository(CalendarDay) private readonly days: Repository<CalendarDay>) {}

  /** End (23:59:59 Beijing time) of the n-th working day after the day of `from`. */
  async deadlineAfter(from: Date, workingDays: number): Promise<Date> {
    const overrides = await this.currentOverrides();
    return endOfCivilDate(addWorkingDays(civilDateOf(from), workingDays, overrides));
  }

  async describe(day: CivilDate) {
    const overrides = await this.currentOverrides();
    return { day, workingDay: isWorkingDay(day, overrides), override: overrides.get(day) ?? null, packageCoversUntil: PACKAGE_LAST_YEAR };
  }

  list(): Promise<CalendarDay[]> {
    return this.days.find({ order: { day: 'ASC' } });
  }

  async set(dto: CalendarDayDto, userId: string): Promise<CalendarDay> {
    const row = await this.days.save(this.days.create({ day: dto.day, kind: dto.kind, name: dto.name ?? '', createdBy: userId }));
    this.loadedAt = 0;
    return row;
  }

  async remove(day: CivilDate): Promise<void> {
    await this.days.delete({ day });
    this.loadedAt = 0;
  }

  // Overrides change rarely; other API instances pick up a change within a minute.
  private async currentOverrides(): Promise<ReadonlyMap<CivilDate, DayOverride>> {
    if (Date.now() - this.loadedAt > REFRESH_MS) {
      const rows = await this.days.find();
      this.overrides = new Map(rows.map((r) => [r.day, r.kind]));
      this.loadedAt = Date.now();
    }
    return this.overrides;
  }
}
