import { forwardRef, KeyboardEvent, useState } from 'react';
import { useI18n } from '../../i18n/i18n';

/** Enter sends; Ctrl+Enter (or Shift+Enter) starts a new line. Keeps focus for the next segment. */
export const Composer = forwardRef<HTMLTextAreaElement, { disabled: boolean; onSend: (text: string) => boolean }>(function Composer({ disabled, onSend }, ref) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const send = () => {
    if (text.trim() && onSend(text)) setText('');
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return; // IME: Enter confirms the characters
    e.preventDefault();
    if (e.ctrlKey || e.shiftKey || e.metaKey) {
      // Inserted in place, caret after it, at once: a caret moved on the next frame would send the
      // characters a fast typist adds meanwhile to the wrong place.
      const el = e.currentTarget;
      el.setRangeText('\n', el.selectionStart, el.selectionEnd, 'end');
      setText(el.value);
      return;
    }
    send();
  };
  return (
    <div className="composer">
      <label htmlFor="segment-text">{t('clerkText')}</label>
      <textarea id="segment-text" ref={ref} value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onKey} maxLength={10000} aria-describedby="composer-hint" data-testid="composer" />
      <p id="composer-hint" className="muted small">
        {t('clerkHotkeys')}
      </p>
      <button type="button" onClick={send} disabled={disabled || !text.trim()} data-testid="composer-send">
        {t('clerkSend')}
      </button>
    </div>
  );
});
