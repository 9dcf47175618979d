import { createContext, ReactNode, useContext, useState } from 'react';
import { en, MessageKey, zh } from './messages';

export type Lang = 'zh' | 'en';
const LANG_KEY = 'consult.lang';

interface I18n {
  lang: Lang;
  t: (key: MessageKey) => string;
  toggle: () => void;
}

const Ctx = createContext<I18n>({ lang: 'zh', t: (k) => zh[k], toggle: () => undefined });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh'));
  const toggle = () => {
    const next = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem(LANG_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLang(next);
  };
  const t = (key: MessageKey) => (lang === 'zh' ? zh : en)[key];
  return <Ctx.Provider value={{ lang, t, toggle }}>{children}</Ctx.Provider>;
}

export const useI18n = () => useContext(Ctx);
