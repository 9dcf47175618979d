import { Analysis } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { StanceBar } from './StanceBar';
import { TableWrap } from '../TableWrap';
import { StanceCells, StanceHeaders } from './StanceColumns';

interface Props {
  analysis: Analysis;
  draftId: string;
  /** Shows the comments on one unit in the list below. */
  onPick: (anchor: string) => void;
}

/** Comments per unit by stance (逐条分析): which articles draw opposition. */
export function UnitTable({ analysis, draftId, onPick }: Props) {
  const { t } = useI18n();
  return (
    <section className="card" data-testid="unit-table">
      <h2>{t('perUnit')}</h2>
      <TableWrap label={t('perUnit')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('unitCol')}</th>
              <th scope="col">{t('totalCol')}</th>
              <StanceHeaders />
              <th scope="col">
                <span className="sr-only">{t('share')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {analysis.units.map((u) => (
              <tr key={`${u.version}|${u.planIndex}|${u.anchor}`} data-unit-row={u.anchor}>
                <th scope="row">
                  <a href={`#/drafts/${draftId}?unit=${encodeURIComponent(u.anchor)}${u.planIndex != null ? `&plan=${u.planIndex}` : ''}`}>
                    {u.planIndex != null && `${t('planPrefix')}${u.planIndex + 1} `}
                    {u.label || u.anchor}
                  </a>
                  {u.version !== undefined && u.version > 1 && <span className="muted small"> v{u.version}</span>}
                </th>
                <td>
                  <button type="button" className="link" onClick={() => onPick(u.anchor)} aria-label={`${t('showComments')} ${u.label || u.anchor}`}>
                    {u.total}
                  </button>
                </td>
                <StanceCells counts={u.byStance} />
                <td>
                  <StanceBar counts={u.byStance} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {analysis.units.length === 0 && <p className="muted">{t('noComments')}</p>}
    </section>
  );
}
