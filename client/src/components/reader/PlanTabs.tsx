import { KeyboardEvent, useRef } from 'react';
import type { Alternative } from '../../api/types';
import { fill } from '../../i18n/fill';
import { useI18n } from '../../i18n/i18n';

export const MAIN_TEXT = -1;

interface Props {
  alternatives: Alternative[];
  selected: number;
  onSelect: (planIndex: number) => void;
}

/** The main text and each alternative plan (备选方案, R3) as tabs; arrow keys move between them. */
export function PlanTabs({ alternatives, selected, onSelect }: Props) {
  const { t } = useI18n();
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  if (!alternatives.length) return null;
  const tabs = [{ planIndex: MAIN_TEXT, title: t('mainText') }, ...alternatives.map((a) => ({ planIndex: a.planIndex, title: a.title }))];
  const onKey = (e: KeyboardEvent, i: number) => {
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const j = (next + tabs.length) % tabs.length;
    onSelect(tabs[j].planIndex);
    refs.current[j]?.focus();
  };
  return (
    <div role="tablist" aria-label={t('plans')} className="tabs" data-testid="plan-tabs">
      {tabs.map((tab, i) => (
        <button
          key={tab.planIndex}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`plan-tab-${tab.planIndex}`}
          aria-selected={tab.planIndex === selected}
          aria-controls="plan-panel"
          tabIndex={tab.planIndex === selected ? 0 : -1}
          className={tab.planIndex === selected ? 'tab active' : 'tab'}
          data-testid={`plan-tab-${tab.planIndex}`}
          onClick={() => onSelect(tab.planIndex)}
          onKeyDown={(e) => onKey(e, i)}
        >
          {tab.planIndex === MAIN_TEXT ? tab.title : fill(t('planLabel'), { n: tab.planIndex + 1, title: tab.title })}
        </button>
      ))}
    </div>
  );
}
