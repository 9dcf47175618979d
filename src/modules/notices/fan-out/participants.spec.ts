import { channelsFor, concentratedNotAdopted, ParticipantGrouper, ParticipantRow, recipientOf } from './participants';

const row = (identity: string, extra: Partial<ParticipantRow> = {}): ParticipantRow => ({
  identity,
  user_id: null,
  name: null,
  contact_email: null,
  phone: null,
  address: null,
  source: 'comment',
  comment_id: null,
  seq: null,
  label: null,
  stance: null,
  text: null,
  outcome: null,
  basis: null,
  reason: null,
  prev_outcome: null,
  prev_basis: null,
  prev_reason: null,
  account_name: null,
  account_email: null,
  ...extra,
});

describe(ParticipantGrouper.name, () => {
  it('keeps a person whose rows span two batches as one participant', () => {
    const g = new ParticipantGrouper();
    const uid = '11111111-1111-4111-8111-111111111111';
    const a = row(`u.${uid}`, { user_id: uid, account_name: '王小明', account_email: 'w@example.com', comment_id: 'c1', seq: '1', label: '第五条', stance: 'oppose', text: 't1', outcome: 'adopted' });
    const b = row(`u.${uid}`, { user_id: uid, account_name: '王小明', account_email: 'w@example.com', comment_id: 'c2', seq: '7', outcome: 'not_adopted', reason: 'r' });
    expect(g.push([a])).toEqual([]);
    const done = g.push([b, row('email:zhao@example.com', { name: '赵老师', contact_email: 'zhao@example.com', comment_id: 'c3', seq: 3 })]);
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ recipient: `u.${uid}`, userId: uid, name: '王小明', email: 'w@example.com' });
    expect(done[0].comments.map((c) => [c.commentId, c.seq, c.outcome])).toEqual([
      ['c1', 1, 'adopted'],
      ['c2', 7, 'not_adopted'],
    ]);
    const last = g.flush();
    expect(last[0]).toMatchObject({ userId: null, name: '赵老师', email: 'zhao@example.com' });
    expect(g.flush()).toEqual([]);
  });

  it('records seats once per kind and never takes contact data of an account holder from a row', () => {
    const g = new ParticipantGrouper();
    const uid = '22222222-2222-4222-8222-222222222222';
    g.push([
      row(`u.${uid}`, { user_id: uid, source: 'hearing', account_name: '李华', account_email: null, contact_email: 'typed@example.com' }),
      row(`u.${uid}`, { user_id: uid, source: 'hearing', account_name: '李华' }),
      row(`u.${uid}`, { user_id: uid, source: 'meeting', account_name: '李华' }),
    ]);
    const [p] = g.flush();
    expect(p.seats).toEqual(['hearing', 'meeting']);
    expect(p.email).toBeNull(); // unverified account: no email, whatever was typed elsewhere
  });
});

describe('recipientOf', () => {
  it('keeps account ids and hashes every other identity, the same identity to the same key', () => {
    expect(recipientOf('u.33333333-3333-4333-8333-333333333333')).toBe('u.33333333-3333-4333-8333-333333333333');
    const a = recipientOf('email:zhao@example.com');
    expect(a).toMatch(/^x\.[0-9a-f]{32}$/);
    expect(recipientOf('email:zhao@example.com')).toBe(a);
    expect(recipientOf('phone:13912345678')).not.toBe(a);
    expect(a).not.toContain('zhao');
  });
});

describe('channelsFor', () => {
  it('reaches account holders in the inbox and by verified email, others by email, letter, or only the public report', () => {
    expect(channelsFor({ userId: 'u', email: 'a@b.c', postalAddress: 'x' })).toEqual([
      { channel: 'inbox', address: null },
      { channel: 'email', address: 'a@b.c' },
    ]);
    expect(channelsFor({ userId: 'u', email: null, postalAddress: null })).toEqual([{ channel: 'inbox', address: null }]);
    expect(channelsFor({ userId: null, email: 'a@b.c', postalAddress: '某市和平路88号' })).toEqual([{ channel: 'email', address: 'a@b.c' }]);
    expect(channelsFor({ userId: null, email: null, postalAddress: '某市和平路88号' })).toEqual([{ channel: 'letter', address: '某市和平路88号' }]);
    expect(channelsFor({ userId: null, email: null, postalAddress: null })).toEqual([{ channel: 'public', address: null }]);
  });
});

describe('concentratedNotAdopted', () => {
  it('keeps concentrated clusters not adopted, largest first, with samples masked (R8, R10, R19)', () => {
    const out = concentratedNotAdopted([
      { id: 'a', size: 3, concentrated: true, outcome: 'not_adopted', basis: 'legality', reason: 'r1', sample: { text: '请回电13912345678', hidden: false } },
      { id: 'b', size: 9, concentrated: true, outcome: 'not_adopted', basis: null, reason: 'r2', sample: { text: null, hidden: true } },
      { id: 'c', size: 20, concentrated: true, outcome: 'adopted', reason: null, sample: { text: 'x', hidden: false } },
      { id: 'd', size: 2, concentrated: false, outcome: 'not_adopted', reason: 'r4', sample: { text: 'y', hidden: false } },
    ]);
    expect(out.map((c) => c.clusterId)).toEqual(['b', 'a']);
    expect(out[1].sample).not.toContain('13912345678');
    expect(out[0].sample).toContain('隐藏');
    expect(concentratedNotAdopted(undefined)).toEqual([]);
  });
});
