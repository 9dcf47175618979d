import { ReactNode, useEffect, useRef, useState } from 'react';

/**
 * A data table's own horizontal scroller (WCAG 1.4.10: tables may scroll sideways, the page may
 * not). Only while the table is wider than the box does it become a named, focusable region, so
 * keyboard users can scroll it too (axe "scrollable-region-focusable") and nobody meets a stray
 * tab stop when it fits.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    check();
    return () => observer.disconnect();
  }, []);
  const region = scrolls ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {};
  return (
    <div ref={box} className="table-wrap" data-scrolls={scrolls} {...region}>
      {children}
    </div>
  );
}
