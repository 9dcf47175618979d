import type { Hearing, Meeting } from '../../api/hearing-types';
import { hasRole, useSession } from '../../api/session';
import type { Page } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatTime } from '../../lib/format';

/**
 * For the draft reader: the hearings and government meetings held on this draft, with links to
 * their public pages; organizers also get links to prepare new ones. Renders nothing when there
 * are none and the reader is not an organizer.
 */
export function DraftHearingsLinks({ draftId }: { draftId: string }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const hearings = useApi<Page<Hearing>>(`/hearings?draftId=${encodeURIComponent(draftId)}&pageSize=20`);
  const meetings = useApi<Page<Meeting>>(`/drafts/${encodeURIComponent(draftId)}/meetings?pageSize=20`);
  const organizer = hasRole(me, 'organizer', 'admin');
  const hs = hearings.data?.items ?? [];
  const ms = meetings.data?.items ?? [];
  if (!hs.length && !ms.length && !organizer) return null;
  return (
    <section className="card draft-hearings" aria-labelledby="draft-hearings-h" data-testid="draft-hearings">
      <h2 id="draft-hearings-h">{t('draftHearingsTitle')}</h2>
      <ul className="plain">
        {hs.map((h) => (
          <li key={h.id}>
            <a href={`#/hearings/${h.id}`} data-testid="draft-hearing-link">
              {t('hearingKicker')} · {h.title}
            </a>{' '}
            <span className="muted small">
              {formatTime(h.startsAt, lang)} · {t(`phase_${h.phase}` as MessageKey)}
            </span>
          </li>
        ))}
        {ms.map((m) => (
          <li key={m.id}>
            <a href={`#/meetings/${m.id}`} data-testid="draft-meeting-link">
              {t('meetingKicker')} · {m.title}
            </a>{' '}
            <span className="muted small">{formatTime(m.startsAt, lang)}</span>
          </li>
        ))}
      </ul>
      {!hs.length && !ms.length && <p className="muted small">{t('draftHearingsNone')}</p>}
      {organizer && (
        <p className="links small">
          <a href={`#/organizer/hearings/new?draftId=${encodeURIComponent(draftId)}`}>{t('hearingNew')}</a>
          <a href={`#/organizer/meetings/new?draftId=${encodeURIComponent(draftId)}`}>{t('meetingNew')}</a>
          <a href={`#/organizer/drafts/${encodeURIComponent(draftId)}/notices`}>{t('noticeProgressLink')}</a>
        </p>
      )}
    </section>
  );
}
