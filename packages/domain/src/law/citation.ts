// Statute citations in the form a Chinese reader expects: 《中华人民共和国行政处罚法》第四十四条第二款第三项.
// The rules keep compact machine references ("行政处罚法 Art. 44, Art. 62", "强制法 Art. 18(2)") next to their rule
// IDs; everything a person reads goes through formatCitationZh (docs/ui-text.md).

/** One cited provision. `articleTo` makes a range (第五十三条至第五十四条); `item` is the 项 (written (一), (二) …). */
export type Citation = {
  /** Short or full name of the law; short names used in the rules are expanded (行政处罚法 → 中华人民共和国行政处罚法). */
  law: string;
  /** Article number; absent when the article is not known yet (printed as 条号待核实). */
  article?: number;
  articleTo?: number;
  paragraph?: number;
  item?: number;
};

/** Short names used in rule references and LEGAL-RULES.md → the law's full official name. */
export const LAW_FULL_NAMES: Readonly<Record<string, string>> = {
  行政处罚法: '中华人民共和国行政处罚法',
  处罚法: '中华人民共和国行政处罚法',
  行政强制法: '中华人民共和国行政强制法',
  强制法: '中华人民共和国行政强制法',
  行政复议法: '中华人民共和国行政复议法',
  复议法: '中华人民共和国行政复议法',
  行政诉讼法: '中华人民共和国行政诉讼法',
  行诉法: '中华人民共和国行政诉讼法',
  民事诉讼法: '中华人民共和国民事诉讼法',
  民诉法: '中华人民共和国民事诉讼法',
  民法典: '中华人民共和国民法典',
  个人信息保护法: '中华人民共和国个人信息保护法',
  市场主体登记管理条例: '中华人民共和国市场主体登记管理条例',
  政府信息公开条例: '中华人民共和国政府信息公开条例',
  行诉法解释: '最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释',
  最高法行诉法解释: '最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释',
  未成年人刑事案件解释: '最高人民法院关于审理未成年人刑事案件具体应用法律若干问题的解释',
  '最高法 未成年人刑事案件解释': '最高人民法院关于审理未成年人刑事案件具体应用法律若干问题的解释',
  沪条例: '上海市城市管理行政执法条例',
  沪营商: '上海市优化营商环境条例',
  沪营商条例: '上海市优化营商环境条例',
  生活垃圾条例: '上海市生活垃圾管理条例',
  生活垃圾管理条例: '上海市生活垃圾管理条例',
  市容条例: '上海市市容环境卫生管理条例',
  非机动车条例: '上海市非机动车安全管理条例',
  沪拆违: '上海市拆除违法建筑若干规定',
  沪拆违规定: '上海市拆除违法建筑若干规定',
  浦东非现场规定: '上海市浦东新区城市管理领域非现场执法规定',
  浦东非现场执法规定: '上海市浦东新区城市管理领域非现场执法规定',
};

/** The full official name of a law (without 《》); names not in the table are returned unchanged. */
export function lawFullName(name: string): string {
  const bare = name.trim().replace(/^《(.*)》$/, '$1');
  return LAW_FULL_NAMES[bare] ?? bare;
}

const DIGIT = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const UNIT = ['', '十', '百', '千'];

/** Article numbers in Chinese numerals as statutes write them: 10 → 十, 44 → 四十四, 105 → 一百零五, 1259 → 一千二百五十九. */
export function zhNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n === 0) return DIGIT[0]!;
  if (n >= 10 && n < 20) return `十${n === 10 ? '' : DIGIT[n - 10]!}`;
  let out = '';
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(n / 10 ** i) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += DIGIT[0]!;
    zero = false;
    out += DIGIT[d]! + UNIT[i]!;
  }
  return out;
}

const ZH_VALUE: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

function zhToNumber(s: string): number | undefined {
  // Items are numbered (一) … (二十); enough for every item list the rules cite.
  if (/^\d+$/.test(s)) return Number(s);
  if (s.length === 1) return ZH_VALUE[s];
  const m = /^([一二三四五六七八九]?)十([一二三四五六七八九]?)$/.exec(s);
  if (!m) return undefined;
  return (m[1] ? ZH_VALUE[m[1]]! : 1) * 10 + (m[2] ? ZH_VALUE[m[2]]! : 0);
}

function articleText(c: Citation): string {
  if (c.article === undefined) return '（条号待核实）';
  let out = `第${zhNumeral(c.article)}条`;
  if (c.articleTo !== undefined && c.articleTo !== c.article) return `${out}至第${zhNumeral(c.articleTo)}条`;
  if (c.paragraph !== undefined) out += `第${zhNumeral(c.paragraph)}款`;
  if (c.item !== undefined) out += `第${zhNumeral(c.item)}项`;
  return out;
}

// "Art. 44", "Arts. 87, 89, 95", "Art. 53–54", "Art. 64(2)", "Art. 2(四)", "Art. 57 para. 2", "Art. X".
const ARTICLE =
  /^(\d+|X)(?:\s*[–-]\s*(\d+))?(?:\s*\(([0-9一二三四五六七八九十]+)\))?(?:\s*para\.\s*(\d+))?(?:\s*\(([0-9一二三四五六七八九十]+)\))?$/;

function parseSegment(segment: string): Citation[] | null {
  // Notes for developers in parentheses ("(LEGAL-RULES.md 5.1.11)", "(convention)") are not part of the citation.
  const text = segment.replace(/\s*[(（][^()（）]*[A-Za-z][^()（）]*[)）]\s*$/, '').trim();
  const m = /^(.+?)\s+Arts?\.\s*(.+)$/.exec(text);
  if (!m) return null;
  const law = m[1]!.trim();
  const parts = m[2]!.split(/\s*,\s*(?:Arts?\.\s*)?/);
  const out: Citation[] = [];
  for (const part of parts) {
    const a = ARTICLE.exec(part.trim());
    if (!a) return null;
    const c: Citation = { law };
    if (a[1] !== 'X') c.article = Number(a[1]);
    if (a[2]) c.articleTo = Number(a[2]);
    if (a[4]) c.paragraph = Number(a[4]);
    const item = a[5] ?? a[3];
    if (item) {
      const n = zhToNumber(item);
      if (n === undefined) return null;
      c.item = n;
    }
    out.push(c);
  }
  return out;
}

/**
 * A machine reference as the rules write it ("行政处罚法 Art. 44, Art. 62; 行政强制法 Art. 45") → structured
 * citations; null when some part of it is not a statute reference (a document number such as 国办发〔2018〕118号).
 */
export function parseArticleRef(ref: string): Citation[] | null {
  const segments = ref
    .split(/\s*[;；]\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (segments.length === 0) return null;
  const out: Citation[] = [];
  for (const segment of segments) {
    const parsed = parseSegment(segment);
    if (!parsed) return null;
    out.push(...parsed);
  }
  return out;
}

function formatList(citations: readonly Citation[]): string {
  let out = '';
  let lastLaw: string | undefined;
  for (const c of citations) {
    const law = lawFullName(c.law);
    if (law === lastLaw) out += `、${articleText(c)}`;
    else out += `${out ? '、' : ''}《${law}》${articleText(c)}`;
    lastLaw = law;
  }
  return out;
}

/**
 * The Chinese citation: 《中华人民共和国行政处罚法》第四十四条 / …第六十四条第二项 / …第五十七条第二款.
 * Takes structured citations (one or several: 《A》第X条、第Y条、《B》第Z条) or a machine reference string as the
 * rules write it; a reference that is not a statute reference (a document number) is returned with its segments that
 * are statute references converted and the others unchanged.
 */
export function formatCitationZh(citation: Citation | readonly Citation[] | string): string {
  if (typeof citation !== 'string') return formatList(Array.isArray(citation) ? citation : [citation as Citation]);
  const whole = parseArticleRef(citation);
  if (whole) return formatList(whole);
  return citation
    .split(/\s*[;；]\s*/)
    .filter((s) => s.trim())
    .map((segment) => {
      const parsed = parseArticleRef(segment);
      return parsed ? formatList(parsed) : segment.trim();
    })
    .join('、');
}

/**
 * Citations typed with Arabic numerals in free text (the library's 「《上海市生活垃圾管理条例》第57条第1款」) in the
 * statutes' own numerals: 第五十七条第一款. Machine references in the text ("行政处罚法 Art. 44") are converted too.
 */
export function normalizeCitationTextZh(text: string): string {
  return text
    .replace(/第(\d{1,4})(条|款|项)/g, (_, n: string, unit: string) => `第${zhNumeral(Number(n))}${unit}`)
    .replace(KNOWN_REF, (ref) => formatCitationZh(ref));
}

// A machine reference inside a sentence: a known law name (longest first, so 行政处罚法 wins over 处罚法), then Art.
const KNOWN_REF = new RegExp(
  `(?:${[...new Set([...Object.keys(LAW_FULL_NAMES), ...Object.values(LAW_FULL_NAMES)])]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')}) Arts?\\. [0-9][^;；，,。）)]*`,
  'gu',
);
