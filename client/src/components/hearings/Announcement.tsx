import { HEARING_CATEGORIES, Hearing } from '../../api/hearing-types';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatTime } from '../../lib/format';
import { TableWrap } from '../TableWrap';

/** A category's name ('resident', 'resident:东城区', 'other-stakeholder'); unknown ones as written. */
export function categoryLabel(t: (k: MessageKey) => string, category: string): string {
  const [base, cell] = category.split(':');
  const name = t(`cat_${base}` as MessageKey) ?? base;
  return cell ? fill(t('categoryWithCell'), { name, cell }) : name;
}

/** Every element R11 asks the announcement to state, and the seats per category (R12). */
export function Announcement({ hearing }: { hearing: Hearing }) {
  const { t, lang } = useI18n();
  const h = hearing;
  const rows: Array<[MessageKey, string | null, string]> = [
    ['hearingMatter', h.matter.content, 'matter-content'],
    ['hearingReasons', h.matter.reasons, 'matter-reasons'],
    ['hearingBasis', h.matter.basis, 'matter-basis'],
    ['hearingBackground', h.matter.background, 'matter-background'],
    ['hearingStartsAt', formatTime(h.startsAt, lang), 'starts-at'],
    ['hearingVenue', h.venue, 'venue'],
    ['hearingSignupWindow', `${formatTime(h.signupOpensAt, lang)} — ${formatTime(h.signupClosesAt, lang)}`, 'signup-window'],
    ['hearingSignupMethod', h.signupMethod, 'signup-method'],
    ['hearingSelectionMethod', h.selectionMethod, 'selection-method'],
  ];
  return (
    <section className="card" aria-labelledby="announcement-h">
      <h2 id="announcement-h">{t('hearingAnnouncement')}</h2>
      <dl>
        {rows.map(([label, value, id]) => (
          <div className="row" key={id}>
            <dt>{t(label)}</dt>
            <dd className="prose" data-testid={`hearing-${id}`}>
              {value || '—'}
            </dd>
          </div>
        ))}
      </dl>
      {h.quotas && (
        <TableWrap label={t('hearingQuotas')}>
          <table className="quota-table" data-testid="hearing-quotas">
            <caption>
              {t('hearingQuotas')} · {t('hearingTotalSeats')} {h.representatives}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('hgCategory')}</th>
                <th scope="col">{t('hgSeats')}</th>
                <th scope="col">{t('applicationsCount')}</th>
              </tr>
            </thead>
            <tbody>
              {HEARING_CATEGORIES.map((c) => (
                <tr key={c}>
                  <th scope="row">{categoryLabel(t, c)}</th>
                  <td>{h.quotas?.[c] ?? 0}</td>
                  <td>{c in h.applications ? h.applications[c] : t('byInvitation')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
