/** Fills `{name}` placeholders of a translated message: fill(t('daysLeft'), { n: 3 }). */
export function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
