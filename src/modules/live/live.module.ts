import { Module } from '@nestjs/common';
import { SelectionModule } from '../selection/selection.module';
import { ConfirmationsController } from './confirmations.controller';
import { ConfirmationsRepository } from './confirmations.repository';
import { ConfirmationsService } from './confirmations.service';
import { HearingFactsReader } from './hearing-facts';
import { LiveController } from './live.controller';
import { LiveGateway } from './live.gateway';
import { LiveFeed } from './realtime/live-feed';
import { HearingReportController } from './report/hearing-report.controller';
import { HearingReportService } from './report/hearing-report.service';
import { RosterService } from './roster.service';
import { SealService } from './seal.service';
import { SegmentsRepository } from './segments.repository';
import { SegmentsService } from './segments.service';
import { SessionRepository } from './session.repository';
import { LiveSessionService } from './session.service';
import { TranscriptService } from './transcript.service';

/**
 * The live hearing (R14, R15): the `/hearings` socket namespace with gap-free resume across
 * instances, the hash-chained transcript, the representatives' confirmations, the seal and the
 * hearing report. Reads the hearings module's `hearing` and `selection_seat` tables, never writes
 * them; asks `SelectionReads.representativeSeat` who represents whom.
 */
@Module({
  imports: [SelectionModule],
  controllers: [LiveController, ConfirmationsController, HearingReportController],
  providers: [
    HearingFactsReader,
    RosterService,
    SessionRepository,
    SegmentsRepository,
    ConfirmationsRepository,
    LiveFeed,
    SegmentsService,
    LiveSessionService,
    TranscriptService,
    ConfirmationsService,
    SealService,
    HearingReportService,
    LiveGateway,
  ],
  exports: [HearingReportService],
})
export class LiveModule {}
