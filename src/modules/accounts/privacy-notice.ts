/** The privacy notice a resident accepts at registration: what is kept, why, for how long. */
export const PRIVACY_NOTICE = {
  version: '2026-11',
  zh: [
    '我们保存：电子邮箱、显示名称、密码的不可逆摘要；您自愿提供的电话和通信地址；您提交的意见及其提交时间。',
    '用途：登录、向您告知意见采纳情况（电子邮件、站内通知或信函）、听证报名与代表遴选。',
    '公开范围：意见正文公开展示，姓名以“王**”形式遮盖；电话、地址、身份证号、邮箱一律不公开，意见正文中出现的此类信息在公开页面自动隐藏。',
    '保存期限：意见及其处理记录作为决策档案依法长期保存；账户信息在您注销账户后 30 日内删除，已提交的意见以匿名形式保留。',
    '您可以随时查询、更正您的账户信息，或联系承办单位注销账户。',
  ],
  en: [
    'We keep: your email address, display name, an irreversible hash of your password; the phone and postal address you choose to give; your comments and when you made them.',
    'Why: signing in, telling you how your comments were handled (email, in-site notice or letter), hearing sign-up and the selection of representatives.',
    'What is public: comment text is public with your name masked (e.g. "W**"); phone, address, ID number and email are never public, and such data typed into a comment is hidden on public pages.',
    'How long: comments and their handling are kept as part of the decision record; account data is deleted within 30 days of closing the account, and submitted comments remain, anonymised.',
    'You may view or correct your account data at any time, or ask the organizing unit to close your account.',
  ],
};
