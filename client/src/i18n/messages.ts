// Chinese first; every key must exist in both languages (checked by the types below).
// Feature pages keep their messages in their own files, merged here.
import { a11yEn, a11yZh } from './a11y.messages';
import { analysisEn, analysisZh } from './analysis.messages';
import { commentsEn, commentsZh } from './comments.messages';
import { draftsEn, draftsZh } from './drafts.messages';
import { formatEn, formatZh } from './format.messages';
import { hearingsEn, hearingsZh } from './hearings.messages';
import { organizerEn, organizerZh } from './organizer.messages';

const shellZh = {
  appName: '公众参与平台',
  tagline: '决策草案公开征求意见 · 听证 · 采纳反馈',
  navHome: '首页',
  navDrafts: '征求意见',
  navLogin: '登录',
  navRegister: '注册',
  navLogout: '退出',
  navMe: '我的',
  navMain: '主导航',
  skipToContent: '跳到主要内容',
  language: 'English',
  statusTitle: '系统状态',
  statusChecking: '正在检查…',
  statusUp: '服务正常',
  statusDown: '服务暂不可用',
  statusPostgres: '数据库',
  statusRedis: '消息队列',
  email: '电子邮箱',
  password: '密码',
  displayName: '显示名称',
  login: '登录',
  register: '注册',
  privacyTitle: '个人信息保护说明',
  privacyAccept: '我已阅读并同意上述个人信息保护说明',
  registered: '注册成功，请查收验证邮件后登录。',
  welcome: '欢迎，',
  notFound: '页面不存在',
  loading: '加载中…',
  error: '出错了：',
} as const;

const shellEn: Record<keyof typeof shellZh, string> = {
  appName: 'Public Consultation',
  tagline: 'Draft decisions open for comment · hearings · feedback on every opinion',
  navHome: 'Home',
  navDrafts: 'Consultations',
  navLogin: 'Sign in',
  navRegister: 'Register',
  navLogout: 'Sign out',
  navMe: 'Me',
  navMain: 'Main navigation',
  skipToContent: 'Skip to main content',
  language: '中文',
  statusTitle: 'System status',
  statusChecking: 'Checking…',
  statusUp: 'All services up',
  statusDown: 'Service unavailable',
  statusPostgres: 'Database',
  statusRedis: 'Queue',
  email: 'Email',
  password: 'Password',
  displayName: 'Display name',
  login: 'Sign in',
  register: 'Register',
  privacyTitle: 'Privacy notice',
  privacyAccept: 'I have read and accept the privacy notice above',
  registered: 'Registered. Check your email to verify the address, then sign in.',
  welcome: 'Welcome, ',
  notFound: 'Page not found',
  loading: 'Loading…',
  error: 'Error: ',
};

export const zh = { ...shellZh, ...draftsZh, ...commentsZh, ...organizerZh, ...analysisZh, ...hearingsZh, ...formatZh, ...a11yZh };
export const en: Record<keyof typeof zh, string> = { ...shellEn, ...draftsEn, ...commentsEn, ...organizerEn, ...analysisEn, ...hearingsEn, ...formatEn, ...a11yEn };

export type MessageKey = keyof typeof zh;
export type Lang = 'zh' | 'en';
