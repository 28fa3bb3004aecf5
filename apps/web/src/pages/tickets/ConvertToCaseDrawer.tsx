import { useEffect } from 'react';
import { Alert, Button, DatePicker, Descriptions, Drawer, Form, Grid, Input, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ConvertTicketBody, TicketCategory, TicketDetail } from '@chengguan/contracts';
import { api } from '../../api/client.ts';
import { ticketsApi } from '../../api/tickets.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { OffenceSearch } from '../cases/components/OffenceSearch.tsx';
import { PARTY_DEFAULTS, PartyFields, toPartyBody, type PartyValues } from '../cases/components/PartyFields.tsx';
import { RuleAlert } from '../cases/components/RuleAlert.tsx';
import { withFlatFields } from '../cases/field-names.ts';
import { toLegalDate } from '../cases/format.ts';
import { useCaseSubmit } from '../cases/useCaseSubmit.ts';
import { bureauDay, bureauTime } from '../../lib/bureauTime';

type Values = PartyValues & { offenceCode?: string; actDate: Dayjs; facts: string };

/** The facts the case is registered with, as the server writes them when the officer leaves them unchanged. */
function prefilledFacts(d: TicketDetail, channel: string): string {
  return `${bureauTime(d.receivedAt)} 受理${channel}诉件（${d.number}）反映：${d.content}${d.address ? `，地点：${d.address}` : ''}。`;
}

/**
 * 诉转案: a drawer prefilled with the ticket's facts (place, receipt as the time of discovery, photos as evidence, the
 * category's likely offence); the officer adds the party and confirms. The server's field errors show at the fields.
 */
export function ConvertToCaseDrawer({
  ticket,
  open,
  onClose,
  onDone,
}: {
  ticket: TicketDetail;
  open: boolean;
  onClose: () => void;
  onDone: (t: TicketDetail) => void;
}) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const categories = useLoad((signal) => api.get<TicketCategory[]>('/api/v1/ticket-categories', {}, signal), 'categories');
  const likely = categories.data?.find((c) => c.code === ticket.categoryCode)?.offenceCode ?? undefined;
  const channel = t(`ticket.channel.${ticket.channel}`);
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      ...PARTY_DEFAULTS,
      offenceCode: likely,
      actDate: bureauDay(ticket.receivedAt),
      facts: prefilledFacts(ticket, channel),
    });
  }, [open, likely, ticket.id]);

  const { submit, loading, ruleError, clearRuleError } = useCaseSubmit<Values, TicketDetail>(
    form,
    (v, idempotencyKey) => {
      const body: ConvertTicketBody = {
        ...(v.offenceCode ? { offenceCode: v.offenceCode } : {}),
        party: toPartyBody(v),
        actDate: toLegalDate(v.actDate),
        facts: v.facts.trim(),
      };
      return withFlatFields(ticketsApi.convertToCase(ticket.id, body, { idempotencyKey }));
    },
    { successMessage: t('conv.done'), onSuccess: onDone },
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('conv.title', { number: ticket.number })}
      width={screens.md ? 600 : '100%'}
      forceRender
      data-testid="ticket-convert-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={loading} onClick={() => form.submit()} data-testid="ticket-convert-submit">
            {t('conv.submit')}
          </Button>
        </Space>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('conv.hint')} />
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('conv.source')}>
          {t('conv.sourceText', { channel, number: ticket.externalNo ?? ticket.number })}
        </Descriptions.Item>
        <Descriptions.Item label={t('conv.place')}>{ticket.address ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('conv.discovered')}>{bureauTime(ticket.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('conv.squad')}>{ticket.orgName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('conv.evidence')}>{t('conv.photos', { n: ticket.photoSm3s.length })}</Descriptions.Item>
      </Descriptions>
      <RuleAlert error={ruleError} onClose={clearRuleError} />
      <Form<Values>
        form={form}
        name="ticketConvert"
        layout="vertical"
        onFinish={(v) => void submit(v)}
        onValuesChange={() => ruleError && clearRuleError()}
      >
        <Form.Item
          name="offenceCode"
          label={t('case.offence')}
          extra={likely ? t('conv.likelyOffence') : t('conv.noLikelyOffence')}
          rules={likely ? [] : [required(t('case.offence'))]}
        >
          <OffenceSearch placeholder={t('case.summary.offenceSearch')} testId="convert-offence" />
        </Form.Item>
        <PartyFields compact />
        <Form.Item name="actDate" label={t('case.actDate')} rules={[required(t('case.actDate'))]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="facts" label={t('case.factsText')} rules={[required(t('case.factsText')), { max: 20000 }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} data-testid="convert-facts" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
