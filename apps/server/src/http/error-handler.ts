import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { INPUT_DATE_MAX, INPUT_DATE_MIN, isSingleLineText } from '@chengguan/contracts';
import { AppError, type AppErrorCode, type ErrorDetail } from '../errors/app-error.ts';

type AjvError = {
  instancePath?: string;
  keyword: string;
  params?: Record<string, unknown>;
  message?: string;
  /** The rejected value (Ajv's `verbose`). */
  data?: unknown;
};

const KEYWORD_ZH: Record<string, string> = {
  required: '为必填项',
  pattern: '格式不正确',
  format: '格式不正确',
  minLength: '长度过短',
  maxLength: '长度过长',
  minimum: '数值过小',
  maximum: '数值过大',
  exclusiveMinimum: '数值过小',
  exclusiveMaximum: '数值过大',
  type: '类型不正确',
  enum: '取值不在允许范围内',
  const: '取值不在允许范围内',
  anyOf: '取值不在允许范围内',
  minItems: '至少需要选择一项',
  maxItems: '项数过多',
  uniqueItems: '存在重复项',
  additionalProperties: '不允许的字段',
  discriminator: '取值不在允许范围内',
  propertyNames: '字段名不符合要求',
};

/** A rejected value worth repeating in the message: short, printable text (a date, a code), never free text. */
function quoted(data: unknown): string | null {
  return typeof data === 'string' && data.length <= 40 && isSingleLineText(data) ? data : null;
}

const DATE_RANGE = `${INPUT_DATE_MIN} … ${INPUT_DATE_MAX}`;

/** The formats of packages/contracts/src/formats.ts, said the way a user can act on. */
const FORMAT_TEXT: Record<string, (data: unknown) => { zh: string; en: string }> = {
  text: () => ({ zh: '含有控制字符等不允许的字符', en: 'must not contain control characters' }),
  'multiline-text': () => ({
    zh: '含有控制字符等不允许的字符',
    en: 'must not contain control characters (tab and line breaks are allowed)',
  }),
  uuid: () => ({ zh: '不是有效的标识（UUID）', en: 'must be a UUID' }),
  date: (data) => {
    const v = quoted(data);
    return {
      zh: `${v === null ? '日期' : `日期「${v}」`}不存在或格式错误（YYYY-MM-DD，${DATE_RANGE}）`,
      en: `${v === null ? 'is' : `"${v}" is`} not an existing date (YYYY-MM-DD, ${DATE_RANGE})`,
    };
  },
  'date-time': (data) => {
    const v = quoted(data);
    return {
      zh: `${v === null ? '时间' : `时间「${v}」`}不存在或格式错误（RFC 3339，含时区）`,
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
    details.push({
      field,
      message: format?.zh ?? KEYWORD_ZH[keyword] ?? '不符合要求',
      messageEn: format?.en ?? e.message ?? 'is invalid',
    });
  }
  const first = details[0] ?? { field: context, message: '不符合要求', messageEn: 'is invalid' };
  return new AppError(onlyDates && details.length ? 'INVALID_DATE' : 'VALIDATION_FAILED', {
    field: first.field,
    message: details.map((d) => `${d.field}：${d.message}`).join('；'),
    messageEn: details.map((d) => `${d.field}: ${d.messageEn}`).join('; '),
    details,
  });
}

/** Fastify's own refusals (before any route code runs), each as a coded error naming what was wrong. */
const FRAMEWORK_ERRORS: Record<string, { code: AppErrorCode; field: string; zh: string; en: string }> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'VALIDATION_FAILED', field: 'body', zh: '请求体为空', en: 'the JSON body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'VALIDATION_FAILED',
    field: 'body',
    zh: '请求体不是有效的 JSON',
    en: 'the body is not valid JSON',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'VALIDATION_FAILED',
    field: 'content-length',
    zh: '与请求体长度不符',
    en: 'does not match the body',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    field: 'content-type',
    zh: '不支持该内容类型（JSON 请使用 application/json）',
    en: 'is not accepted here (JSON is application/json)',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', field: 'body', zh: '请求体过大', en: 'the body is too large' },
  FST_ERR_BAD_URL: {
    code: 'VALIDATION_FAILED',
    field: 'url',
    zh: '请求地址含有无效的编码',
    en: 'the address is not valid percent-encoded UTF-8',
  },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'URI_TOO_LONG', field: 'url', zh: '请求地址中的参数过长', en: 'a path parameter is too long' },
};

function frameworkError(fe: FastifyError): AppError | null {
  const known = fe.code ? FRAMEWORK_ERRORS[fe.code] : undefined;
  if (known)
    return new AppError(known.code, {
      field: known.field,
      message: `${known.field}：${known.zh}`,
      messageEn: `${known.field}: ${known.en}`,
    });
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Any other refusal of the request as sent: the client's fault, named as the body.
    return new AppError('VALIDATION_FAILED', {
      field: 'body',
      message: `body：请求无法解析（${fe.code ?? fe.statusCode}）`,
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
