import type { DrawSummary, OwnerKind } from '../../api/hearing-types';
import { useI18n } from '../../i18n/i18n';
import { formatTime } from '../../lib/format';
import { categoryLabel } from './Announcement';
import { TableWrap } from '../TableWrap';

/** Where the verifiable draw stands: the commitment, the frozen lists, and the record once drawn. */
export function DrawState({ kind, id, draw }: { kind: OwnerKind; id: string; draw: DrawSummary }) {
  const { t, lang } = useI18n();
  const c = draw.commitment;
  return (
    <section className="card" aria-labelledby="draw-state-h" data-testid="draw-state">
      <h2 id="draw-state-h">{t('drawTitle')}</h2>
      {!c ? (
        <p className="muted">{t('drawNoCommitment')}</p>
      ) : (
        <dl>
          <div className="row">
            <dt>{t('drawCommitment')}</dt>
            <dd className="hash" data-testid="draw-commitment">
              {c.commitment}
            </dd>
          </div>
          <div className="row">
            <dt>{t('drawChainLength')}</dt>
            <dd>{c.chainLength}</dd>
          </div>
          <div className="row">
            <dt>{t('drawRandomnessSource')}</dt>
            <dd className="prose">{c.randomnessSource}</dd>
          </div>
          <div className="row">
            <dt>{t('drawCommittedAt')}</dt>
            <dd>{formatTime(c.committedAt, lang)}</dd>
          </div>
        </dl>
      )}
      {draw.frozenLists && (
        <TableWrap label={t('drawFrozenLists')}>
          <table>
            <caption>
              {t('drawFrozenLists')} · {formatTime(draw.frozenAt, lang)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('hgCategory')}</th>
                <th scope="col">{t('hgSeats')}</th>
                <th scope="col">{t('drawEligible')}</th>
                <th scope="col">{t('drawListHash')}</th>
              </tr>
            </thead>
            <tbody>
              {draw.frozenLists.map((l) => (
                <tr key={l.category}>
                  <th scope="row">{categoryLabel(t, l.category)}</th>
                  <td>{l.quota}</td>
                  <td>{l.count}</td>
                  <td className="hash">{l.listHash}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <p className="links">
        {draw.drawnAt ? (
          <a href={`#/${kind}s/${id}/draw`} data-testid="draw-link">
            {t('drawSeeRecord')} ({formatTime(draw.drawnAt, lang)})
          </a>
        ) : (
          draw.frozenAt && <span className="muted">{t('drawNotYet')}</span>
        )}
      </p>
    </section>
  );
}
