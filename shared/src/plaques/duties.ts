/** 门前三包 duties (docs/GLOSSARY.md: `sanitation`, `order`, `greenery`) and their Chinese names, in plaque order. */
export const DUTIES = { sanitation: '包卫生', order: '包秩序', greenery: '包绿化' } as const;
export type Duty = keyof typeof DUTIES;
export const ALL_DUTIES: readonly Duty[] = ['sanitation', 'order', 'greenery'];

/** Each accepted spelling of a duty (code name, Chinese name, short Chinese name) → its code name. */
const SPELLINGS: Record<string, Duty> = {
  sanitation: 'sanitation',
  包卫生: 'sanitation',
  卫生: 'sanitation',
  order: 'order',
  包秩序: 'order',
  秩序: 'order',
  包市容: 'order',
  市容: 'order',
  greenery: 'greenery',
  包绿化: 'greenery',
  绿化: 'greenery',
};

/**
 * Reads a duty list as people type it in a spreadsheet: separated by `;` `；` `|` `、` `/` `,` `，` or
 * spaces, code names or Chinese names. Returns the duties in plaque order without repeats, or the words
 * it does not know. An empty cell is an empty list (the caller applies the town's default).
 * @example parseDuties('包卫生、包秩序') // { duties: ['sanitation', 'order'], unknown: [] }
 */
export function parseDuties(cell: string): { duties: Duty[]; unknown: string[] } {
  const words = cell.split(/[;；|、/,，\s]+/).map((w) => w.trim()).filter(Boolean);
  const found = new Set<Duty>();
  const unknown: string[] = [];
  for (const w of words) {
    const d = SPELLINGS[w.toLowerCase()] ?? SPELLINGS[w];
    if (d) found.add(d);
    else unknown.push(w);
  }
  return { duties: ALL_DUTIES.filter((d) => found.has(d)), unknown };
}

/**
 * The duties a shop of this town carries: the row's own list (which must be among the town's), or the
 * town's whole list when the row leaves it empty. A town without a configured list has all three.
 * @example dutiesForTown([], ['sanitation', 'order']) // { duties: ['sanitation', 'order'] }
 */
export function dutiesForTown(rowDuties: readonly Duty[], townDuties: readonly Duty[] | undefined): { duties: Duty[] } | { error: string } {
  const allowed = townDuties?.length ? ALL_DUTIES.filter((d) => townDuties.includes(d)) : [...ALL_DUTIES];
  if (rowDuties.length === 0) return { duties: allowed };
  const outside = rowDuties.filter((d) => !allowed.includes(d));
  if (outside.length) return { error: `本镇街的门前三包责任不含“${outside.map((d) => DUTIES[d]).join('、')}”（可选：${allowed.map((d) => DUTIES[d]).join('、')}）` };
  return { duties: ALL_DUTIES.filter((d) => rowDuties.includes(d)) };
}
