import { AdoptionReport, BASES, CHANNELS, OUTCOMES, STANCES } from '../../api/types';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { basisKey, outcomeKey } from '../analysis/DispositionForm';
import { stanceKey } from '../comments/CommentForm';
import { TableWrap } from '../TableWrap';
import { StanceCells, StanceHeaders } from '../analysis/StanceColumns';

/** A small "name: count" table of one tally. */
function Tally({ title, keys, counts, label }: { title: string; keys: readonly string[]; counts: Partial<Record<string, number>>; label: (k: string) => MessageKey }) {
  const { t } = useI18n();
  return (
    <table className="tally">
      <caption>{title}</caption>
      <tbody>
        {keys
          .filter((k) => counts[k])
          .map((k) => (
            <tr key={k}>
              <th scope="row">{t(label(k))}</th>
              <td>{counts[k]}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}

/** Counts by channel, stance and outcome (R9). */
export function ReportTotals({ report }: { report: AdoptionReport }) {
  const { t } = useI18n();
  const { totals } = report;
  return (
    <section className="card" data-testid="report-totals">
      <h2>{t('reportTotals')}</h2>
      <p>{fill(t('reportTotalsLine'), { comments: totals.comments, participants: totals.participants, hidden: totals.hidden })}</p>
      <div className="tallies">
        <Tally title={t('channel')} keys={CHANNELS} counts={totals.byChannel} label={(k) => `channel_${k}` as MessageKey} />
        <Tally title={t('stance')} keys={STANCES} counts={totals.byStance} label={stanceKey} />
        <Tally title={t('outcome')} keys={OUTCOMES} counts={totals.byOutcome} label={outcomeKey} />
      </div>
    </section>
  );
}

/** The per-article summary: comments and outcomes for each unit commented on. */
export function ReportUnits({ report }: { report: AdoptionReport }) {
  const { t } = useI18n();
  return (
    <section className="card" data-testid="report-units">
      <h2>{t('perUnit')}</h2>
      <TableWrap label={t('perUnit')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('unitCol')}</th>
              <th scope="col">{t('totalCol')}</th>
              <StanceHeaders />
              {OUTCOMES.map((o) => (
                <th scope="col" key={o}>
                  {t(outcomeKey(o))}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.units.map((u) => (
              <tr key={`${u.version}|${u.planIndex}|${u.anchor}`}>
                <th scope="row">
                  {u.planIndex !== null && `${t('planPrefix')}${u.planIndex + 1} `}
                  {u.label || u.anchor}
                </th>
                <td>{u.total}</td>
                <StanceCells counts={u.byStance} />
                {OUTCOMES.map((o) => (
                  <td key={o}>{u.byOutcome[o] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

/** Concentrated and other clustered opinions with their outcome and reason (R8). */
export function ReportClusters({ report }: { report: AdoptionReport }) {
  const { t } = useI18n();
  if (!report.clusters.length) return null;
  return (
    <section className="card" data-testid="report-clusters">
      <h2>{t('clusters')}</h2>
      <ul className="plain">
        {report.clusters.map((k) => (
          <li key={k.id} className="cluster" data-concentrated={String(k.concentrated)}>
            <p className="meta">
              <strong>{fill(t('clusterSize'), { n: k.size })}</strong>
              {k.concentrated && <span className="badge bad">{t('concentrated')}</span>}
              {k.outcome && <strong>{t(outcomeKey(k.outcome))}</strong>}
              {k.basis && BASES.includes(k.basis) && <span>{t(basisKey(k.basis))}</span>}
            </p>
            <blockquote className="quote">{k.sample.hidden ? t('commentHidden') : k.sample.text}</blockquote>
            {k.reason && (
              <p>
                {t('reasonLabel')}
                {k.reason}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
