// The audit log's machine names (`auth.login`, `session`) as a reader knows them (docs/ui-text.md). The codes stay
// in the data and in a hover; the table shows these names. Presentation only: nothing here decides anything.
import { CASE_ACTIONS } from '@chengguan/domain/vocabulary';
import type { Translate } from '../../i18n/i18n.tsx';

type Names = Readonly<Record<string, readonly [zh: string, en: string]>>;

/** Whole action names. */
const ACTIONS: Names = {
  'auth.login': ['登录', 'Signed in'],
  'auth.login_failed': ['登录失败', 'Sign-in failed'],
  'auth.login_refused_locked': ['登录被拒（账户已锁定）', 'Sign-in refused (locked)'],
  'auth.logout': ['退出登录', 'Signed out'],
  'auth.password_change': ['修改密码', 'Password changed'],
  'auth.totp_disable': ['关闭动态验证码', 'One-time codes turned off'],
  'auth.totp_enable': ['启用动态验证码', 'One-time codes turned on'],
  'auth.totp_setup': ['设置动态验证码', 'One-time codes set up'],
  'audit.checkpoint': ['审计链锚定', 'Audit chain anchored'],
  'audit.verify': ['校验审计链', 'Audit chain verified'],
  'case.doc_pattern': ['设置文书编号规则', 'Document number pattern set'],
  'case.recusal': ['回避', 'Recusal'],
  'case.ticket_range': ['分配简易程序票据号段', 'Ticket number range assigned'],
  'case.enforcementAwaitingReminder': ['案件转入待催告', 'Case awaits a reminder'],
  recusal: ['回避', 'Recusal'],
  'credential.create': ['录入执法证', 'Credential added'],
  'disclosure.create': ['安排公示', 'Publication scheduled'],
  'disclosure.record_change': ['公示变更', 'Publication changed'],
  'document.issue': ['制作文书', 'Document issued'],
  'document.settings.image_upload': ['上传印章或签名图片', 'Seal or signature uploaded'],
  'document.settings.save': ['保存文书设置', 'Document settings saved'],
  'document.template.revert': ['恢复文书模板', 'Template reverted'],
  'document.template.save': ['保存文书模板', 'Template saved'],
  'document.withdraw': ['撤回文书', 'Document withdrawn'],
  'enforcement.courtPackage': ['生成申请法院强制执行材料', 'Court enforcement package made'],
  'enforcement.reminderIssued': ['制作催告书', 'Reminder issued'],
  'file.integrity_failure': ['文件校验不符', 'File integrity failure'],
  'file.scrub_done': ['文件巡检完成', 'File check finished'],
  'file.scrub_start': ['文件巡检开始', 'File check started'],
  'file.upload': ['上传文件', 'File uploaded'],
  'generate.batch': ['生成演示数据（批次）', 'Demo data batch generated'],
  'generate.city': ['生成演示数据', 'Demo data generated'],
  'law.calendar_override.delete': ['删除工作日历调整', 'Calendar adjustment removed'],
  'law.calendar_override.set': ['调整工作日历', 'Calendar adjusted'],
  'law.config.create': ['新增法定参数版本', 'Legal configuration version added'],
  'officer.create': ['新增人员', 'Officer added'],
  'officer.roles_change': ['调整角色', 'Roles changed'],
  'officer.roles_refused': ['调整角色被拒', 'Role change refused'],
  'officer.unlock': ['解除账户锁定', 'Account unlocked'],
  'officer.update': ['修改人员信息', 'Officer updated'],
  'org.create': ['新增机构', 'Unit added'],
  'org.update': ['修改机构', 'Unit updated'],
  'party_confirmation.confirm': ['当事人确认', 'Party confirmed'],
  'party_confirmation.create': ['发起当事人确认', 'Party confirmation requested'],
  'payment.callback.rejected': ['支付回调被拒', 'Payment callback rejected'],
  'payment.cash.deposit': ['现金存入银行', 'Cash deposited'],
  'payment.cash.hand_in': ['现金上交', 'Cash handed in'],
  'payment.checkout': ['发起缴款', 'Checkout started'],
  'payment.deferral.apply': ['申请延期或分期缴纳', 'Deferral applied for'],
  'payment.mismatch.resolve': ['处理对账差异', 'Mismatch resolved'],
  'inspection_plan.approve': ['审批双随机抽查计划', 'Inspection plan approved'],
  'inspection_plan.create': ['制定双随机抽查计划', 'Inspection plan created'],
  'inspection_plan.draw': ['双随机抽取', 'Inspection plan drawn'],
  'inspection_plan.quarterly': ['生成季度抽查计划', 'Quarterly inspection plans made'],
  'inspection_plan.reopen': ['退回双随机抽查计划', 'Inspection plan sent back to draft'],
  'inspection_plan.submit': ['提交双随机抽查计划', 'Inspection plan submitted'],
  'inspection_plan.update': ['修改双随机抽查计划', 'Inspection plan edited'],
  'payment.overpayment.refunded': ['退还多缴款项', 'Overpayment refunded'],
  'payment.reconcile': ['每日对账', 'Daily reconciliation'],
  'payment.refund.request': ['申请退款', 'Refund requested'],
  'payment.sandbox.pay': ['模拟支付', 'Simulated payment'],
  'portal.code_request': ['当事人获取验证码', 'Party requested a code'],
  'portal.citizen_code_request': ['市民获取验证码', 'Citizen requested a code'],
  'portal.citizen_login': ['市民登录', 'Citizen signed in'],
  'portal.citizen_file_upload': ['市民上传照片', 'Citizen uploaded a photo'],
  'ticket.citizen_rating': ['市民回访评价', 'Citizen rated a ticket'],
  'portal.file_upload': ['当事人上传文件', 'Party uploaded a file'],
  'portal.login': ['当事人登录', 'Party signed in'],
  'portal.statement': ['当事人提交陈述申辩', 'Party made a statement'],
  'portal.hearing_request': ['当事人申请听证', 'Party requested a hearing'],
  'portal.service_consent': ['当事人同意电子送达', 'Party consented to electronic service'],
  'seed.demo': ['载入演示数据', 'Demo data loaded'],
  'seed.law': ['载入法规库初始内容', 'Law library starter content loaded'],
  'service.complete': ['送达完成', 'Service completed'],
  'service.record': ['登记送达', 'Service recorded'],
  'throttle.engaged': ['触发访问频率限制', 'Rate limit engaged'],
};

/** Objects (entity types, and the first part of a dotted action). */
const OBJECTS: Names = {
  audit_log: ['审计日志', 'Audit log'],
  case: ['案件', 'Case'],
  inspection_plan: ['双随机抽查计划', 'Inspection plan'],
  cash_receipt: ['现金收据', 'Cash receipt'],
  credential: ['执法证', 'Credential'],
  disclosure: ['公示', 'Publication'],
  doc_number_pattern: ['文书编号规则', 'Document number pattern'],
  document: ['文书', 'Document'],
  document_settings: ['文书设置', 'Document settings'],
  document_template: ['文书模板', 'Document template'],
  file: ['文件', 'File'],
  file_scrub_run: ['文件巡检', 'File check'],
  officer: ['人员', 'Officer'],
  org: ['机构', 'Unit'],
  party_confirmation: ['当事人确认', 'Party confirmation'],
  payment: ['缴款', 'Payment'],
  payment_callback: ['支付回调', 'Payment callback'],
  payment_checkout: ['缴款订单', 'Checkout'],
  payment_deferral: ['延期或分期缴纳', 'Deferral'],
  payment_mismatch: ['对账差异', 'Mismatch'],
  payment_order: ['缴款通知', 'Payment order'],
  payment_overpayment: ['多缴款项', 'Overpayment'],
  payment_reconciliation_run: ['对账', 'Reconciliation'],
  payment_refund: ['退款', 'Refund'],
  payment_transaction: ['支付交易', 'Transaction'],
  portal_challenge: ['当事人验证码', 'Portal code'],
  portal_citizen: ['门户市民', 'Portal citizen'],
  sandbox_checkout: ['模拟支付订单', 'Simulated checkout'],
  session: ['登录会话', 'Session'],
  summary_ticket_range: ['简易程序票据号段', 'Ticket range'],
  system: ['系统', 'System'],
  table: ['数据表', 'Table'],
  throttle_counter: ['访问频率计数', 'Rate counter'],
  'law.discretion_standard': ['裁量基准', 'Discretion standard'],
  'law.exemption_item': ['免罚清单事项', 'Exemption item'],
  'law.guidance': ['执法指引', 'Guidance'],
  'law.guiding_case': ['指导案例', 'Guiding case'],
  'law.offence': ['案由', 'Offence'],
  'law.provision': ['法条', 'Provision'],
  'payment.checkout': ['缴款订单', 'Checkout'],
  'payment.refund': ['退款', 'Refund'],
};

/** The last part of a dotted action. */
const VERBS: Names = {
  create: ['新增', 'created'],
  update: ['修改', 'updated'],
  delete: ['删除', 'deleted'],
  import: ['导入', 'imported'],
  paid: ['已支付', 'paid'],
  cancelled: ['已取消', 'cancelled'],
  expired: ['已过期', 'expired'],
  pending: ['处理中', 'pending'],
  succeeded: ['成功', 'succeeded'],
  failed: ['失败', 'failed'],
};

const pick = (n: readonly [string, string], lang: string) => (lang.startsWith('en') ? n[1] : n[0]);
const CASE_ACTION_SET: ReadonlySet<string> = new Set(CASE_ACTIONS);

/** `auth.login` → 登录; `case.approveFiling` / `approveFiling` → 案件·批准立案; `law.offence.update` → 案由·修改. */
export function auditActionLabel(action: string, t: Translate, lang: string): string {
  const whole = ACTIONS[action];
  if (whole) return pick(whole, lang);
  const caseAction = action.startsWith('case.') ? action.slice(5) : action;
  if (CASE_ACTION_SET.has(caseAction)) {
    return `${pick(OBJECTS.case!, lang)}${lang.startsWith('en') ? ': ' : '·'}${t(`case.action.${caseAction}` as Parameters<Translate>[0])}`;
  }
  const dot = action.lastIndexOf('.');
  const object = dot > 0 ? OBJECTS[action.slice(0, dot)] : undefined;
  const verb = dot > 0 ? VERBS[action.slice(dot + 1)] : undefined;
  if (object && verb) return `${pick(object, lang)}${lang.startsWith('en') ? ' ' : '·'}${pick(verb, lang)}`;
  return lang.startsWith('en') ? 'Other action' : '其他操作';
}

/** `session` → 登录会话. */
export function auditObjectLabel(entityType: string, lang: string): string {
  const o = OBJECTS[entityType];
  return o ? pick(o, lang) : lang.startsWith('en') ? 'Other' : '其他对象';
}

/** The actions and objects a filter can choose from, labelled. */
export function auditActionOptions(t: Translate, lang: string): { value: string; label: string }[] {
  const codes = [...Object.keys(ACTIONS), ...CASE_ACTIONS.map((a) => `case.${a}`)];
  return [...new Set(codes)].map((value) => ({ value, label: auditActionLabel(value, t, lang) }));
}

export function auditObjectOptions(lang: string): { value: string; label: string }[] {
  return Object.keys(OBJECTS)
    .filter((k) => !k.startsWith('payment.'))
    .map((value) => ({ value, label: auditObjectLabel(value, lang) }));
}
