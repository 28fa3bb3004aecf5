/**
 * One coded error type for the whole platform. The table below is exhaustive: adding a code
 * without its HTTP status and its zh/en messages does not compile.
 */
import { labelled } from './field-labels.ts';

export type ErrorDetail = { field: string; message: string; messageEn: string };

type ErrorSpec = { status: number; zh: string; en: string };

export const ERROR_TABLE = {
  VALIDATION_FAILED: { status: 400, zh: '请求参数不符合要求', en: 'The request is invalid' },
  INVALID_DATE: { status: 400, zh: '日期不存在或格式错误', en: 'The date does not exist or is malformed' },
  PASSWORD_POLICY: { status: 400, zh: '密码不符合密码策略', en: 'The password does not meet the password policy' },
  AUTH_REQUIRED: { status: 401, zh: '请先登录', en: 'Please log in' },
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  AUTH_TOTP_REQUIRED: { status: 401, zh: '请输入动态验证码', en: 'Enter the one-time code' },
  AUTH_TOTP_INVALID: { status: 401, zh: '动态验证码错误', en: 'The one-time code is wrong' },
  AUTH_SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'The session has expired; log in again' },
  AUTH_WRONG_PASSWORD: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  FORBIDDEN: { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  ROLE_NOT_GRANTABLE: { status: 403, zh: '无权授予或撤销该角色', en: 'You may not grant or revoke this role' },
  CROSS_SITE_REQUEST: {
    status: 403,
    zh: '请求不是从本平台页面发出的，已拒绝',
    en: 'Refused: the request does not come from this platform’s own pages',
  },
  NOT_FOUND: { status: 404, zh: '对象不存在', en: 'Not found' },
  DUPLICATE: { status: 409, zh: '已存在相同的记录', en: 'A record with the same value exists' },
  STATE_CONFLICT: { status: 409, zh: '对象状态已变化，请刷新后重试', en: 'The record changed meanwhile; reload and retry' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, zh: '相同幂等键的请求正在处理中', en: 'A request with this Idempotency-Key is in progress' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    zh: '幂等键已用于另一个不同的请求',
    en: 'This Idempotency-Key was used for a different request',
  },
  CREDENTIAL_NOT_VALID: {
    status: 403,
    zh: '执法证不在有效期内，离线记录未提交，请移交其他执法人员',
    en: 'Your enforcement credential is not valid; the offline record was not sent. Hand it over to another officer',
  },
  FILE_HASH_MISMATCH: {
    status: 422,
    zh: '文件内容与拍摄时计算的 SM3 不符，未保存',
    en: 'The file’s bytes do not match the SM3 computed at capture; nothing was stored',
  },
  RULE_VIOLATION: { status: 422, zh: '违反法定规则', en: 'A legal rule forbids this' },
  POINT_OUTSIDE_CITY: { status: 422, zh: '地点坐标不在本市范围内', en: 'The point lies outside the city' },
  POINT_OUTSIDE_BUREAU: { status: 422, zh: '地点不在本单位辖区内', en: 'The point lies outside the bureau’s area' },
  SUBJECT_INVALID: { status: 422, zh: '执法对象信息有误', en: 'The subject record is invalid' },
  CASE_ACTION_NOT_IN_STATE: { status: 409, zh: '案件当前状态不能执行该操作', en: 'The case is not in a state that allows this action' },
  CASE_ACTION_WRONG_PROCEDURE: { status: 409, zh: '该操作不适用于本案的程序', en: 'The action does not belong to the case procedure' },
  VERSIONS_OVERLAP: { status: 400, zh: '同一条目的版本有效期重叠', en: 'Versions of the same entry overlap' },
  VERSION_DATES_INVALID: { status: 400, zh: '失效（废止）日期早于生效日期', en: 'The end (repeal) date is before the effective date' },
  TIER_OUTSIDE_STATUTORY_RANGE: { status: 400, zh: '裁量阶次超出法定幅度', en: 'A discretion tier lies outside the statutory range' },
  FINE_OUTSIDE_RANGE: { status: 400, zh: '罚款数额超出裁量幅度', en: 'The fine lies outside the range' },
  IMPORT_REJECTED: { status: 422, zh: '导入文件有错误，未写入任何数据', en: 'The import file has errors; nothing was written' },
  AUTH_LOCKED: { status: 423, zh: '账户已锁定，请稍后再试或联系管理员', en: 'The account is locked; try later or ask an administrator' },
  EXPIRED: { status: 410, zh: '已过期，请重新获取', en: 'This has expired; ask for a new one' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求内容过大', en: 'The request is too large' },
  URI_TOO_LONG: { status: 414, zh: '请求地址过长', en: 'The request address is too long' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的请求内容类型', en: 'The content type is not supported' },
  FILE_TYPE_REFUSED: { status: 415, zh: '不允许上传此类型的文件', en: 'This type of file may not be uploaded' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁', en: 'Too many requests' },
  THROTTLED: { status: 429, zh: '失败或请求次数过多，请稍后再试', en: 'Too many attempts; try again later' },
  EXCHANGE_SIGNATURE_INVALID: {
    status: 401,
    zh: '工单交换报文签名验证失败（签名、时间戳或随机串不符）',
    en: 'The exchange message signature is invalid (signature, timestamp or nonce)',
  },
  EXCHANGE_REPLAYED: {
    status: 401,
    zh: '工单交换报文重复提交（随机串已使用），已拒绝',
    en: 'Replayed exchange message (nonce already used)',
  },
  EXCHANGE_NOT_CONFIGURED: { status: 409, zh: '未启用工单交换（12345 / 城运）', en: 'The ticket exchange is not configured' },
  PAYMENT_NOT_PAYABLE: { status: 409, zh: '当前不能缴款', en: 'Nothing can be paid now' },
  PAYMENT_SIGNATURE_INVALID: { status: 400, zh: '支付通知签名验证失败', en: 'The payment notification signature is invalid' },
  PAYMENT_PROVIDER_NOT_CONFIGURED: {
    status: 409,
    zh: '未配置在线缴款渠道，请凭缴款码到银行缴纳',
    en: 'No payment provider is configured; pay at a bank with the payment code',
  },
  PAYMENT_CHECKOUT_CLOSED: {
    status: 410,
    zh: '该支付单已作废（已发起新的缴款），不能再支付',
    en: 'This checkout was cancelled (a newer one replaced it) and cannot be paid',
  },
  PAYMENT_REFUND_FAILED: { status: 409, zh: '渠道退款未成功', en: 'The provider did not refund' },
  PAYMENT_IN_PROGRESS: {
    status: 409,
    zh: '上一笔支付已在渠道完成，正在等待到账通知，请勿重复缴款',
    en: 'The previous checkout was paid at the provider; its notification is on the way. Do not pay again',
  },
  FILE_INTEGRITY_FAILED: {
    status: 500,
    zh: '存储的文件已损坏或被篡改（SM3 校验不符），已登记并通知管理员，请勿使用',
    en: 'The stored file is damaged or was altered (its SM3 does not match); it was flagged for the administrators',
  },
  NOT_SAVED: { status: 503, zh: '保存未成功，未写入任何数据，请重试', en: 'The write was not saved; nothing was stored. Retry' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, ErrorSpec>;

export type AppErrorCode = keyof typeof ERROR_TABLE;

export type AppErrorOptions = {
  /** A zh-CN message more specific than the table's. */
  message?: string;
  messageEn?: string;
  field?: string;
  /** Rule ID and article, e.g. 'A1 行政处罚法第四十二条'. */
  rule?: string;
  details?: ErrorDetail[];
  /** For a refusal that ends at a known time (429): sent as the Retry-After header. */
  retryAfterSeconds?: number;
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly field: string | undefined;
  readonly rule: string | undefined;
  readonly details: ErrorDetail[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: AppErrorCode, options: AppErrorOptions = {}) {
    const spec = ERROR_TABLE[code];
    super(options.messageEn ?? spec.en);
    this.name = 'AppError';
    this.code = code;
    this.status = spec.status;
    this.messageZh = options.message ?? spec.zh;
    this.messageEn = options.messageEn ?? spec.en;
    this.field = options.field;
    this.rule = options.rule;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  toBody(correlationId?: string): Record<string, unknown> {
    return {
      code: this.code,
      message: this.messageZh,
      messageEn: this.messageEn,
      ...(this.field ? { field: this.field } : {}),
      ...(this.rule ? { rule: this.rule } : {}),
      ...(this.details ? { details: this.details } : {}),
      ...(correlationId ? { correlationId } : {}),
    };
  }
}

/** A 400 naming one field. */
export function fieldError(field: string, zh: string, en: string, code: AppErrorCode = 'VALIDATION_FAILED'): AppError {
  const said = labelled(field, zh, en);
  return new AppError(code, {
    field,
    message: said.zh,
    messageEn: said.en,
    details: [{ field, message: said.zh, messageEn: said.en }],
  });
}
