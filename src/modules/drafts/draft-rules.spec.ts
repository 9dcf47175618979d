import { DomainError } from '../../common/errors/domain-error';
import { assertR1Complete, assertR2Window, assertR3Alternatives, effectiveOpening, missingR1Fields, MIN_WINDOW_MS } from './draft-rules';

const complete = {
  title: '停车管理办法',
  body: '第一条 为了规范停车管理，制定本办法。',
  basis: '《道路交通安全法》',
  reasons: '停车难',
  contact: { person: '张三', address: '某市某路1号', email: 'a@example.gov.cn' },
  commentOpensAt: new Date('2026-01-01T00:00:00Z'),
  commentClosesAt: new Date('2026-01-20T00:00:00Z'),
};

function messageOf(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).message;
  }
  return '';
}

describe('draft rules', () => {
  it('finds nothing missing in a complete draft (R1)', () => {
    expect(missingR1Fields(complete)).toEqual([]);
  });

  it('names every missing R1 field, blank text counting as missing', () => {
    const missing = missingR1Fields({ ...complete, title: '  ', basis: null, contact: { person: '张三' }, commentClosesAt: null });
    expect(missing).toEqual(['title', 'basis', 'postal address', 'email', 'commentClosesAt']);
    expect(messageOf(() => assertR1Complete({ ...complete, reasons: null }, 'submit'))).toMatch(/^R1: .*missing reasons/);
  });

  it('counts the window from the later of the stated opening and the publication (R2)', () => {
    const opens = new Date('2026-01-01T00:00:00Z');
    const published = new Date('2026-01-05T00:00:00Z');
    expect(effectiveOpening(opens, published)).toBe(published);
    // 19 days from the stated opening but only 15 from publication: accepted.
    expect(() => assertR2Window(opens, new Date('2026-01-20T00:00:00Z'), published)).not.toThrow();
    // Exactly 10 days after the actual opening is enough; one second less is not.
    expect(() => assertR2Window(opens, new Date(published.getTime() + MIN_WINDOW_MS), published)).not.toThrow();
    expect(messageOf(() => assertR2Window(opens, new Date(published.getTime() + MIN_WINDOW_MS - 1000), published))).toMatch(/^R2: /);
  });

  it('uses the stated opening when it is later than the publication (R2)', () => {
    const published = new Date('2026-01-01T00:00:00Z');
    const opens = new Date('2026-01-10T00:00:00Z');
    expect(messageOf(() => assertR2Window(opens, new Date('2026-01-19T00:00:00Z'), published))).toMatch(/^R2: /);
  });

  it('refuses a single alternative plan but accepts none or two (R3)', () => {
    expect(() => assertR3Alternatives(undefined)).not.toThrow();
    expect(() => assertR3Alternatives([])).not.toThrow();
    expect(() => assertR3Alternatives([{}, {}])).not.toThrow();
    expect(messageOf(() => assertR3Alternatives([{}]))).toMatch(/^R3: /);
  });
});
