import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Segment } from '../../api/live-types';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import { formatClock } from '../../lib/format';
import { roleLabel } from './labels';

const NEAR_BOTTOM_PX = 80;

/**
 * The transcript as it grows: follows the newest segment while the reader is at the bottom; once
 * they scroll up it stays put and offers "jump to latest" with the number of new segments.
 */
export function Transcript({ segments, onCorrect }: { segments: Segment[]; onCorrect?: (s: Segment) => void }) {
  const { t, lang } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  const [seenCount, setSeenCount] = useState(segments.length);
  const atBottom = () => {
    const el = box.current;
    return !el || el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
  };
  const jump = () => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
    setFollowing(true);
    setSeenCount(segments.length);
  };
  useLayoutEffect(() => {
    if (following) jump();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when segments arrive
  }, [segments, following]);
  useEffect(() => {
    if (following) setSeenCount(segments.length);
  }, [segments.length, following]);
  const unseen = Math.max(0, segments.length - seenCount);
  return (
    <div className="transcript-wrap">
      {/* The log is the scrolling box; the list inside keeps its list semantics (role="log" on the
          <ol> itself would orphan its <li>s, axe "listitem"). */}
      <div ref={box} className="transcript" role="log" aria-label={t('liveTranscript')} tabIndex={0} onScroll={() => setFollowing(atBottom())} data-testid="transcript">
        <ol className="segments">
          {segments.map((s) => (
            <li key={s.seq} className={`segment role-${s.role}`} data-testid="segment" data-seq={s.seq} data-revision={s.revision}>
              <div className="segment-head">
                <strong className="speaker">{s.speaker}</strong>
                <span className="badge role">{roleLabel(t, s.role)}</span>
                <time className="muted small" dateTime={s.at}>
                  {formatClock(s.at, lang)}
                </time>
                {s.revision > 1 && <span className="muted small">{fill(t('liveRevisedN'), { n: s.revision })}</span>}
                {onCorrect && (
                  <button type="button" className="link small" onClick={() => onCorrect(s)} data-testid="segment-correct">
                    {t('clerkCorrect')}
                  </button>
                )}
              </div>
              <p className="segment-text prose" data-testid="segment-text">
                {s.text}
              </p>
            </li>
          ))}
          {!segments.length && <li className="muted">{t('liveNoSegments')}</li>}
        </ol>
      </div>
      {!following && (
        <button type="button" className="jump-latest" onClick={jump} data-testid="jump-latest">
          {unseen > 0 ? fill(t('liveJumpNew'), { n: unseen }) : t('liveJumpLatest')}
        </button>
      )}
    </div>
  );
}
