import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { ServerOptions } from 'socket.io';
import { redisConnection } from '../redis/redis.module';

/**
 * socket.io over Redis pub/sub, so that a viewer connected to one API instance receives what is
 * written through another. Each instance holds two extra Redis connections for it.
 */
export class RedisIoAdapter extends IoAdapter {
  private adapter?: ReturnType<typeof createAdapter>;
  private clients: ReturnType<typeof redisConnection>[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly redisUrl: string,
    private readonly prefix: string,
    private readonly corsOrigins: string[],
  ) {
    super(app);
  }

  connect(): void {
    const pub = redisConnection(this.redisUrl, true);
    const sub = redisConnection(this.redisUrl, true);
    this.clients = [pub, sub];
    this.adapter = createAdapter(pub, sub, { key: `${this.prefix}:socket.io` });
  }

  override createIOServer(port: number, options?: ServerOptions) {
    const server = super.createIOServer(port, {
      ...(options as ServerOptions),
      cors: { origin: this.corsOrigins, credentials: true },
      // Live viewers are many and read-only: keep the per-connection cost low.
      perMessageDeflate: false,
      maxHttpBufferSize: 64 * 1024,
    });
    if (this.adapter) server.adapter(this.adapter);
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all(this.clients.map((c) => c.quit().catch(() => c.disconnect())));
    this.clients = [];
  }
}
