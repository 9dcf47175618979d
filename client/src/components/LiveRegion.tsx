/**
 * A polite status message for screen readers. The region stays in the page while its text changes,
 * because readers announce changes to a region they already know, not a region that just appeared.
 * Visually hidden unless `className` is given (then it shows, e.g. the live page's catch-up note).
 */
export function LiveRegion({ text, testId, className }: { text: string; testId?: string; className?: string }) {
  return (
    <p role="status" aria-live="polite" aria-atomic="true" className={className ?? 'sr-only'} data-testid={testId}>
      {text}
    </p>
  );
}
