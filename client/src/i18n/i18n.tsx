import { createContext, ReactNode, useContext, useEffect, useState } from 'react';
import { en, Lang, MessageKey, zh } from './messages';

export type { Lang };
const LANG_KEY = 'consult.lang';

interface I18n {
  lang: Lang;
  t: (key: MessageKey) => string;
  toggle: () => void;
}

const Ctx = createContext<I18n>({ lang: 'zh', t: (k) => zh[k], toggle: () => undefined });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh'));
  // Screen readers and fonts follow the page language, including the one restored at start-up.
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const toggle = () => {
    const next = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem(LANG_KEY, next);
    setLang(next);
  };
  const t = (key: MessageKey) => (lang === 'zh' ? zh : en)[key];
  return <Ctx.Provider value={{ lang, t, toggle }}>{children}</Ctx.Provider>;
}

export const useI18n = () => useContext(Ctx);
