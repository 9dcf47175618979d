import type { Draft } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { formatDate } from '../../lib/format';
import { WindowNote } from '../WindowNote';

/** Long text kept as written: line breaks preserved, no markup interpreted. */
function Prose({ text }: { text: string }) {
  return <div className="prose">{text}</div>;
}

/** Basis, reasons and interpretation (R1), collapsible so the text stays near the top on phones. */
export function DraftPanels({ draft }: { draft: Draft }) {
  const { t } = useI18n();
  const panels = [
    { key: 'basis', title: t('basis'), text: draft.basis },
    { key: 'reasons', title: t('reasons'), text: draft.reasons },
    { key: 'interpretation', title: t('interpretation'), text: draft.interpretation },
  ].filter((p) => p.text);
  if (!panels.length) return null;
  return (
    <section className="panels" aria-label={t('materials')}>
      {panels.map((p) => (
        <details key={p.key} className="card panel" data-testid={`panel-${p.key}`}>
          <summary>
            <h2>{p.title}</h2>
          </summary>
          <Prose text={p.text!} />
        </details>
      ))}
    </section>
  );
}

/** How, where and until when to comment (R1): the window and the unit's contact. */
export function ContactCard({ draft }: { draft: Draft }) {
  const { t } = useI18n();
  const c = draft.contact ?? {};
  const rows: Array<[string, string | undefined]> = [
    [t('contactPerson'), c.person],
    [t('contactAddress'), c.address],
    [t('contactEmail'), c.email],
    [t('contactPhone'), c.phone],
    [t('contactFax'), c.fax],
  ];
  return (
    <section className="card contact" data-testid="contact">
      <h2>{t('howToComment')}</h2>
      <WindowNote opensAt={draft.commentOpensAt} closesAt={draft.commentClosesAt} />
      <dl>
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k} className="row">
              <dt>{k}</dt>
              <dd>{k === t('contactEmail') ? <a href={`mailto:${v}`}>{v}</a> : v}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

/** Results and execution after the decision (R20), newest last, as published. */
export function ResultsCard({ draft }: { draft: Draft }) {
  const { t, lang } = useI18n();
  if (!draft.results?.length) return null;
  return (
    <section className="card" data-testid="results">
      <h2>{t('resultsTitle')}</h2>
      {draft.results.map((r) => (
        <article key={r.at}>
          <h3>{formatDate(r.at, lang)}</h3>
          <h4>{t('resultsSummary')}</h4>
          <Prose text={r.summary} />
          <h4>{t('resultsExecution')}</h4>
          <Prose text={r.execution} />
        </article>
      ))}
    </section>
  );
}
