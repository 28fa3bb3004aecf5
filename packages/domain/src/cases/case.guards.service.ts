// Guards of the records-only steps around service and enforcement: the party's consent to electronic service (F2)
// and a pending 复议 / 诉讼 that stops the G2 surcharge (处罚法 Art. 73).
import { isAfter, isBefore } from '../calendar/legal-date.ts';
import { block } from './case.errors.ts';
import { decisionReceivedOn } from './case.deadlines.ts';
import type { CaseGuard } from './case.guards.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 -]{4,19}$/;

/**
 * F2 — 处罚法 Art. 61: 「当事人同意并签订确认书的，行政机关可以采用传真、电子邮件等方式，将行政处罚决定书等送达当事人」;
 * 浦东非现场执法规定 Art. 13. The confirmation names the channel and the address the documents go to.
 */
export const consentAddressValid: CaseGuard<'recordServiceConsent'> = (_s, input) => {
  if (!input) return null;
  const address = input.address.trim();
  const ok = input.channel === 'email' ? EMAIL.test(address) : PHONE.test(address);
  return ok
    ? null
    : block(
        'F2',
        '行政处罚法 Art. 61',
        input.channel === 'email' ? '电子送达地址确认书须载明有效的电子邮箱' : '电子送达地址确认书须载明有效的手机号码',
        input.channel === 'email'
          ? 'The confirmation must name a valid e-mail address'
          : 'The confirmation must name a valid mobile number',
        'address',
      );
};

/** The intervals of pending 复议 / 诉讼: at most one open at a time, each ended after it was filed. */
export const reviewOrLitigationValid: CaseGuard<'recordReviewOrLitigation'> = (s, input) => {
  const article = '行政处罚法 Art. 73';
  const intervals = s.enforcement.reviewOrLitigationIntervals;
  const open = intervals.find((i) => i.to === undefined);
  if (!input) return null;
  if (input.stage === 'filed') {
    if (open) {
      return block(
        'G2',
        article,
        `复议或诉讼（${open.from} 起）尚未结束`,
        `A review or lawsuit filed on ${open.from} is still pending`,
        'stage',
      );
    }
    if (!(input.body ?? '').trim()) {
      return block('G2', article, '须载明受理复议或诉讼的机关（复议机关或人民法院）', 'Name the review body or the court', 'body');
    }
    const received = decisionReceivedOn(s);
    if (received && isBefore(input.date, received)) {
      return block(
        'G2',
        article,
        `申请日 ${input.date} 早于决定书送达日 ${received}`,
        `Filed before the decision was received on ${received}`,
        'date',
      );
    }
    return null;
  }
  if (!open) return block('G2', article, '没有尚未结束的复议或诉讼', 'No review or lawsuit is pending', 'stage');
  if (isAfter(open.from, input.date)) {
    return block('G2', article, `结束日 ${input.date} 早于申请日 ${open.from}`, `Ended before it was filed on ${open.from}`, 'date');
  }
  if (!(input.result ?? '').trim()) return block('G2', article, '须载明复议或诉讼结果', 'State the result', 'result');
  return null;
};
