import fc from 'fast-check';
import { containsPersonalData, findPersonalData, maskName, maskPersonalData } from './mask';

describe('maskName', () => {
  it.each([
    ['王小明', '王**'],
    ['李雷', '李*'],
    ['王', '王*'],
    ['欧阳娜娜', '欧阳**'],
    ['欧阳', '欧*'],
    ['诸葛孔明', '诸葛**'],
    ['Alice Smith', 'A***'],
    ['bob', 'b***'],
    ['  张三  ', '张*'],
    ['', '匿名'],
    ['   ', '匿名'],
  ])('masks %j as %j', (input, expected) => {
    expect(maskName(input)).toBe(expected);
  });

  it('treats a missing name as anonymous', () => {
    expect(maskName(null)).toBe('匿名');
    expect(maskName(undefined)).toBe('匿名');
  });

  it('does not leak the length of a Latin name or split an astral character', () => {
    expect(maskName('Christopher Columbus')).toBe('C***');
    expect(maskName('𠀋一')).toBe('𠀋*');
  });
});

describe('maskPersonalData: masks', () => {
  it.each([
    ['我的电话13812345678，欢迎联系', '我的电话[手机号已隐藏]，欢迎联系'],
    ['电话：+86 138 1234 5678', '电话：[手机号已隐藏]'],
    ['+8613812345678', '[手机号已隐藏]'],
    ['0086-13812345678', '[手机号已隐藏]'],
    ['(+86)19912345678。', '[手机号已隐藏]。'],
    ['手机138-1234-5678。', '手机[手机号已隐藏]。'],
    ['手机１３８１２３４５６７８', '手机[手机号已隐藏]'],
    ['Tel.15912345678', 'Tel.[手机号已隐藏]'],
    ['电话13812345678万分感谢', '电话[手机号已隐藏]万分感谢'],
    ['座机010-12345678', '座机[电话已隐藏]'],
    ['（0755）86001234转123', '[电话已隐藏]'],
    ['021 87654321', '[电话已隐藏]'],
    ['0571-8765432', '[电话已隐藏]'],
    ['身份证110101199003071234', '身份证[身份证号已隐藏]'],
    ['身份证号：11010119900307123X。', '身份证号：[身份证号已隐藏]。'],
    ['110101 19900307 123x', '[身份证号已隐藏]'],
    ['12345678901234567X', '[身份证号已隐藏]'],
    ['老身份证110101900307123', '老身份证[身份证号已隐藏]'],
    ['卡号6222021234567890123', '卡号[卡号已隐藏]'],
    ['卡号6222 0212 3456 7890', '卡号[卡号已隐藏]'],
    ['退款到6217-0012-3456-7890-123', '退款到[卡号已隐藏]'],
    ['4000123412341234', '[卡号已隐藏]'],
    ['邮箱 zhang.san+x@example.com.cn 谢谢', '邮箱 [邮箱已隐藏] 谢谢'],
    ['13812345678@qq.com', '[邮箱已隐藏]'],
    ['ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ', '[邮箱已隐藏]'],
    ['北京市朝阳区建国路88号', '[地址已隐藏]'],
    ['我家住在广东省深圳市南山区科技园路1号3栋502室，楼下很吵', '我家住在[地址已隐藏]，楼下很吵'],
    ['和平街道幸福社区3号楼2单元501室', '[地址已隐藏]'],
    ['家住人民路一百二十号院', '家住[地址已隐藏]'],
    ['地址：上海市浦东新区世纪大道100号A座2001室。', '地址：[地址已隐藏]。'],
    ['住址是杭州市西湖区文三路90号3-2-501', '住址是[地址已隐藏]'],
    ['本人住在长安街道花园村5栋301室', '本人住在[地址已隐藏]'],
    ['幸福家园3号楼501室', '[地址已隐藏]'],
    ['向阳路12号', '[地址已隐藏]'],
  ])('%j → %j', (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
    expect(containsPersonalData(input)).toBe(true);
    expect(containsPersonalData(maskPersonalData(input))).toBe(false);
  });

  it('masks several kinds in one text and reports them in order', () => {
    const text = '张先生，电话13912345678，邮箱a@b.cn，身份证110101199003071234，住朝阳区建国路8号。';
    expect(maskPersonalData(text)).toBe(
      '张先生，电话[手机号已隐藏]，邮箱[邮箱已隐藏]，身份证[身份证号已隐藏]，住[地址已隐藏]。',
    );
    expect(findPersonalData(text).map((m) => m.kind)).toEqual(['mobile', 'email', 'idNumber', 'address']);
  });

  it('keeps the original offsets for full-width input', () => {
    const text = '号码１３８１２３４５６７８';
    const [m] = findPersonalData(text);
    expect(m).toMatchObject({ kind: 'mobile', start: 2, end: 13, text: '１３８１２３４５６７８' });
  });
});

describe('maskPersonalData: leaves alone', () => {
  it.each([
    '我反对在小区内增设收费停车位，理由是会加剧拥堵。',
    '2026年3月1日起施行',
    '2026-03-02 08:15',
    '20260302',
    '预算15000000000元',
    '共100000户，约13000人',
    '第十二条第3款第(二)项',
    '第12条',
    '邮编100000',
    '2024 2025 2026 2027年',
    '圆周率3.14159265358979323846',
    '道路交通安全法第九十条',
    '国务院令第588号',
    '沪府规〔2020〕3号',
    '乘坐12路公交车',
    '地铁1号线延长至线路3号线',
    '建议在建国路增设停车位',
    '北京市朝阳区居民',
    '市政府12345热线',
    '拨打110报警',
    '每年增长3.5%，面积12000平方米',
    '订单号20260302081500',
    '请发送邮件至（不是地址）',
    'version 1.2.3',
    '会议在3号楼501室举行',
    '北京市朝阳区建国路沿线',
  ])('%j', (text) => {
    expect(maskPersonalData(text)).toBe(text);
    expect(containsPersonalData(text)).toBe(false);
  });

  it('never masks numbers of up to nine digits, whatever surrounds them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.constantFrom('第', '共', '约', '', ' ', '（'),
        fc.constantFrom('条', '元', '人', '户', '年', '', '。', '号'),
        (n, before, after) => {
          const text = `${before}${n}${after}`;
          return maskPersonalData(text) === text;
        },
      ),
    );
  });

  it('masks any mobile number inside arbitrary Chinese text', () => {
    const han = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)) });
    fc.assert(
      fc.property(han, han, fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999_999_999 }), (a, b, second, rest) => {
        // A unit right after the digits makes them an amount ("13000000000元"), see NUM_END.
        fc.pre(!/^(?:元|亿|千米|平方|米|吨)/.test(b));
        const phone = `1${second}${String(rest).padStart(9, '0')}`;
        const masked = maskPersonalData(`${a}${phone}${b}`);
        return !masked.includes(phone) && masked.includes('[手机号已隐藏]');
      }),
    );
  });

  it('stays linear on long unpunctuated text', () => {
    const inputs = ['北京市朝阳区海淀县和平镇幸福村'.repeat(700), '市区县镇乡村路街'.repeat(1000), 'abc1'.repeat(3000)];
    for (const text of inputs) {
      const t0 = performance.now();
      maskPersonalData(text);
      expect(performance.now() - t0).toBeLessThan(200);
    }
  });

  it('handles empty input', () => {
    expect(maskPersonalData('')).toBe('');
    expect(findPersonalData('')).toEqual([]);
    expect(containsPersonalData('')).toBe(false);
  });
});

describe('containsPersonalData', () => {
  it('ignores values that are public on purpose, such as the organizer contact (R1)', () => {
    const draft = JSON.stringify({ contact: { email: 'fzb@example.gov.cn', phone: '010-65001234' }, note: '咨询' });
    expect(containsPersonalData(draft)).toBe(true);
    expect(containsPersonalData(draft, ['fzb@example.gov.cn', '010-65001234'])).toBe(false);
    expect(containsPersonalData(`${draft} 13812345678`, ['fzb@example.gov.cn', '010-65001234'])).toBe(true);
  });

  it('finds personal data inside a serialized public response', () => {
    const body = JSON.stringify({ items: [{ author: '王**', text: '请联系我：13812345678' }] });
    expect(containsPersonalData(body)).toBe(true);
    expect(containsPersonalData(JSON.stringify({ items: [{ author: '王**', text: '同意' }] }))).toBe(false);
  });
});
