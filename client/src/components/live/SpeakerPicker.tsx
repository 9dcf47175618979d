import type { LiveRoster } from '../../api/live-types';
import type { SegmentInput } from '../../live/live-client';
import { useI18n } from '../../i18n/i18n';
import { roleLabel } from './labels';

export interface Speaker {
  key: string;
  name: string;
  role: string;
  /** What segment:add needs besides the text. */
  input: Omit<SegmentInput, 'text'>;
}

export const SPEAKER_ROLES = ['chair', 'organizer', 'clerk', 'stakeholder', 'resident', 'deputy', 'expert', 'lawyer', 'other'];

/** Representatives first (their seats), then the unit's organizers and clerks. */
export function speakersOf(roster: LiveRoster | null): Speaker[] {
  if (!roster) return [];
  return [
    ...roster.representatives.map((r) => ({ key: `seat:${r.seatId}`, name: r.displayName, role: r.role, input: { seatId: r.seatId } })),
    ...roster.staff.map((s) => ({ key: `user:${s.userId}`, name: s.displayName, role: s.role, input: { userId: s.userId } })),
  ];
}

/** Pick who speaks; Alt+1…9 picks the first nine (handled by the console). */
export function SpeakerPicker({ speakers, selected, onSelect, other, onOther }: {
  speakers: Speaker[];
  selected: string;
  onSelect: (key: string) => void;
  other: { name: string; role: string };
  onOther: (o: { name: string; role: string }) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="speaker-picker" data-testid="speaker-picker">
      <legend>{t('clerkSpeaker')}</legend>
      <div className="speaker-list">
        {speakers.map((s, i) => (
          <label key={s.key} className={`speaker-option${selected === s.key ? ' selected' : ''}`} data-testid="speaker-option">
            <input type="radio" name="speaker" value={s.key} checked={selected === s.key} onChange={() => onSelect(s.key)} />
            {i < 9 && <kbd aria-label={`Alt+${i + 1}`}>{i + 1}</kbd>}
            <span>{s.name}</span>
            <span className="muted small">{roleLabel(t, s.role)}</span>
          </label>
        ))}
        <label className={`speaker-option${selected === 'other' ? ' selected' : ''}`}>
          <input type="radio" name="speaker" value="other" checked={selected === 'other'} onChange={() => onSelect('other')} />
          <span>{t('clerkOtherSpeaker')}</span>
        </label>
      </div>
      {selected === 'other' && (
        <div className="inline-fields">
          <label className="grow">
            {t('clerkSpeakerName')}
            <input value={other.name} maxLength={100} onChange={(e) => onOther({ ...other, name: e.target.value })} data-testid="other-speaker-name" />
          </label>
          <label>
            {t('clerkRole')}
            <select value={other.role} onChange={(e) => onOther({ ...other, role: e.target.value })}>
              {SPEAKER_ROLES.map((r) => (
                <option key={r} value={r}>
                  {roleLabel(t, r)}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
    </fieldset>
  );
}
