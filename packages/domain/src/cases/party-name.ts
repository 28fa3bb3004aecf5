// A 自然人 party recorded under an organisation's name is a common slip on the spot: the officer picks the
// default party type and types the shop's sign. The wrong type changes who is liable (处罚法 Art. 4) and which
// ID is checked, so the console warns — it does not refuse: 「张记」 or a person named 「石厂」 stays possible.

/** Words that end (or sit inside) the names of companies, shops and other organisations. */
export const ORGANISATION_NAME_MARKERS = [
  '公司',
  '有限',
  '集团',
  '股份',
  '合作社',
  '事务所',
  '商行',
  '工作室',
  '中心',
  '经营部',
  '门市部',
  '分店',
  '超市',
  '饭店',
  '酒店',
  '餐厅',
  '商店',
  '店',
  '厂',
  '个体户',
  '工商户',
  '协会',
  '学校',
  '医院',
  '委员会',
  '物业',
] as const;

/**
 * The organisation word found in a name entered for a natural person, or null when the name looks like a
 * person's. Spaces are ignored; the first marker of the list found in the name is returned.
 */
export function organisationWordInPersonName(name: string): string | null {
  const n = name.replace(/\s+/g, '');
  if (n === '') return null;
  for (const marker of ORGANISATION_NAME_MARKERS) if (n.includes(marker)) return marker;
  return /(co\.?|ltd\.?|inc\.?|company|limited)$/i.exec(n)?.[0] ?? null;
}
