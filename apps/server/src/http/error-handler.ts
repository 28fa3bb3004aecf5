import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorDetail } from '../errors/app-error.ts';

type AjvError = {
  instancePath?: string;
  keyword: string;
  params?: Record<string, unknown>;
  message?: string;
};

const KEYWORD_ZH: Record<string, string> = {
  required: '为必填项',
  pattern: '格式不正确',
  format: '格式不正确',
  minLength: '长度过短',
  maxLength: '长度过长',
  minimum: '数值过小',
  maximum: '数值过大',
  type: '类型不正确',
  enum: '取值不在允许范围内',
  const: '取值不在允许范围内',
  anyOf: '取值不在允许范围内',
  minItems: '至少需要选择一项',
  uniqueItems: '存在重复项',
  additionalProperties: '不允许的字段',
};

function fieldOf(e: AjvError, context: string): string {
  const path = (e.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  if (e.keyword === 'required' && typeof e.params?.missingProperty === 'string') {
    return path ? `${path}.${e.params.missingProperty}` : e.params.missingProperty;
  }
  return path || context;
}

/** Turns schema-validation failures into one 400 that names every offending field. */
export function validationError(errors: AjvError[], context: string): AppError {
  // anyOf over literals reports one error per branch; keep one line per field.
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const e of errors) {
    const field = fieldOf(e, context);
    if (seen.has(field)) continue;
    seen.add(field);
    const keyword = e.keyword === 'const' || e.keyword === 'enum' ? 'anyOf' : e.keyword;
    details.push({ field, message: KEYWORD_ZH[keyword] ?? '不符合要求', messageEn: e.message ?? 'is invalid' });
  }
  const first = details[0] ?? { field: context, message: '不符合要求', messageEn: 'is invalid' };
  return new AppError('VALIDATION_FAILED', {
    field: first.field,
    message: details.map((d) => `${d.field}：${d.message}`).join('；'),
    messageEn: details.map((d) => `${d.field}: ${d.messageEn}`).join('; '),
    details,
  });
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
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send(new AppError('PAYLOAD_TOO_LARGE').toBody(correlationId));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Malformed JSON, a wrong content type and the like: the client's fault, named as the body.
      const e = new AppError('VALIDATION_FAILED', {
        field: 'body',
        message: `body：请求体无法解析（${fe.code ?? fe.statusCode}）`,
        messageEn: `body: the request body cannot be parsed (${fe.code ?? fe.statusCode})`,
      });
      return reply.status(400).send(e.toBody(correlationId));
    }
    request.log.error({ err, correlationId }, 'unhandled error');
    return reply.status(500).send(new AppError('INTERNAL').toBody(correlationId));
  });
}
