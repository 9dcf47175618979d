import { useEffect, useRef, useState } from 'react';
import type { LiveRoster, SessionView } from '../../api/live-types';
import { useApi } from '../../api/use-api';
import { Loading } from '../../components/ErrorNote';
import { Composer } from '../../components/live/Composer';
import { CorrectSegment } from '../../components/live/CorrectSegment';
import { LiveBadges } from '../../components/live/LiveBadges';
import { PendingQueue } from '../../components/live/PendingQueue';
import { SessionControls } from '../../components/live/SessionControls';
import { SpeakerPicker, speakersOf } from '../../components/live/SpeakerPicker';
import { Transcript } from '../../components/live/Transcript';
import { useLiveClient } from '../../components/live/use-live-client';
import { StaffOnly } from '../../components/organizer/StaffOnly';
import { useI18n } from '../../i18n/i18n';
import type { LiveSegment } from '../../live/live-client';
import '../../hearings.css';

/** Alt+1…9 picks a speaker from anywhere on the page, without leaving the text box. */
function useSpeakerHotkeys(count: number, pick: (index: number) => void) {
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      // e.code survives keyboard layouts where Alt+digit types another character.
      const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code)?.[1];
      if (!digit || Number(digit) > count) return;
      e.preventDefault();
      pick(Number(digit) - 1);
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, [count, pick]);
}

function Console({ id }: { id: string }) {
  const { t } = useI18n();
  const hearing = useApi<{ title: string }>(`/hearings/${id}`);
  const initial = useApi<SessionView>(`/hearings/${id}/live`);
  const roster = useApi<LiveRoster>(`/hearings/${id}/roster/live`);
  const live = useLiveClient(id);
  const speakers = speakersOf(roster.data);
  const [selected, setSelected] = useState('');
  const [other, setOther] = useState({ name: '', role: 'other' });
  const [correcting, setCorrecting] = useState<LiveSegment | null>(null);
  const composer = useRef<HTMLTextAreaElement>(null);
  const state = live.hearing?.state ?? initial.data?.state;
  useSpeakerHotkeys(speakers.length, (i) => {
    setSelected(speakers[i].key);
    composer.current?.focus();
  });
  const speaker = speakers.find((s) => s.key === selected);
  const ready = state === 'live' && (!!speaker || (selected === 'other' && !!other.name.trim()));
  const send = (text: string) => {
    if (!ready) return false;
    const input = speaker ? { ...speaker.input, text } : { speaker: other.name.trim(), role: other.role, text };
    // A refusal stays visible in the pending queue, where it can be retried or dropped.
    live.client.send(input).catch(() => undefined);
    return true;
  };
  if (roster.error) return <Loading error={roster.error} />;
  return (
    <article className="clerk-console" data-testid="clerk-console">
      <header className="clerk-head">
        <h1>{hearing.data?.title ?? '…'}</h1>
        <LiveBadges state={state} connection={live.connection} />
        <SessionControls hearingId={id} state={state} />
        <p className="meta small">
          <a href={`#/hearings/${id}/live`} target="_blank" rel="noopener">
            {t('liveLink')}
          </a>
          <a href={`#/clerk/hearings/${id}/corrections`}>{t('corrTitle')}</a>
        </p>
      </header>
      <div className="clerk-grid">
        <section aria-label={t('liveTranscript')}>
          <Transcript segments={live.segments} onCorrect={state === 'live' || state === 'paused' ? setCorrecting : undefined} />
          {correcting && <CorrectSegment key={correcting.seq} client={live.client} segment={correcting} onClose={() => setCorrecting(null)} />}
        </section>
        <section className="clerk-input" aria-label={t('clerkInput')}>
          <SpeakerPicker speakers={speakers} selected={selected} onSelect={setSelected} other={other} onOther={setOther} />
          {!ready && <p className="muted small">{state !== 'live' ? t('clerkNotLive') : t('clerkPickSpeaker')}</p>}
          <Composer ref={composer} disabled={!ready} onSend={send} />
          <PendingQueue client={live.client} pending={live.pending} />
        </section>
      </div>
    </article>
  );
}

/** The clerk's console, built for speed: pick the speaker, type, Enter. */
export function ClerkConsolePage({ params }: { params: Record<string, string> }) {
  return (
    <StaffOnly roles={['clerk', 'organizer', 'admin']}>
      <Console id={params.id} />
    </StaffOnly>
  );
}
