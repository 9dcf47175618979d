// The live outline preview in the editor runs the server's own structure parser, a pure module
// with no imports, so the preview is exactly what saving will store, without a round trip per
// keystroke. After saving, the page shows the units the server returned.
import type { DraftUnit } from '../api/types';
import { parseDraft } from '../../../src/modules/drafts/structure/draft-parser';

export function previewUnits(body: string): DraftUnit[] {
  try {
    return parseDraft(body);
  } catch {
    // The parser is written never to throw; a preview must not take the editor down regardless.
    return [];
  }
}
