import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DraftsModule } from '../drafts/drafts.module';
import { AnalysisController } from './analysis/analysis.controller';
import { AnalysisPass } from './analysis/analysis-pass.service';
import { AnalysisScheduler } from './analysis/analysis-scheduler';
import { AnalysisService } from './analysis/analysis.service';
import { CommentsController } from './comments.controller';
import { CommentsReadService } from './comments-read.service';
import { DispositionsController } from './dispositions/dispositions.controller';
import { DispositionsService } from './dispositions/dispositions.service';
import { CommentBatcher } from './intake/comment-batcher';
import { CommentIntakeService } from './intake/comment-intake.service';
import { DraftContextCache } from './intake/draft-context.cache';
import { IntakeRepository } from './intake/intake.repository';
import { CommentLogService } from './log/comment-log.service';
import { AdoptionReportController } from './report/adoption-report.controller';
import { AdoptionReportService } from './report/adoption-report.service';
import { NOTICES_QUEUE, ReportFanOut } from './report/report-fan-out';

/**
 * Comments (R5-R9): intake with receipts from the tamper-evident log, the public and full lists,
 * proofs, the incremental analysis, dispositions and moderation, and the participation report.
 * The notices module consumes the `notices` queue (fan-out job per published report).
 */
@Module({
  imports: [DraftsModule, BullModule.registerQueue({ name: NOTICES_QUEUE })],
  controllers: [CommentsController, AnalysisController, DispositionsController, AdoptionReportController],
  providers: [
    IntakeRepository,
    DraftContextCache,
    CommentBatcher,
    CommentIntakeService,
    CommentsReadService,
    CommentLogService,
    AnalysisPass,
    AnalysisService,
    DispositionsService,
    ReportFanOut,
    AdoptionReportService,
  ],
  exports: [CommentLogService, AnalysisService],
})
export class CommentsModule {}

/** The worker's part: the analysis pass, run just behind the intake of every draft. */
@Module({ providers: [AnalysisPass, AnalysisScheduler] })
export class CommentsWorkerModule {}
