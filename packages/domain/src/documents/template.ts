// The template language of 执法文书: a list of blocks whose text holds {{path}} placeholders and sections
// {{#path}}…{{/path}} (shown when the value is truthy; repeated for each element of an array, whose fields are
// then reachable by name and the element itself as {{.}}) and inverted sections {{^path}}…{{/path}} (shown when
// the value is empty). Pure: the renderer only reads the data it is given.
import type { DocumentTemplateBody, TemplateBlock } from '@chengguan/contracts';
import { DOCUMENT_FIELDS, isKnownPath } from './document-data.ts';

type Node = { t: 'text'; value: string } | { t: 'var'; path: string } | { t: 'section'; path: string; inverted: boolean; children: Node[] };

export type TemplateProblem = {
  /** Where in the template body, e.g. `blocks.3.text`. */
  field: string;
  placeholder: string;
  messageZh: string;
  messageEn: string;
};

export class TemplateSyntaxError extends Error {
  constructor(
    readonly placeholder: string,
    readonly messageZh: string,
    messageEn: string,
  ) {
    super(messageEn);
    this.name = 'TemplateSyntaxError';
  }
}

const TAG = /\{\{\s*([#^/]?)\s*([^{}]*?)\s*\}\}/g;
const PATH = /^(\.|[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*)$/;

/** Parses one text into nodes; an unbalanced section or a malformed placeholder throws TemplateSyntaxError. */
export function parseTemplateText(text: string): Node[] {
  const root: Node[] = [];
  const stack: { path: string; children: Node[] }[] = [{ path: '', children: root }];
  let last = 0;
  for (const m of text.matchAll(TAG)) {
    const top = stack[stack.length - 1]!;
    if (m.index > last) top.children.push({ t: 'text', value: text.slice(last, m.index) });
    last = m.index + m[0].length;
    const sigil = m[1]!;
    const path = m[2]!;
    if (!PATH.test(path)) throw new TemplateSyntaxError(m[0], `占位符格式错误：${m[0]}`, `Malformed placeholder: ${m[0]}`);
    if (sigil === '#' || sigil === '^') {
      const node: Node = { t: 'section', path, inverted: sigil === '^', children: [] };
      top.children.push(node);
      stack.push({ path, children: node.children });
    } else if (sigil === '/') {
      if (stack.length === 1 || top.path !== path) {
        throw new TemplateSyntaxError(m[0], `区段结束标记不匹配：${m[0]}`, `Section end does not match its start: ${m[0]}`);
      }
      stack.pop();
    } else top.children.push({ t: 'var', path });
  }
  if (stack.length > 1) {
    const open = stack[stack.length - 1]!.path;
    throw new TemplateSyntaxError(`{{#${open}}}`, `区段未结束：{{#${open}}}`, `Section not closed: {{#${open}}}`);
  }
  if (last < text.length) root.push({ t: 'text', value: text.slice(last) });
  if (/\{\{|\}\}/.test(text.replace(TAG, ''))) {
    throw new TemplateSyntaxError('{{', '存在未闭合的“{{”或多余的“}}”', 'An unclosed "{{" or a stray "}}"');
  }
  return root;
}

// ---------------------------------------------------------------------------------------------------------
// Validation against the known data paths

/** The full path a name refers to inside the given scopes (innermost first), or null when it is unknown. */
function resolveKnown(name: string, scopes: readonly string[]): string | null {
  if (name === '.') return scopes.length > 1 ? scopes[scopes.length - 1]! : null;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const full = scopes[i] ? `${scopes[i]}.${name}` : name;
    if (isKnownPath(full)) return full;
  }
  return null;
}

function scopeOf(full: string): string | null {
  const spec = DOCUMENT_FIELDS[full];
  if (!spec) return full.startsWith('extra.') ? full : null;
  if (spec.type === 'list') return `${full}[]`;
  if (spec.type === 'object') return full;
  return null;
}

function checkNodes(nodes: Node[], scopes: string[], field: string, out: TemplateProblem[]): void {
  for (const n of nodes) {
    if (n.t === 'text') continue;
    const full = resolveKnown(n.path, scopes);
    if (!full) {
      out.push({
        field,
        placeholder: n.path,
        messageZh: `未知的占位符“${n.path}”`,
        messageEn: `Unknown placeholder "${n.path}"`,
      });
      continue;
    }
    if (n.t === 'section') {
      const inner = n.inverted ? null : scopeOf(full);
      checkNodes(n.children, inner ? [...scopes, inner] : scopes, field, out);
    }
  }
}

function checkText(text: string, scopes: string[], field: string, out: TemplateProblem[]): void {
  try {
    checkNodes(parseTemplateText(text), scopes, field, out);
  } catch (e) {
    if (!(e instanceof TemplateSyntaxError)) throw e;
    out.push({ field, placeholder: e.placeholder, messageZh: e.messageZh, messageEn: e.message });
  }
}

/** Every problem of a template: malformed or unbalanced placeholders and paths the data does not have. */
export function validateTemplate(body: DocumentTemplateBody): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  checkText(body.title, [''], 'title', out);
  body.blocks.forEach((b, i) => {
    const at = `blocks.${i}`;
    switch (b.type) {
      case 'heading':
      case 'paragraph':
      case 'note':
        checkText(b.text, [''], `${at}.text`, out);
        break;
      case 'fields':
        b.rows.forEach((r, j) => {
          checkText(r.label, [''], `${at}.rows.${j}.label`, out);
          checkText(r.value, [''], `${at}.rows.${j}.value`, out);
        });
        break;
      case 'table': {
        const full = resolveKnown(b.rows, ['']);
        if (!full || DOCUMENT_FIELDS[full]?.type !== 'list') {
          out.push({
            field: `${at}.rows`,
            placeholder: b.rows,
            messageZh: `表格行数据“${b.rows}”不是已知的列表`,
            messageEn: `Table rows "${b.rows}" is not a known list`,
          });
          break;
        }
        b.columns.forEach((c, j) => checkText(c.value, ['', `${full}[]`], `${at}.columns.${j}.value`, out));
        break;
      }
      case 'signature':
        b.lines.forEach((l, j) => checkText(l, [''], `${at}.lines.${j}`, out));
        checkText(b.date, [''], `${at}.date`, out);
        break;
      case 'spacer':
      case 'signatures':
        break;
    }
  });
  return out;
}

/** The known paths a template uses (to check that the statutory contents are in it). */
export function templatePaths(body: DocumentTemplateBody): Set<string> {
  const used = new Set<string>();
  const walk = (nodes: Node[], scopes: string[]) => {
    for (const n of nodes) {
      if (n.t === 'text') continue;
      const full = resolveKnown(n.path, scopes);
      if (!full) continue;
      used.add(full);
      if (n.t === 'section') {
        const inner = n.inverted ? null : scopeOf(full);
        walk(n.children, inner ? [...scopes, inner] : scopes);
      }
    }
  };
  const text = (t: string, scopes: string[] = ['']) => {
    try {
      walk(parseTemplateText(t), scopes);
    } catch {
      // reported by validateTemplate
    }
  };
  text(body.title);
  for (const b of body.blocks) {
    if (b.type === 'heading' || b.type === 'paragraph' || b.type === 'note') text(b.text);
    else if (b.type === 'fields') b.rows.forEach((r) => (text(r.label), text(r.value)));
    else if (b.type === 'table') {
      const full = resolveKnown(b.rows, ['']);
      if (full) {
        used.add(full);
        b.columns.forEach((c) => text(c.value, ['', `${full}[]`]));
      }
    } else if (b.type === 'signature') {
      b.lines.forEach((l) => text(l));
      text(b.date);
    }
  }
  return used;
}

// ---------------------------------------------------------------------------------------------------------
// Rendering

export type RenderedBlock =
  | { type: 'heading'; text: string; align: 'left' | 'center' }
  | { type: 'paragraph'; text: string; indent: boolean; align: 'left' | 'center' | 'right'; bold: boolean }
  | { type: 'fields'; rows: { label: string; value: string }[]; columns: 1 | 2 }
  | { type: 'table'; headers: string[]; widths: number[]; rows: string[][]; empty: string }
  | { type: 'signature'; lines: string[]; date: string; seal: boolean; leaderSignature: boolean }
  | { type: 'spacer'; size: number }
  | { type: 'note'; text: string }
  | { type: 'signatures'; labels: string[] };

export type RenderedDocument = { title: string; blocks: RenderedBlock[] };

function lookup(path: string, contexts: readonly unknown[]): unknown {
  if (path === '.') return contexts[contexts.length - 1];
  const [head, ...rest] = path.split('.');
  for (let i = contexts.length - 1; i >= 0; i--) {
    const c = contexts[i];
    if (c && typeof c === 'object' && !Array.isArray(c) && Object.prototype.hasOwnProperty.call(c, head!)) {
      let v: unknown = (c as Record<string, unknown>)[head!];
      for (const k of rest) {
        v = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined;
      }
      return v;
    }
  }
  return undefined;
}

export function isTruthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return v !== undefined && v !== null && v !== false && v !== '';
}

function show(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.map(show).filter(Boolean).join('、');
  return '';
}

function renderNodes(nodes: Node[], contexts: unknown[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.value;
    else if (n.t === 'var') out += show(lookup(n.path, contexts));
    else {
      const v = lookup(n.path, contexts);
      if (n.inverted) {
        if (!isTruthy(v)) out += renderNodes(n.children, contexts);
      } else if (Array.isArray(v)) {
        for (const item of v) out += renderNodes(n.children, [...contexts, item]);
      } else if (isTruthy(v)) {
        out += renderNodes(n.children, typeof v === 'object' ? [...contexts, v] : contexts);
      }
    }
  }
  return out;
}

/** Fills one text of a template. */
export function renderText(text: string, data: unknown, contexts: unknown[] = [data]): string {
  return renderNodes(parseTemplateText(text), contexts);
}

function renderBlock(b: TemplateBlock, data: unknown): RenderedBlock | null {
  const r = (t: string) => renderText(t, data);
  switch (b.type) {
    case 'heading': {
      const text = r(b.text).trim();
      return text ? { type: 'heading', text, align: b.align ?? 'left' } : null;
    }
    case 'paragraph': {
      const text = r(b.text).trim();
      return text ? { type: 'paragraph', text, indent: b.indent ?? true, align: b.align ?? 'left', bold: b.bold ?? false } : null;
    }
    case 'note': {
      const text = r(b.text).trim();
      return text ? { type: 'note', text } : null;
    }
    case 'fields':
      return {
        type: 'fields',
        rows: b.rows.map((row) => ({ label: r(row.label).trim(), value: r(row.value).trim() })),
        columns: b.columns ?? 1,
      };
    case 'table': {
      const items = lookup(b.rows, [data]);
      const list = Array.isArray(items) ? items : [];
      return {
        type: 'table',
        headers: b.columns.map((c) => c.header),
        widths: b.columns.map((c) => c.width ?? 1),
        rows: list.map((item) => b.columns.map((c) => renderText(c.value, data, [data, item]).trim())),
        empty: b.empty ?? '无',
      };
    }
    case 'signature':
      return {
        type: 'signature',
        lines: b.lines.map(r).filter((l) => l.trim() !== ''),
        date: r(b.date),
        seal: b.seal,
        leaderSignature: b.leaderSignature ?? false,
      };
    case 'spacer':
      return { type: 'spacer', size: b.size ?? 12 };
    case 'signatures':
      return { type: 'signatures', labels: [...b.labels] };
  }
}

/**
 * The template filled with the data: placeholders replaced, sections expanded, and paragraphs, headings and notes
 * that came out empty dropped (a section that did not apply leaves no blank line).
 */
export function renderTemplate(body: DocumentTemplateBody, data: unknown): RenderedDocument {
  return {
    title: renderText(body.title, data).trim(),
    blocks: body.blocks.map((b) => renderBlock(b, data)).filter((b): b is RenderedBlock => b !== null),
  };
}
