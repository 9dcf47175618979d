import { Module } from '@nestjs/common';
import { SelectionModule } from '../selection/selection.module';
import { DrawOutcome } from './draw-outcome';
import { DrawsRepository } from './draws.repository';
import { DrawsService } from './draws.service';

/**
 * The verifiable draw for any selection owner. Its routes are mounted by the hearings and
 * meetings modules through `drawController(kind, prefix)`.
 */
@Module({
  imports: [SelectionModule],
  providers: [DrawsRepository, DrawsService, DrawOutcome],
  exports: [DrawsService],
})
export class DrawsModule {}
