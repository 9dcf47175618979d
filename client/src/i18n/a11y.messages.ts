// What screen readers are told as pages change: the page opened, progress, catch-up (polite live regions).
export const a11yZh = {
  routeAnnounce: '已打开页面：{title}',
  noticeProgressAnnounce: '通知发送进度 {pct}%：{total} 位参与者中已送达 {delivered} 位，失败 {failed} 位。',
  noticeProgressDone: '通知发送完成：{total} 位参与者中已送达 {delivered} 位，失败 {failed} 位。',
  liveCaughtUp: '连接已恢复，已补齐 {n} 条遗漏的发言。',
  liveCaughtUpNone: '连接已恢复，没有遗漏的发言。',
} as const;

export const a11yEn: Record<keyof typeof a11yZh, string> = {
  routeAnnounce: 'Page opened: {title}',
  noticeProgressAnnounce: 'Notice delivery {pct}%: {delivered} of {total} participants reached, {failed} failed.',
  noticeProgressDone: 'Notice delivery complete: {delivered} of {total} participants reached, {failed} failed.',
  liveCaughtUp: 'Connection restored; {n} missed statements filled in.',
  liveCaughtUpNone: 'Connection restored; nothing was missed.',
};
