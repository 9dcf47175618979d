import { maskName } from '../../../common/privacy/mask';
import { csvCell, escapeHtml, renderCsv, renderHtml } from './report-render';
import { publicReport } from './report-public';
import type { ReportSnapshot } from './report-snapshot';

const snapshot = (): ReportSnapshot => ({
  format: 'adoption-report/1',
  reportVersion: 1,
  publishedAt: '2026-03-20T02:00:00.000Z',
  publishedBy: { id: 'staff', name: '起草人张' },
  draft: { id: 'd', title: '停车<管理>办法', version: 1, commentOpensAt: null, commentClosesAt: null },
  log: { treeSize: 2, rootHash: 'ab'.repeat(32) },
  totals: { comments: 2, participants: 2, hidden: 1, byChannel: { web: 1, letter: 1 }, byStance: { oppose: 2 }, byOutcome: { not_adopted: 2 } },
  concentrationThreshold: 5,
  units: [{ version: 1, anchor: 'a7', planIndex: null, label: '第七条', total: 2, byStance: { oppose: 2 }, byOutcome: { not_adopted: 2 } }],
  clusters: [],
  comments: [
    {
      id: 'c1', seq: 1, leafHash: 'cd'.repeat(32), version: 1, anchor: 'a7', planIndex: null, unitLabel: '第七条', quote: null,
      stance: 'oppose', channel: 'letter', receivedAt: '2026-03-02T00:00:00.000Z',
      author: { name: '王小明', email: 'wxm@example.com', phone: '13812345678', address: null },
      text: '=HYPERLINK("http://x") 电话13812345678', hidden: false, hiddenReason: null, clusterId: null,
      disposition: { outcome: 'not_adopted', basis: 'legality', reason: '与上位法不符，联系13912345678', clusterId: null },
    },
    {
      id: 'c2', seq: 2, leafHash: 'ef'.repeat(32), version: 1, anchor: 'a7', planIndex: null, unitLabel: '第七条', quote: null,
      stance: 'oppose', channel: 'web', receivedAt: '2026-03-03T00:00:00.000Z',
      author: { name: 'Alice Smith' }, text: '骂人的话', hidden: true, hiddenReason: '辱骂', clusterId: null,
      disposition: { outcome: 'not_adopted', basis: 'other', reason: '无关', clusterId: null },
    },
  ],
});

describe(publicReport.name, () => {
  it('masks names and personal data, drops contact data and hidden text, keeps every comment (R7, R19)', () => {
    const pub = publicReport(snapshot());
    expect(pub.publishedBy).toBeUndefined();
    expect(pub.comments).toHaveLength(2);
    expect(pub.comments[0].author).toEqual({ name: maskName('王小明') });
    expect(pub.comments[0].text).toBe('=HYPERLINK("http://x") 电话[手机号已隐藏]');
    expect(pub.comments[0].disposition.reason).toBe('与上位法不符，联系[手机号已隐藏]');
    expect(pub.comments[1]).toMatchObject({ hidden: true, hiddenReason: '辱骂', author: { name: 'A***' } });
    expect('text' in pub.comments[1]).toBe(false);
    expect(pub.totals).toEqual(snapshot().totals);
  });
});

describe('report rendering', () => {
  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const html = renderHtml(publicReport(snapshot()), false);
    expect(html).toContain('停车&lt;管理&gt;办法');
    expect(html).not.toContain('<管理>');
  });

  it('quotes CSV cells and neutralises formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('-cmd')).toBe("'-cmd");
    const csv = renderCsv(snapshot(), true);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"") 电话13812345678"`);
    expect(csv).toContain('wxm@example.com');
  });
});
