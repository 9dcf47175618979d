import { isPublicLabel, reportViolation } from './report-rules';

describe('reportViolation', () => {
  it('refuses a report without conclusions (R15)', () => {
    expect(reportViolation('  \n', [])?.message).toMatch(/^R15: .*conclusions/);
  });

  it('refuses an opinion not adopted without a reason (R15)', () => {
    const v = reportViolation('结论：方案一可行。', [{ adopted: true }, { adopted: false, reason: ' ' }]);
    expect(v?.message).toBe('R15: opinion 2 is not adopted and must give the reason why');
  });

  it('accepts conclusions with adopted opinions and reasoned rejections', () => {
    expect(reportViolation('结论', [{ adopted: true }, { adopted: false, reason: '与上位法不一致' }])).toBeNull();
  });

  it('recognises public labels', () => {
    expect(isPublicLabel('H-0003')).toBe(true);
    expect(isPublicLabel('王小明')).toBe(false);
  });
});
