import { maskPersonalData } from '../../../common/privacy/mask';
import type { LiveSegment } from '../realtime/live-events';
import type { SegmentRow } from '../segments.repository';
import type { SegmentContent } from './transcript-chain';

/** The fields of a stored revision that its hash covers. */
export function contentOf(r: Pick<SegmentRow, 'hearingId' | 'seq' | 'revision' | 'speaker' | 'role' | 'text' | 'at'>): SegmentContent {
  return { hearingId: r.hearingId, seq: r.seq, revision: r.revision, speaker: r.speaker, role: r.role, text: r.text, at: r.at.toISOString() };
}

/**
 * A revision as anyone may see it (R19): speakers' names are stored already masked where needed,
 * personal data said aloud (a phone number, an address) is masked in the text. `textMasked`
 * tells a verifier that this segment's hash can only be recomputed from the staff view.
 */
export function publicSegment(r: SegmentRow): LiveSegment {
  const text = maskPersonalData(r.text);
  const out: LiveSegment & { textMasked?: true } = { hearingId: r.hearingId, seq: r.seq, speaker: r.speaker, role: r.role, text, at: r.at.toISOString(), revision: r.revision };
  if (text !== r.text) out.textMasked = true;
  return out;
}

/** A revision with its chain links, for the transcript routes; `full` shows the original text (unit staff). */
export function transcriptSegment(r: SegmentRow, full: boolean) {
  const pub = publicSegment(r);
  return {
    ...pub,
    text: full ? r.text : pub.text,
    speakerSeatId: full ? r.speakerSeatId : undefined,
    writtenAt: new Date(r.writtenAt).toISOString(),
    prevHash: r.prevHash,
    hash: r.hash,
  };
}
