// 注释里的中文不算 (the scan in i18n-catalogs.spec.ts must skip this comment).
/* 块注释也不算 */
const x = 1;
export const a = '字符串';
export const b = `模板${x}`;
export const C = () => <p title="属性">汉字文本</p>;
