import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DraftsModule } from '../drafts/drafts.module';
import { drawController } from '../draws/draw-routes';
import { DrawsModule } from '../draws/draws.module';
import { selectionController } from '../selection/selection-routes';
import { SelectionModule } from '../selection/selection.module';
import { HearingOwnerSource } from './hearing-owner.source';
import { Hearing } from './hearing.entity';
import { HearingsController } from './hearings.controller';
import { HearingsService } from './hearings.service';

/**
 * Hearings (R11-R13): announcement, sign-up, invitations, the verifiable draw and seats. The live
 * hearing imports `SelectionModule` and asks `SelectionReads.representativeSeat('hearing', id, userId)`.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Hearing]), SelectionModule, DrawsModule, DraftsModule],
  controllers: [HearingsController, selectionController('hearing', 'hearings'), drawController('hearing', 'hearings')],
  providers: [HearingsService, HearingOwnerSource],
  exports: [HearingsService],
})
export class HearingsModule {}
