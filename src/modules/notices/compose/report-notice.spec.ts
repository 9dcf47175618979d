import { composeCorrectionNotice, composeReportNotice, dispositionChanged, OwnComment } from './report-notice';
import { composeResultsNotice, composeSelectionNotice } from './other-notices';

const own = (extra: Partial<OwnComment> = {}): OwnComment => ({
  commentId: 'c1',
  seq: 4,
  label: '第七条',
  stance: 'amend',
  text: '建议夜间停车免费',
  outcome: 'not_adopted',
  basis: 'feasibility',
  reason: '财力不足',
  ...extra,
});

describe('composeReportNotice', () => {
  it('tells each comment’s outcome with ground and reason, the concentrated reasons and the link, in Chinese then English (R10)', () => {
    const n = composeReportNotice({
      draftTitle: '停车管理办法',
      recipientName: '王小明',
      reportVersion: 1,
      comments: [own(), own({ commentId: 'c2', seq: 9, label: '第九条', outcome: 'adopted', basis: null, reason: null })],
      concentrated: [{ clusterId: 'k', size: 12, sample: '取消夜间收费', basis: 'reasonableness', reason: '用于调节需求' }],
      seats: [],
      link: 'http://x/#/drafts/d/report',
    });
    expect(n.subject).toContain('停车管理办法');
    expect(n.body.indexOf('王小明，您好')).toBe(0);
    expect(n.body).toContain('1. 第七条（修改建议）');
    expect(n.body).toContain('处理结果：不予采纳（可行性）');
    expect(n.body).toContain('理由：财力不足');
    expect(n.body).toContain('处理结果：采纳');
    expect(n.body).toContain('共 12 条相同或相近意见');
    expect(n.body).toContain('理由（合理性）：用于调节需求');
    expect(n.body.indexOf('http://x/#/drafts/d/report')).toBeLessThan(n.body.indexOf('Dear participant'));
    expect(n.body).toContain('not adopted (feasibility). Reason: 财力不足');
    expect(n.payload).toMatchObject({ reportVersion: 1, comments: [{ commentId: 'c1' }, { commentId: 'c2' }] });
  });

  it('tells a representative without comments why they are told', () => {
    const n = composeReportNotice({ draftTitle: 'T', recipientName: null, reportVersion: 1, comments: [], concentrated: [], seats: ['hearing', 'hearing'], link: 'L' });
    expect(n.body).toContain('您作为听证会代表参与了本项决策');
    expect(n.body).toContain('没有相对集中但未予采纳的意见');
  });
});

describe('composeCorrectionNotice', () => {
  it('says what changed, before and after', () => {
    const n = composeCorrectionNotice({
      draftTitle: 'T',
      recipientName: '李华',
      reportVersion: 2,
      changes: [{ comment: own({ outcome: 'adopted', basis: null, reason: '可行' }), before: { outcome: 'not_adopted', basis: 'feasibility', reason: '财力不足' } }],
      link: 'L',
    });
    expect(n.body).toContain('原处理结果：不予采纳（可行性）；理由：财力不足');
    expect(n.body).toContain('更正后：采纳；理由：可行');
    expect(n.payload).toMatchObject({ changes: [{ before: { outcome: 'not_adopted' }, after: { outcome: 'adopted' } }] });
  });
});

describe('dispositionChanged', () => {
  it('counts outcome, ground and reason, not whitespace', () => {
    const d = { outcome: 'not_adopted', basis: 'legality', reason: '理由' };
    expect(dispositionChanged(d, { ...d, reason: ' 理由 ' })).toBe(false);
    expect(dispositionChanged(d, { ...d, outcome: 'adopted' })).toBe(true);
    expect(dispositionChanged(d, { ...d, basis: 'other' })).toBe(true);
    expect(dispositionChanged(d, { ...d, reason: '另一理由' })).toBe(true);
  });
});

describe('other notices', () => {
  it('results: the decision and its execution (R20)', () => {
    const n = composeResultsNotice({ draftTitle: 'T', recipientName: null, resultIndex: 1, summary: 'S', execution: 'E', at: '2026-10-01T02:00:00Z', link: 'L' });
    expect(n.subject).toContain('执行情况更新');
    expect(n.body).toContain('公布时间：2026-10-01 10:00（北京时间）');
  });

  it('selection: the reason of a rejection and the confirmation deadline in Beijing time', () => {
    const n = composeSelectionNotice({ event: 'selected', ownerKind: 'hearing', title: 'H', recipientName: '王', label: 'H-0001', confirmBy: '2026-10-10T15:59:59.999Z', link: 'L' });
    expect(n.body).toContain('请于 2026-10-10 23:59（北京时间）前确认');
    const r = composeSelectionNotice({ event: 'application-rejected', ownerKind: 'meeting', title: 'M', recipientName: null, reason: '名额已满', link: 'L' });
    expect(r.body).toContain('理由：名额已满');
  });
});
