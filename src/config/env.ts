import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1');

const BODY_LIMIT_FORMAT = /^(\d+)(b|kb|mb)$/i;

/**
 * Every setting the processes read, validated once at boot. Defaults work on a developer machine
 * with PostgreSQL and Redis on their standard local ports, so the product starts with no configuration.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/consult';

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix for every Redis key (queues, rate limits, socket adapter), so tests and tenants never collide. */
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'REDIS_PREFIX may hold letters, digits, - and _ only' })
  REDIS_PREFIX = 'consult';

  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString() @MinLength(16, { message: 'JWT_SECRET must be at least 16 characters' })
  JWT_SECRET = 'dev-only-secret-change-me-in-production';

  @IsString()
  JWT_EXPIRES_IN = '12h';

  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @IsEmail({}, { message: 'MAIL_FROM must be an email address' })
  MAIL_FROM = 'noreply@consult.example.gov.cn';

  @IsEmail({}, { message: 'ADMIN_EMAIL must be an email address' })
  ADMIN_EMAIL = 'admin@example.gov.cn';

  @IsString() @MinLength(8, { message: 'ADMIN_PASSWORD must be at least 8 characters' })
  ADMIN_PASSWORD = 'Admin#2026';

  @IsString() @MinLength(2)
  DEFAULT_UNIT_NAME = '市司法局';

  /** Base URL of the web client, used in links sent by email. */
  @Matches(/^https?:\/\//, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

  /** Comma-separated origins allowed by CORS (the Vite dev server by default). */
  @IsString()
  CORS_ORIGINS = 'http://localhost:5173,http://localhost:3000';

  @IsString() @Matches(BODY_LIMIT_FORMAT, { message: 'BODY_LIMIT must look like 1mb or 512kb' })
  BODY_LIMIT = '1mb';

  /** When set, override every rate limit at once (load tests, scripted use). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  THROTTLE_LIMIT?: number = undefined;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  THROTTLE_TTL_MS?: number = undefined;

  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  WORKER_CONCURRENCY = 20;

  /** The worker's nice value (0-19): where it shares cores with the API, the API gets them first. 0 leaves it as started. */
  @Transform(toInt) @IsInt() @Min(0) @Max(19)
  WORKER_NICE = 10;

  /** PostgreSQL connections per process (API and worker each). */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  DB_POOL_SIZE = 20;

  /** How long a request waits for a pooled connection before it fails with 503. */
  @Transform(toInt) @IsInt() @Min(10) @Max(60_000)
  DB_CONNECT_TIMEOUT_MS = 5000;

  /**
   * Backpressure (docs/reliability.md). Comments accepted by the group commit and not yet answered,
   * all drafts of this process; beyond it new submissions get 503 + Retry-After, nothing stored.
   */
  @Transform(toInt) @IsInt() @Min(1)
  INTAKE_MAX_WAITING = 5000;

  /** Requests being served by this process at once; beyond it new ones get 503 before any work. */
  @Transform(toInt) @IsInt() @Min(1)
  OVERLOAD_MAX_IN_FLIGHT = 2000;

  /** Event-loop delay, sustained for a second (two half-second windows), above which new requests get 503. */
  @Transform(toInt) @IsInt() @Min(1)
  OVERLOAD_MAX_LOOP_DELAY_MS = 1000;

  /** Requests queued for a PostgreSQL connection above which new requests get 503. */
  @Transform(toInt) @IsInt() @Min(1)
  OVERLOAD_MAX_DB_WAITING = 500;

  /**
   * Connections the kernel holds for the API before it accepts them (capped by net.core.somaxconn).
   * With Node's 511 a burst of new connections overflows the queue and backs off on SYN retries
   * for seconds (docs/benchmarks.md, Burst).
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  LISTEN_BACKLOG = 4096;

  @Transform(toBool) @IsBoolean()
  RUN_MIGRATIONS = true;

  @Transform(toBool) @IsBoolean()
  SERVE_CLIENT = true;

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  @Transform(toBool) @IsBoolean()
  LOG_JSON = false;

  /** How often the API re-checks due openings and closings of comment windows (Redis may lose delayed jobs). */
  @Transform(toInt) @IsInt() @Min(100) @Max(3_600_000)
  DRAFT_RECONCILE_MS = 30_000;

  /** How often the worker reconciles notices from PostgreSQL: lost fan-outs and jobs, meeting feedback deadlines (R17). */
  @Transform(toInt) @IsInt() @Min(1000) @Max(3_600_000)
  NOTICE_SWEEP_MS = 120_000;

  /** BODY_LIMIT in bytes (its format is validated above). */
  get bodyLimitBytes(): number {
    const [, n, unit] = BODY_LIMIT_FORMAT.exec(this.BODY_LIMIT)!;
    return Number(n) * { b: 1, kb: 1024, mb: 1024 * 1024 }[unit.toLowerCase() as 'b' | 'kb' | 'mb'];
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws one error listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(new AppConfig())) {
    if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const problems = validateSync(config, { whitelist: false }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`),
  );
  if (config.isProduction && !env.JWT_SECRET) problems.push('JWT_SECRET: must be set in production');
  if (config.isProduction && !env.ADMIN_PASSWORD) problems.push('ADMIN_PASSWORD: must be set in production');
  if (problems.length) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}
