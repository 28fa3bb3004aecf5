import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { INPUT_DATE_MAX, INPUT_DATE_MIN, isSingleLineText } from '@chengguan/contracts';
import { yuanText } from '@chengguan/domain';
import { AppError, type AppErrorCode, type ErrorDetail } from '../errors/app-error.ts';
import { labelled } from '../errors/field-labels.ts';

type AjvError = {
  instancePath?: string;
  keyword: string;
  params?: Record<string, unknown>;
  message?: string;
  /** The rejected value (Ajv's `verbose`). */
  data?: unknown;
};

type Limit = { zh: string; en: string } | null;

/** What is wrong and what to do, per failed schema keyword; `n` is the schema's bound (in 元 for amounts). */
export const KEYWORD_TEXT: Record<string, (n: Limit) => { zh: string; en: string }> = {
  required: () => ({ zh: '未填写，请填写后再提交', en: 'is missing; fill it in' }),
  pattern: () => ({ zh: '格式不正确，请按提示的格式填写', en: 'is not in the expected form; follow the hint' }),
  format: () => ({ zh: '格式不正确，请按提示的格式填写', en: 'is not in the expected form; follow the hint' }),
  minLength: (n) => ({
    zh: `过短${n ? `（至少 ${n.zh} 个字符）` : ''}，请补充完整`,
    en: `is too short${n ? ` (at least ${n.en} characters)` : ''}`,
  }),
  maxLength: (n) => ({
    zh: `过长${n ? `（最多 ${n.zh} 个字符）` : ''}，请删减`,
    en: `is too long${n ? ` (at most ${n.en} characters)` : ''}`,
  }),
  minimum: (n) => ({ zh: `${n ? `不能小于 ${n.zh}` : '数值过小'}，请重新填写`, en: n ? `must be at least ${n.en}` : 'is too small' }),
  maximum: (n) => ({ zh: `${n ? `不能大于 ${n.zh}` : '数值过大'}，请重新填写`, en: n ? `must be at most ${n.en}` : 'is too large' }),
  exclusiveMinimum: (n) => ({
    zh: `${n ? `须大于 ${n.zh}` : '数值过小'}，请重新填写`,
    en: n ? `must be more than ${n.en}` : 'is too small',
  }),
  exclusiveMaximum: (n) => ({
    zh: `${n ? `须小于 ${n.zh}` : '数值过大'}，请重新填写`,
    en: n ? `must be less than ${n.en}` : 'is too large',
  }),
  type: () => ({ zh: '类型不正确，请重新填写', en: 'has the wrong type' }),
  anyOf: () => ({ zh: '取值不在允许范围内，请从列表中选择', en: 'is not one of the allowed values; choose one from the list' }),
  minItems: (n) => ({ zh: `至少需要 ${n?.zh ?? '1'} 项，请补充`, en: `needs at least ${n?.en ?? '1'} item(s)` }),
  maxItems: (n) => ({ zh: `项数过多${n ? `（最多 ${n.zh} 项）` : ''}，请删减`, en: `has too many items${n ? ` (at most ${n.en})` : ''}` }),
  uniqueItems: () => ({ zh: '有重复的项，请删除重复项', en: 'has duplicate items; remove them' }),
  additionalProperties: () => ({ zh: '含有不接受的内容，请删除后再提交', en: 'contains a property that is not accepted' }),
  discriminator: () => ({ zh: '取值不在允许范围内，请从列表中选择', en: 'is not one of the allowed values' }),
  propertyNames: () => ({ zh: '含有不接受的名称', en: 'has a name that is not accepted' }),
};

/** The bound a keyword failed on, as a person reads it: amounts (fields ending in Fen) in 元. */
function limitText(e: AjvError, field: string): Limit {
  const limit = e.params?.limit;
  if (typeof limit !== 'number') return null;
  if (!/Fen$/.test(field) || !Number.isSafeInteger(limit)) return { zh: String(limit), en: String(limit) };
  const yuan = yuanText(limit);
  return { zh: `${yuan} 元`, en: `${yuan} yuan` };
}

/** A rejected value worth repeating in the message: short, printable text (a date, a code), never free text. */
function quoted(data: unknown): string | null {
  return typeof data === 'string' && data.length <= 40 && isSingleLineText(data) ? data : null;
}

const DATE_RANGE = `${INPUT_DATE_MIN} … ${INPUT_DATE_MAX}`;
const DATE_RANGE_ZH = `${INPUT_DATE_MIN}至${INPUT_DATE_MAX}`;

/** The formats of packages/contracts/src/formats.ts, said the way a user can act on. */
export const FORMAT_TEXT: Record<string, (data: unknown) => { zh: string; en: string }> = {
  text: () => ({ zh: '含有控制字符等不允许的字符，请删除后重新填写', en: 'must not contain control characters' }),
  'multiline-text': () => ({
    zh: '含有控制字符等不允许的字符，请删除后重新填写',
    en: 'must not contain control characters (tab and line breaks are allowed)',
  }),
  uuid: () => ({ zh: '不是有效的编号，请从列表或链接重新打开', en: 'is not a valid ID (a UUID); open it again from a list or link' }),
  date: (data) => {
    const v = quoted(data);
    return {
      zh: `${v === null ? '日期' : `日期「${v}」`}不存在或格式错误，请按“2026-01-31”的格式填写${DATE_RANGE_ZH}内的日期`,
      en: `${v === null ? 'is' : `"${v}" is`} not an existing date (YYYY-MM-DD, ${DATE_RANGE})`,
    };
  },
  'date-time': (data) => {
    const v = quoted(data);
    return {
      zh: `${v === null ? '时间' : `时间「${v}」`}不存在或格式错误，请重新选择日期和时间`,
      en: `${v === null ? 'is' : `"${v}" is`} not an existing date and time (RFC 3339 with its offset)`,
    };
  },
};

const DATE_FORMATS = new Set(['date', 'date-time']);

function fieldOf(e: AjvError, context: string): string {
  const path = (e.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  if (e.keyword === 'required' && typeof e.params?.missingProperty === 'string') {
    return path ? `${path}.${e.params.missingProperty}` : e.params.missingProperty;
  }
  // A union told apart by a literal property (a template block's `type`): the property is what is wrong.
  if (e.keyword === 'discriminator' && typeof e.params?.tag === 'string') return path ? `${path}.${e.params.tag}` : e.params.tag;
  return path || context;
}

/**
 * Turns schema-validation failures into one 400 that names every offending field. A date that does not exist is
 * INVALID_DATE (as where a use-case finds one); any other failure, or a mix, is VALIDATION_FAILED.
 */
export function validationError(errors: AjvError[], context: string): AppError {
  // anyOf over literals reports one error per branch; keep one line per field.
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  let onlyDates = true;
  for (const e of errors) {
    const field = fieldOf(e, context);
    if (seen.has(field)) continue;
    seen.add(field);
    const format = e.keyword === 'format' ? FORMAT_TEXT[String(e.params?.format)]?.(e.data) : undefined;
    onlyDates &&= e.keyword === 'format' && DATE_FORMATS.has(String(e.params?.format));
    const keyword = e.keyword === 'const' || e.keyword === 'enum' ? 'anyOf' : e.keyword;
    const text = format ??
      KEYWORD_TEXT[keyword]?.(limitText(e, field)) ?? { zh: '不符合要求，请检查后重新填写', en: e.message ?? 'is invalid' };
    const said = labelled(field, text.zh, text.en);
    details.push({ field, message: said.zh, messageEn: said.en });
  }
  const first = details[0] ?? { field: context, ...labelled(context, '不符合要求，请检查后重新填写', 'is invalid') };
  return new AppError(onlyDates && details.length ? 'INVALID_DATE' : 'VALIDATION_FAILED', {
    field: first.field,
    message: details.map((d) => d.message).join('；'),
    messageEn: details.map((d) => d.messageEn).join('; '),
    details,
  });
}

/** Fastify's own refusals (before any route code runs), each as a coded error naming what was wrong. */
export const FRAMEWORK_ERRORS: Record<string, { code: AppErrorCode; field: string; zh: string; en: string }> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'VALIDATION_FAILED',
    field: 'body',
    zh: '提交的内容为空，请填写后再提交',
    en: 'the JSON body is empty',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'VALIDATION_FAILED',
    field: 'body',
    zh: '提交的内容无法解析，请刷新页面后重试',
    en: 'the body is not valid JSON',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'VALIDATION_FAILED',
    field: 'content-length',
    zh: '与提交的内容不符，请重试',
    en: 'does not match the body',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    field: 'content-type',
    zh: '不被接受，请通过本系统页面提交',
    en: 'is not accepted here (JSON is application/json)',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'PAYLOAD_TOO_LARGE',
    field: 'body',
    zh: '提交的内容过大，请减小后再提交',
    en: 'the body is too large',
  },
  FST_ERR_BAD_URL: {
    code: 'VALIDATION_FAILED',
    field: 'url',
    zh: '含有无效的字符，请检查链接是否完整',
    en: 'the address is not valid percent-encoded UTF-8',
  },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'URI_TOO_LONG', field: 'url', zh: '过长，请检查链接是否完整', en: 'a path parameter is too long' },
};

function frameworkError(fe: FastifyError): AppError | null {
  const known = fe.code ? FRAMEWORK_ERRORS[fe.code] : undefined;
  if (known)
    return new AppError(known.code, {
      field: known.field,
      message: labelled(known.field, known.zh, known.en).zh,
      messageEn: labelled(known.field, known.zh, known.en).en,
    });
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Any other refusal of the request as sent: the client's fault, named as the body.
    return new AppError('VALIDATION_FAILED', {
      field: 'body',
      message: `提交的内容无法解析（错误代码 ${fe.statusCode}），请刷新页面后重试`,
      messageEn: `body: the request cannot be parsed (${fe.code ?? fe.statusCode})`,
    });
  }
  return null;
}

/** Fastify's `frameworkErrors`: a malformed or over-long address, answered before routing, in the one error body. */
export function answerFrameworkError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const e = frameworkError(err) ?? new AppError('INTERNAL');
  if (e.status >= 500) request.log.error({ err, correlationId: String(request.id) }, 'framework error');
  void reply.status(e.status).send(e.toBody(String(request.id)));
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    const correlationId = String(request.id);
    if (err instanceof AppError) {
      if (err.status >= 500) request.log.error({ err, correlationId }, 'app error');
      if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(err.retryAfterSeconds));
      return reply.status(err.status).send(err.toBody(correlationId));
    }
    const fe = err as FastifyError & { validation?: AjvError[]; validationContext?: string };
    if (fe.validation) {
      return reply.status(400).send(validationError(fe.validation, fe.validationContext ?? 'body').toBody(correlationId));
    }
    const known = frameworkError(fe);
    if (known) return reply.status(known.status).send(known.toBody(correlationId));
    request.log.error({ err, correlationId }, 'unhandled error');
    return reply.status(500).send(new AppError('INTERNAL').toBody(correlationId));
  });
}
