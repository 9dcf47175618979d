import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Unit } from '../accounts/unit.entity';
import { NoticesCoreModule } from '../notices/notices-core.module';
import { DraftAlternative } from './draft-alternative.entity';
import { DraftEvent } from './draft-event.entity';
import { DraftReviewService } from './draft-review.service';
import { DraftStructureService } from './draft-structure.service';
import { DraftUnitRow } from './draft-unit.entity';
import { DraftVersion } from './draft-version.entity';
import { DraftVersionsService } from './draft-versions.service';
import { DraftWindowProcessor } from './draft-window.processor';
import { DraftWindowScheduler } from './draft-window.scheduler';
import { DRAFT_SCHEDULE_QUEUE, DraftWindowService } from './draft-window.service';
import { Draft } from './draft.entity';
import { DraftsController } from './drafts.controller';
import { DraftsQueries } from './drafts.queries';
import { DraftsRepository } from './drafts.repository';
import { DraftsService } from './drafts.service';

const ENTITIES = TypeOrmModule.forFeature([Draft, DraftVersion, DraftUnitRow, DraftAlternative, DraftEvent, Unit]);

/**
 * Drafts for the API. Other modules import it for `DraftsService` (findVisible, getDraftForUpdate,
 * assertStaff, transition, getUnit).
 */
@Module({
  // NoticesCoreModule: results notify followers (R20).
  imports: [ENTITIES, BullModule.registerQueue({ name: DRAFT_SCHEDULE_QUEUE }), NoticesCoreModule],
  controllers: [DraftsController],
  providers: [
    DraftsRepository,
    DraftsQueries,
    DraftStructureService,
    DraftsService,
    DraftReviewService,
    DraftVersionsService,
    DraftWindowService,
    DraftWindowScheduler,
  ],
  exports: [DraftsService, DraftWindowService],
})
export class DraftsModule {}

/** Drafts for the worker: the delayed window jobs (open/close at the stated times). */
@Module({
  imports: [ENTITIES, BullModule.registerQueue({ name: DRAFT_SCHEDULE_QUEUE })],
  providers: [DraftsRepository, DraftWindowService, DraftWindowProcessor],
})
export class DraftsWorkerModule {}
