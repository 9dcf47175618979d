// Turns a text selection inside one unit's text element into {start, end} UTF-16 offsets into
// that unit's `text` (the element renders the text verbatim, possibly split into spans).

export interface TextSpan {
  anchor: string;
  start: number;
  end: number;
  text: string;
}

const TEXT_ATTR = 'data-unit-text';

function textElementOf(node: Node | null): HTMLElement | null {
  const el = node instanceof HTMLElement ? node : (node?.parentElement ?? null);
  return el?.closest<HTMLElement>(`[${TEXT_ATTR}]`) ?? null;
}

/** Offset of (node, offset) from the start of `root`'s text, in UTF-16 code units. */
function offsetIn(root: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.selectNodeContents(root);
  range.setEnd(node, offset);
  return range.toString().length;
}

/** The current selection when it lies inside a single unit's text and is not empty; else null. */
export function selectedSpan(selection: Selection | null): TextSpan | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const root = textElementOf(range.startContainer);
  if (!root || root !== textElementOf(range.endContainer)) return null;
  const anchor = root.getAttribute(TEXT_ATTR);
  if (!anchor) return null;
  const start = offsetIn(root, range.startContainer, range.startOffset);
  const end = offsetIn(root, range.endContainer, range.endOffset);
  if (end <= start) return null;
  return { anchor, start, end, text: (root.textContent ?? '').slice(start, end) };
}

export const unitTextAttr = (anchor: string) => ({ [TEXT_ATTR]: anchor });
