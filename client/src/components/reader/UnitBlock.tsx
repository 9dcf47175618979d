import { CSSProperties, ReactNode } from 'react';
import type { DraftUnit } from '../../api/types';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';
import { unitTextAttr } from '../../lib/selection';

interface Props {
  unit: DraftUnit;
  highlighted: boolean;
  /** Comments on this unit itself (null while unknown). */
  count: number | null;
  /** A quoted span to mark in the text while a comment on it is being written. */
  mark: { start: number; end: number } | null;
  /** The reader has selected text inside this unit. */
  hasSelection: boolean;
  commentsOpen: boolean;
  canComment: boolean;
  onComment: (withSelection: boolean) => void;
  onToggleComments: () => void;
  children?: ReactNode;
}

function MarkedText({ text, mark }: { text: string; mark: { start: number; end: number } | null }) {
  if (!mark) return <>{text}</>;
  return (
    <>
      {text.slice(0, mark.start)}
      <mark>{text.slice(mark.start, mark.end)}</mark>
      {text.slice(mark.end)}
    </>
  );
}

/** One unit of the draft: its marker and text verbatim, with the actions to comment on it. */
export function UnitBlock(p: Props) {
  const { t } = useI18n();
  const { unit } = p;
  const heading = unit.kind === 'chapter' || unit.kind === 'section';
  const Tag = unit.kind === 'chapter' ? 'h2' : unit.kind === 'section' ? 'h3' : 'p';
  return (
    <div
      className={`unit kind-${unit.kind}${p.highlighted ? ' highlighted' : ''}`}
      id={`unit-${unit.anchor}`}
      data-anchor={unit.anchor}
      tabIndex={-1}
      style={{ '--depth': Math.min(unit.depth, 5) } as CSSProperties}
    >
      <Tag className={heading ? 'unit-heading' : 'unit-body'}>
        {unit.label && <span className="unit-label">{unit.label}</span>}
        {unit.label && ' '}
        <span className="unit-text" {...unitTextAttr(unit.anchor)}>
          <MarkedText text={unit.text} mark={p.mark} />
        </span>
      </Tag>
      <div className="unit-actions">
        {p.count !== null && p.count > 0 && (
          <button type="button" className="link small" aria-expanded={p.commentsOpen} data-testid={`comments-${unit.anchor}`} onClick={p.onToggleComments}>
            {fill(t('commentCount'), { n: p.count })}
          </button>
        )}
        {p.canComment && (
          <button
            type="button"
            className="link small comment-btn"
            data-testid={`comment-${unit.anchor}`}
            // Keeps the text selection alive while the button is pressed.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => p.onComment(p.hasSelection)}
          >
            {p.hasSelection ? t('commentSelection') : t('commentUnit')}
          </button>
        )}
      </div>
      {p.children}
    </div>
  );
}
