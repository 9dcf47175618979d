import { Global, Module } from '@nestjs/common';
import { OverloadMonitor } from './overload.monitor';

/** Load shedding of the API process (the worker does not serve requests). */
@Global()
@Module({ providers: [OverloadMonitor], exports: [OverloadMonitor] })
export class OverloadModule {}
