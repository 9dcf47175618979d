import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { SegmentRow, SegmentsRepository } from '../segments.repository';
import { sessionFromJson, SessionRepository, SessionRow, stateEvent } from '../session.repository';
import { publicSegment } from '../transcript/segment-view';
import { FEED_EVENT, FeedEvent, roomOf } from './live-events';
import { HubPosition, LiveHub, SegmentFeedEvent } from './live-hub';

export function positionOf(s: SessionRow): HubPosition {
  return { state: stateEvent(s), lastEvent: s.lastEvent };
}

export function segmentEvent(r: SegmentRow): SegmentFeedEvent {
  return { type: 'segment', eventNo: r.eventNo, segment: publicSegment(r) };
}

/**
 * Connects the hub of this instance to the `/hearings` namespace: committed writes go to the other
 * instances through the Redis adapter (serverSideEmit) and to this instance's hub directly.
 */
@Injectable()
export class LiveFeed implements OnModuleDestroy {
  readonly hub: LiveHub;
  private nsp?: Namespace;
  private readonly logger = new Logger('LiveFeed');

  constructor(segments: SegmentsRepository, sessions: SessionRepository) {
    this.hub = new LiveHub(
      {
        load: async (hearingId) => {
          const { session, rows } = await segments.backlog(hearingId, 0);
          return { ...positionOf(sessionFromJson(hearingId, session)), segments: rows.map(publicSegment) };
        },
        positions: async (ids) => new Map<string, HubPosition>((await sessions.findMany(ids)).map((s) => [s.hearingId, positionOf(s)])),
        events: async (hearingId, from, to) => (await segments.events(hearingId, from, to)).map(segmentEvent),
      },
      // `local`: each instance serves its own sockets; the feed already reached the others.
      { broadcast: (hearingId, event, payload) => this.nsp?.local.to(roomOf(hearingId)).emit(event, payload) },
      { gapWaitMs: 150, sweepMs: 2000 },
      (err) => this.logger.warn(`live hub: ${(err as Error)?.message ?? err}`),
    );
  }

  attach(nsp: Namespace): void {
    this.nsp = nsp;
    (nsp as unknown as { on(ev: string, fn: (e: FeedEvent) => void): void }).on(FEED_EVENT, (e) => this.hub.receive(e));
  }

  /**
   * Like `publish`, one turn of the event loop later: the writer's ack goes out first, so the
   * clerk's console does not wait for the fan-out to thousands of viewers.
   */
  publishSoon(e: FeedEvent): void {
    setImmediate(() => this.publish(e));
  }

  /** Call after the write has been committed. */
  publish(e: FeedEvent): void {
    try {
      this.nsp?.serverSideEmit(FEED_EVENT, e);
    } catch (err) {
      // A lone instance without the Redis adapter has nobody to tell.
      this.logger.debug(`serverSideEmit: ${(err as Error).message}`);
    }
    this.hub.receive(e);
  }

  onModuleDestroy(): void {
    this.hub.close();
  }
}
