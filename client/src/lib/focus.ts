/**
 * A ref callback that moves focus to an element when it appears (a form that opened, a result that
 * replaced the form), so keyboard and screen-reader users continue from there. Stable identity:
 * React calls it on mount only, never again on re-renders.
 */
export function focusOnMount(el: HTMLElement | null): void {
  el?.focus();
}
