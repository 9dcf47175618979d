import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { Public } from '../../common/auth/decorators';
import { OverloadMonitor } from '../../common/overload/overload.monitor';
import { InjectRedis } from '../../common/redis/redis.module';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @InjectRedis() private readonly redis: Redis,
    private readonly overload: OverloadMonitor,
  ) {}

  /**
   * 200 when PostgreSQL and Redis both answer, 503 otherwise (load balancers take the instance out).
   * Never refused by load shedding; `overload` shows its state but stays up, so a busy instance
   * is not taken out of rotation (which would push its load onto the others).
   */
  @Public() @Get() @HealthCheck()
  check() {
    return this.health.check([
      () => this.db.pingCheck('postgres', { timeout: 1500 }),
      async () => {
        const indicator = this.indicators.check('redis');
        try {
          await Promise.race([this.redis.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1500))]);
          return indicator.up();
        } catch (err) {
          return indicator.down({ message: (err as Error).message });
        }
      },
      () => this.indicators.check('overload').up(this.overload.state()),
    ]);
  }
}
