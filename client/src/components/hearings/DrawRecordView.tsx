import { useState } from 'react';
import type { DrawCategory, DrawRecord } from '../../api/hearing-types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import type { CategoryCheck } from '../../lib/draw-verify';
import { categoryLabel } from './Announcement';
import { CategoryVerdict } from './VerifyPanel';
import { TableWrap } from '../TableWrap';

const SHOWN = 200;

/** One category: its list hash, every label with its position and rank, selected and alternates. */
function CategoryRecord({ c, check }: { c: DrawCategory; check?: CategoryCheck }) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  const rank = new Map([...c.selected, ...c.alternates].map((l, i) => [l, i + 1]));
  const selected = new Set(c.selected);
  const rows = all ? c.labels : c.labels.slice(0, SHOWN);
  return (
    <section className="card draw-category" data-testid="draw-category" data-category={c.category} aria-labelledby={`cat-${c.category}`}>
      <h3 id={`cat-${c.category}`}>
        {categoryLabel(t, c.category)} <span className="muted small">({c.category})</span>
      </h3>
      {check && <CategoryVerdict check={check} />}
      <dl>
        <div className="row">
          <dt>{t('drawMethod')}</dt>
          <dd>{t(`method_${c.method}` as MessageKey) ?? c.method}</dd>
        </div>
        <div className="row">
          <dt>{t('hgSeats')}</dt>
          <dd>
            {c.quota} · {t('drawEligible')} {c.labels.length}
          </dd>
        </div>
        <div className="row">
          <dt>{t('drawListHash')}</dt>
          <dd className="hash">{c.listHash}</dd>
        </div>
        <div className="row">
          <dt>{t('drawSelected')}</dt>
          <dd className="hash" data-testid="draw-selected">
            {c.selected.join(', ') || '—'}
          </dd>
        </div>
        <div className="row">
          <dt>{t('drawAlternates')}</dt>
          <dd className="hash">{c.alternates.join(', ') || '—'}</dd>
        </div>
      </dl>
      {c.positions.length > 0 && (
        <details>
          <summary>{t('drawPositions')}</summary>
          <TableWrap label={t('drawPositions')}>
            <table className="positions">
              <thead>
                <tr>
                  <th scope="col">{t('hgLabel')}</th>
                  <th scope="col">{t('drawPosition')}</th>
                  <th scope="col">{t('drawRank')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((label, i) => (
                  <tr key={label} className={selected.has(label) ? 'picked' : undefined}>
                    <td className="hash">{label}</td>
                    <td className="hash">{c.positions[i]}</td>
                    <td>{rank.get(label) ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {!all && c.labels.length > SHOWN && (
            <button type="button" className="link" onClick={() => setAll(true)}>
              {t('hgShowAll')} ({c.labels.length})
            </button>
          )}
        </details>
      )}
    </section>
  );
}

/** The published record, field by field: nothing personal, everything a verifier needs. */
export function DrawRecordView({ record, checks }: { record: DrawRecord; checks?: CategoryCheck[] }) {
  const { t } = useI18n();
  const fields: Array<[MessageKey, string, string]> = [
    ['drawAlgorithm', record.algorithm, 'algorithm'],
    ['drawCommitment', record.commitment, 'commitment'],
    ['drawChainLength', String(record.n), 'n'],
    ['drawIteration', String(record.k), 'k'],
    ['drawChainValue', record.chainValue, 'chain-value'],
    ['drawRandomnessSource', record.randomnessSource, 'randomness-source'],
    ['drawRandomnessValue', record.randomness, 'randomness'],
  ];
  return (
    <>
      <section className="card" aria-labelledby="record-h">
        <h2 id="record-h">{t('drawRecord')}</h2>
        <dl>
          {fields.map(([label, value, id]) => (
            <div className="row" key={id}>
              <dt>{t(label)}</dt>
              <dd className="hash" data-testid={`record-${id}`}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      {record.categories.map((c, i) => (
        <CategoryRecord key={c.category} c={c} check={checks?.[i]} />
      ))}
    </>
  );
}
