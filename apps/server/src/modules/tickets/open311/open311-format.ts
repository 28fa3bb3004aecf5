// The two response formats of GeoReport v2 (XML required, JSON optional; both offered here) and its error format:
// an array of {code, description} in JSON, <errors><error><code/><description/></error></errors> in XML, sent with the
// HTTP status the specification names (400 bad or missing parameter, 403 bad api_key, 404 unknown id or code).
import type { FastifyReply } from 'fastify';

export type Open311Format = 'json' | 'xml';

/** A value of an answer: text, a number, a flag, nothing, a record, or a list (its items named in XML). */
export type Open311Value = string | number | boolean | null | Open311Record | Open311List;
export type Open311Record = { [name: string]: Open311Value };
export type Open311List = { item: string; items: Open311Value[] };

/** A list in the answer: JSON sees an array, XML a wrapper with one `item` element per entry. */
export const list = (item: string, items: Open311Value[]): Open311List => ({ item, items });

const isList = (v: Open311Value): v is Open311List =>
  typeof v === 'object' && v !== null && 'item' in v && 'items' in v && Array.isArray((v as Open311List).items);

/** A thrown refusal in the specification's terms; the routes answer it in the requested format. */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly errors: { code: number; description: string }[],
  ) {
    super(errors.map((e) => e.description).join('; '));
  }
}

/** One refusal: the description names the parameter and the rule, in Chinese and in English. */
export function open311Error(status: number, zh: string, en: string): Open311Error {
  return new Open311Error(status, [{ code: status, description: `${zh} / ${en}` }]);
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// Characters XML 1.0 cannot carry at all (C0 controls other than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF).
const XML_INVALID =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escapeXml(text: string): string {
  return text.replace(XML_INVALID, '\ufffd').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

function xmlElement(name: string, value: Open311Value): string {
  if (value === null || value === '') return `<${name}/>`;
  if (isList(value)) return `<${name}>${value.items.map((v) => xmlElement(value.item, v)).join('')}</${name}>`;
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => xmlElement(k, v))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** The XML document: declaration with UTF-8 (the specification requires it), one root element. */
export function toXml(root: string, value: Open311Value): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xmlElement(root, value)}\n`;
}

/** The JSON form of the same value: lists become arrays, the root element's name is dropped. */
export function toJsonValue(value: Open311Value): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isList(value)) return value.items.map(toJsonValue);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(v)]));
}

const CONTENT_TYPE: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

export function send(reply: FastifyReply, format: Open311Format, root: string, value: Open311Value, status = 200): FastifyReply {
  reply.code(status).type(CONTENT_TYPE[format]);
  return reply.send(format === 'xml' ? toXml(root, value) : JSON.stringify(toJsonValue(value)));
}

export function sendError(reply: FastifyReply, format: Open311Format, error: Open311Error): FastifyReply {
  return send(
    reply,
    format,
    'errors',
    list(
      'error',
      error.errors.map((e) => ({ code: e.code, description: e.description })),
    ),
    error.status,
  );
}

/** The format a path asks for: `.json` or `.xml`; anything else is a 400 in XML (the format every client reads). */
export function formatOf(raw: string | undefined): Open311Format {
  if (raw === 'json' || raw === 'xml') return raw;
  throw open311Error(400, `不支持的格式“${raw ?? ''}”，请用 .xml 或 .json`, `format: "${raw ?? ''}" is not offered; use .xml or .json`);
}
