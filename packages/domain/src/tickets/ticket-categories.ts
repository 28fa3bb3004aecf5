// 诉件 categories as data (REQUIREMENTS.md R12). The top-level classes follow the 数字城管 事件 大类 of
// GB/T 30428 / CJ/T 214 as LEGAL-RULES.md §7.6 and rule L2 list them (市容环境, 宣传广告, 施工管理, 突发事件,
// 街面秩序, 其他) [P]; the sub-categories are the complaints the seeds name: 油烟 and 广场舞噪音扰民 (004 line 119),
// 占道/设摊经营 and 上海摊 (000 line 43, 113), 违法搭建 (000 line 81), 建筑垃圾 / 渣土车 (000 line 81, 589 联勤), 住宅
// 小区 物业/装修 (004 line 207), 夜间施工噪声 (沪条例 Art. 11). The codes are ours (L2: 「codes are U」): a starter list
// an administrator edits in the ticket_categories table, never a law.

/**
 * Which I6 handling limit a category gets by default (LEGAL-RULES.md §5.8.2, I6 [P/CONFIG]):
 * consultation — 「一般的咨询、意见建议事项」 ≤ WD(1); ordinary — 「一般的求助、投诉事项」 ≤ WD(5);
 * supervision — 「热线督办以及回访复核事项」 ≤ WD(3) (given by the dispatch level, never by a category);
 * complex — 「复杂事项，经申请批准后」 ≤ WD(15) (only through an approved request).
 */
export const TICKET_LIMIT_KINDS = ['consultation', 'ordinary', 'supervision', 'complex'] as const;
export type TicketLimitKind = (typeof TICKET_LIMIT_KINDS)[number];

export type TicketCategory = {
  code: string;
  nameZh: string;
  nameEn: string;
  /** The parent category's code; null for a top-level class. */
  parent: string | null;
  /** The limit a ticket of this category starts with; the dispatch level may shorten it (督办 / 回访复核). */
  defaultLimit: Exclude<TicketLimitKind, 'supervision' | 'complex'>;
  /** False once retired: kept for old tickets, not offered for new ones. */
  active: boolean;
};

const c = (
  code: string,
  nameZh: string,
  nameEn: string,
  parent: string | null,
  defaultLimit: TicketCategory['defaultLimit'] = 'ordinary',
): TicketCategory => ({ code, nameZh, nameEn, parent, defaultLimit, active: true });

/** The Shanghai starter list (local default, U for the codes; P for the 大类 names, L2). */
export const SHANGHAI_TICKET_CATEGORIES: readonly TicketCategory[] = [
  c('SR', '市容环境', 'City appearance and sanitation', null),
  c('SR01', '乱扔乱倒垃圾', 'Littering and dumping', 'SR'),
  c('SR02', '生活垃圾分类投放', 'Household waste sorting', 'SR'),
  c('SR03', '建筑垃圾、渣土运输', 'Construction waste and muck trucks', 'SR'),
  c('SR04', '餐饮油烟扰民', 'Restaurant fumes', 'SR'),
  c('SR05', '露天焚烧', 'Open burning', 'SR'),
  c('XC', '宣传广告', 'Advertising', null),
  c('XC01', '非法张贴、散发小广告', 'Illegal posters and leaflets', 'XC'),
  c('XC02', '户外广告、招牌设置', 'Outdoor advertising and signboards', 'XC'),
  c('SG', '施工管理', 'Construction', null),
  c('SG01', '夜间施工噪声', 'Night-time construction noise', 'SG'),
  c('SG02', '工地扬尘', 'Construction dust', 'SG'),
  c('SG03', '违法搭建', 'Illegal building', 'SG'),
  c('SG04', '住宅小区违规装修、破坏房屋外貌', 'Illegal renovation in housing estates', 'SG'),
  c('JM', '街面秩序', 'Street order', null),
  c('JM01', '无证设摊、占道经营', 'Unlicensed stalls and street trading', 'JM'),
  c('JM02', '跨门营业、店外经营', 'Trading outside the shop front', 'JM'),
  c('JM03', '非机动车乱停放', 'Illegally parked bicycles', 'JM'),
  c('JM04', '广场舞、娱乐噪声扰民', 'Square-dance and leisure noise', 'JM'),
  c('TF', '突发事件', 'Emergencies', null),
  c('TF01', '道路设施损坏、塌陷', 'Damaged road facilities', 'TF'),
  c('QT', '其他', 'Other', null),
  c('QT01', '政策咨询', 'Policy enquiry', 'QT', 'consultation'),
  c('QT02', '意见建议', 'Suggestion', 'QT', 'consultation'),
  c('QT03', '其他投诉', 'Other complaint', 'QT'),
];

export type CategoryIssue = { code: string; field: 'code' | 'parent' | 'nameZh'; messageZh: string; messageEn: string };

const CODE = /^[A-Z]{2}(\d{2}){0,2}$/;

/** Checks a category list: unique codes of the form XX / XX00 / XX0000, parents that exist and are active, no cycles. */
export function checkTicketCategories(list: readonly TicketCategory[]): CategoryIssue[] {
  const issues: CategoryIssue[] = [];
  const byCode = new Map<string, TicketCategory>();
  for (const cat of list) {
    if (!CODE.test(cat.code)) {
      issues.push({
        code: cat.code,
        field: 'code',
        messageZh: `分类代码“${cat.code}”格式不对：两位大写字母，后接零至两组两位数字`,
        messageEn: `category code ${cat.code} must be two capitals followed by zero to two pairs of digits`,
      });
    }
    if (byCode.has(cat.code)) {
      issues.push({
        code: cat.code,
        field: 'code',
        messageZh: `分类代码“${cat.code}”重复`,
        messageEn: `category code ${cat.code} is repeated`,
      });
    }
    if (cat.nameZh.trim() === '') {
      issues.push({
        code: cat.code,
        field: 'nameZh',
        messageZh: `分类“${cat.code}”缺少中文名称`,
        messageEn: `category ${cat.code} has no Chinese name`,
      });
    }
    byCode.set(cat.code, cat);
  }
  for (const cat of list) {
    if (cat.parent === null) continue;
    const parent = byCode.get(cat.parent);
    if (!parent || !cat.code.startsWith(cat.parent) || cat.code.length !== cat.parent.length + 2) {
      issues.push({
        code: cat.code,
        field: 'parent',
        messageZh: `分类“${cat.code}”的上级“${cat.parent}”不存在或代码不是其前缀`,
        messageEn: `category ${cat.code}: parent ${cat.parent} is missing or not its prefix`,
      });
    }
  }
  return issues;
}

/** The categories a new ticket may take: active leaves (a class with children is not chosen directly). */
export function selectableTicketCategories(list: readonly TicketCategory[]): TicketCategory[] {
  const parents = new Set(list.map((x) => x.parent).filter((p): p is string => p !== null));
  return list.filter((x) => x.active && !parents.has(x.code));
}
