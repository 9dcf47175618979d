import fc from 'fast-check';
import { canonicalJson } from '../../../common/hashing/canonical-json';
import { CHANNELS, MAIN_TEXT, STANCES } from '../comment.constants';
import { loggedComment, loggedCommentJson } from './logged-comment';
import { leafHash, leafHashOfJson } from './merkle';

// Any text a comment can hold: every code point (no lone surrogate: the body parser refuses them).
const text = fc.string({ unit: 'binary', maxLength: 200 });
const comment = fc.record({
  id: fc.uuid(),
  draftId: fc.uuid(),
  version: fc.integer({ min: 1, max: 1000 }),
  seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  anchor: text,
  planIndex: fc.oneof(fc.constant(MAIN_TEXT), fc.integer({ min: 0, max: 99 })),
  quote: fc.option(fc.tuple(fc.nat(), fc.nat())),
  stance: fc.constantFrom(...STANCES),
  text,
  channel: fc.constantFrom(...CHANNELS),
  receivedAt: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
  authorRef: text,
});

describe('the leaf JSON written at intake', () => {
  it('is the RFC 8785 canonical JSON of the logged comment, so receipts verify against the published form', () => {
    fc.assert(
      fc.property(comment, ({ quote, ...c }) => {
        const fields = { ...c, quoteStart: quote?.[0] ?? null, quoteEnd: quote?.[1] ?? null };
        const json = loggedCommentJson(fields, c.seq);
        expect(json).toBe(canonicalJson(loggedComment(fields)));
        expect(leafHashOfJson(json).equals(leafHash(loggedComment(fields)))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
