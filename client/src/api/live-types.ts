// Shapes of the live hearing routes and events (../shared/API.md, "Live hearing").
import type { LiveSegment, HearingState as LiveState } from '../live/live-client';
import type { Page } from './types';

export type { LiveState };

export interface SessionView {
  hearingId: string;
  state: LiveState;
  lastSeq: number;
  chainHead: string | null;
  startedAt: string | null;
  endedAt: string | null;
  confirmationDeadline: string | null;
  sealedAt: string | null;
  sealHash: string | null;
}

/** A segment as broadcast (`segment` event) and, with hashes, in the transcript. */
export type Segment = LiveSegment;

export interface TranscriptSegment extends Segment {
  speakerSeatId?: string | null;
  writtenAt: string;
  prevHash: string;
  hash: string;
}

export interface Correction {
  id: string;
  seq: number;
  baseRevision: number;
  seatId: string;
  text: string;
  status: 'pending' | 'accepted' | 'rejected';
  reason: string | null;
  revision: number | null;
  createdAt: string;
  decidedAt: string | null;
  requesterName?: string;
}

export interface ConfirmationStatus {
  seatId: string;
  displayName: string;
  category: string;
  label: string | null;
  status: 'pending' | 'confirmed' | 'corrections_pending';
  confirmedAt: string | null;
  pendingCorrections: number;
}

export type Transcript = Page<TranscriptSegment> & {
  live: SessionView;
  mine?: { seatId: string; confirmation: ConfirmationStatus | null; corrections: Correction[] };
};

export interface LiveRoster {
  representatives: Array<{ seatId: string; displayName: string; category: string; role: string; label: string | null; status: string; speaker: string }>;
  staff: Array<{ userId: string; displayName: string; role: string; speaker: string }>;
}

export interface HearingReport {
  hearingId: string;
  draftId: string;
  title: string;
  conclusions: string;
  opinions: Array<{ seatId: string | null; representative: string; category: string | null; summary: string; adopted: boolean; reason: string | null }>;
  adopted: number;
  notAdopted: number;
  transcriptSealHash: string | null;
  publishedAt: string;
}
