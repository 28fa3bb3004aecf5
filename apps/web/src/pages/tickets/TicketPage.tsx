import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, List, Modal, Radio, Select, Space, Spin, Tag, Timeline } from 'antd';
import { Link, useParams } from 'react-router-dom';
import type { OrgNode, TicketDetail } from '@chengguan/contracts';
import { SATISFACTION_CODES } from '@chengguan/contracts';
import { ticketsApi, type TicketStepAction } from '../../api/tickets.ts';
import { orgApi } from '../../api/endpoints.ts';
import { applyServerErrors, errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { Page } from '../../components/Page.tsx';
import { ConvertToCaseDrawer } from './ConvertToCaseDrawer.tsx';
import { TicketClockTag } from './TicketClockTag.tsx';
import { bureauTime } from '../../lib/bureauTime';

const NEEDS_REASON: ReadonlySet<string> = new Set(['returnTicket', 'reopen', 'transfer', 'refer', 'escalate', 'merge']);
const NEEDS_ORG: ReadonlySet<string> = new Set(['dispatch', 'transfer']);
const STEP_ACTIONS: readonly TicketStepAction[] = [
  'accept',
  'dispatch',
  'startHandling',
  'recordContact',
  'reply',
  'close',
  'recordCallback',
  'returnTicket',
  'reopen',
  'transfer',
  'refer',
  'escalate',
  'merge',
];

function squadsOf(nodes: readonly OrgNode[]): { value: string; label: string }[] {
  return nodes.flatMap((n) => [...(n.kind === 'squad' && n.active ? [{ value: n.id, label: n.name }] : []), ...squadsOf(n.children)]);
}

/** 诉件页: the clocks with their countdown, the facts, the steps the user may take, extensions, duplicates, the timeline. */
export default function TicketPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const ticket = useLoad((signal) => ticketsApi.get(id, signal), id);
  const [current, setCurrent] = useState<TicketDetail | null>(null);
  const [action, setAction] = useState<TicketStepAction | 'requestExtension' | null>(null);
  const [busy, setBusy] = useState(false);
  const [converting, setConverting] = useState(false);
  const [form] = Form.useForm();
  const needsOrgs = action !== null && NEEDS_ORG.has(action);
  const orgs = useLoad(
    (signal) => (needsOrgs ? orgApi.tree() : Promise.resolve([] as OrgNode[])).then((x) => (signal.aborted ? [] : x)),
    String(needsOrgs),
  );
  const squads = useMemo(() => squadsOf(orgs.data ?? []), [orgs.data]);
  const d = current ?? ticket.data;

  if (ticket.error) return <Alert type="error" showIcon message={errorText(ticket.error, t, lang)} />;
  if (!d) return <Spin />;

  const open = (a: TicketStepAction | 'requestExtension') => {
    form.resetFields();
    setAction(a);
  };
  const submit = async () => {
    if (!action) return;
    const values = (await form.validateFields()) as Record<string, unknown>;
    setBusy(true);
    try {
      const next =
        action === 'requestExtension'
          ? await ticketsApi.requestExtension(d.id, {
              kind: values.kind as 'complex' | 'date',
              reason: String(values.reason ?? ''),
              ...(values.requestedDue ? { requestedDue: String(values.requestedDue) } : {}),
            })
          : await ticketsApi.step(d.id, action, values);
      setCurrent(next);
      setAction(null);
      message.success(t('ticket.step.done'));
    } catch (err) {
      if (!applyServerErrors(form, err, lang)) message.error(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  const decide = async (extensionId: string, approve: boolean) => {
    try {
      setCurrent(await ticketsApi.decideExtension(d.id, extensionId, approve));
      message.success(t('ticket.step.done'));
    } catch (err) {
      message.error(errorText(err, t, lang));
    }
  };
  const stepButtons = STEP_ACTIONS.filter((a) => d.allowedActions.includes(a));
  const canRequestExtension = d.allowedActions.includes('requestExtension');
  const canDecide = d.allowedActions.includes('decideExtension');

  return (
    <Page
      title={t('ticket.page.title', { number: d.number })}
      testId="ticket-page"
      extra={
        <>
          {stepButtons.map((a) => (
            <Button
              key={a}
              type={a === 'reply' || a === 'accept' ? 'primary' : 'default'}
              onClick={() => open(a)}
              data-testid={`ticket-action-${a}`}
            >
              {t(`ticket.action.${a}`)}
            </Button>
          ))}
          {d.allowedActions.includes('convertToCase') && (
            <Button onClick={() => setConverting(true)} data-testid="ticket-action-convertToCase">
              {t('ticket.action.convertToCase')}
            </Button>
          )}
          {canRequestExtension && (
            <Button onClick={() => open('requestExtension')} data-testid="ticket-action-requestExtension">
              {t('ticket.ext.request')}
            </Button>
          )}
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('ticket.clock.handling')}>
            <TicketClockTag clock={d.handling} testId="ticket-handling-clock" />
          </Descriptions.Item>
          {d.firstContact && (
            <Descriptions.Item label={t('ticket.clock.firstContact')}>
              <TicketClockTag clock={d.firstContact} hours testId="ticket-contact-clock" />
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('ticket.col.state')}>
            <Space>
              {t(`ticket.state.${d.state}`)}
              {d.repeated && <Tag color="volcano">{t('ticket.repeated')}</Tag>}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('ticket.field.limit')}>{d.limitBasis}</Descriptions.Item>
          <Descriptions.Item label={t('ticket.col.channel')}>
            <Space>
              {t(`ticket.channel.${d.channel}`)}
              {d.exchangeSimulated && (
                <Tag color="purple" data-testid="ticket-exchange-simulated">
                  {t('ticket.exchange.simulated')}
                </Tag>
              )}
            </Space>
          </Descriptions.Item>
          {d.externalNo && <Descriptions.Item label={t('ticket.field.externalNo')}>{d.externalNo}</Descriptions.Item>}
          <Descriptions.Item label={t('ticket.field.level')}>{t(`ticket.level.${d.dispatchLevel}`)}</Descriptions.Item>
          <Descriptions.Item label={t('ticket.col.category')}>{d.categoryName}</Descriptions.Item>
          <Descriptions.Item label={t('ticket.col.received')}>{bureauTime(d.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('ticket.col.due')}>{d.handlingDueOn}</Descriptions.Item>
          {d.feedbackDueOn && <Descriptions.Item label={t('ticket.field.feedbackDue')}>{d.feedbackDueOn}</Descriptions.Item>}
          <Descriptions.Item label={t('ticket.col.address')}>{d.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ticket.col.org')}>{d.orgName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ticket.col.officer')}>{d.officerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ticket.field.reporter')}>
            {[d.reporterName, d.reporterPhone].filter(Boolean).join(' ') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('ticket.field.content')} span={2}>
            {d.content}
          </Descriptions.Item>
          {d.replyText && (
            <Descriptions.Item label={t('ticket.field.reply')} span={2}>
              {d.replyText}
            </Descriptions.Item>
          )}
          {d.jointOrders.length > 0 && (
            <Descriptions.Item label={t('ticket.page.jointOrders')} span={2}>
              <Space wrap>
                {d.jointOrders.map((o) => (
                  <Link key={o.id} to={`/joint-orders/${o.id}`} data-testid="ticket-joint-order-link">
                    {o.number} · {o.partnerName}
                  </Link>
                ))}
              </Space>
            </Descriptions.Item>
          )}
          {d.caseId && (
            <Descriptions.Item label={t('conv.case')}>
              <Space wrap>
                <Link to={`/cases/${d.caseId}`} data-testid="ticket-case-link">
                  {d.caseNumber ?? t('conv.caseUnnumbered')}
                </Link>
                {d.caseOutcome && <Tag color="blue">{d.caseOutcome}</Tag>}
              </Space>
            </Descriptions.Item>
          )}
          {d.outcomeReplyText && (
            <Descriptions.Item label={t('conv.outcomeReply')} span={2}>
              <Space direction="vertical" size={0}>
                <span>{d.outcomeReplyText}</span>
                <Tag color={d.outcomeReplySentAt ? 'green' : 'gold'}>
                  {d.outcomeReplySentAt ? t('conv.replySent') : t('conv.replyQueued')}
                </Tag>
              </Space>
            </Descriptions.Item>
          )}
          {(d.resolved !== null || d.satisfaction) && (
            <Descriptions.Item label={t('ticket.field.callback')}>
              {[
                d.resolved === null ? null : `${t('ticket.step.resolved')}：${d.resolved ? t('ticket.yes') : t('ticket.no')}`,
                d.satisfaction ? t(`ticket.satisfaction.${d.satisfaction}`) : null,
              ]
                .filter(Boolean)
                .join('，')}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {d.duplicates.length > 0 && (
        <Card size="small" title={t('ticket.duplicates')} style={{ marginBottom: 16 }} data-testid="ticket-duplicates">
          <List
            size="small"
            dataSource={d.duplicates}
            renderItem={(x) => (
              <List.Item>
                <a href={`/tickets/${x.id}`}>{t('ticket.duplicate.item', { number: x.number, m: x.distanceMetres, h: x.hoursApart })}</a>
              </List.Item>
            )}
          />
        </Card>
      )}
      {d.extensions.length > 0 && (
        <Card size="small" title={t('ticket.extensions')} style={{ marginBottom: 16 }}>
          <List
            size="small"
            dataSource={d.extensions}
            renderItem={(e) => (
              <List.Item
                actions={
                  e.status === 'pending' && canDecide
                    ? [
                        <a key="y" onClick={() => void decide(e.id, true)}>
                          {t('ticket.ext.approve')}
                        </a>,
                        <a key="n" onClick={() => void decide(e.id, false)}>
                          {t('ticket.ext.reject')}
                        </a>,
                      ]
                    : []
                }
              >
                <Space wrap>
                  {e.kind === 'complex' ? t('ticket.ext.complex') : t('ticket.ext.date', { date: e.requestedDue ?? '' })}
                  <Tag>{t(`ticket.ext.${e.status}`)}</Tag>
                  {e.reason}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      {d.outbox.length > 0 && (
        <Card
          size="small"
          title={d.exchangeSimulated ? t('ticket.outbox.titleSimulated') : t('ticket.outbox.title')}
          style={{ marginBottom: 16 }}
          data-testid="ticket-outbox"
        >
          <List
            size="small"
            dataSource={d.outbox}
            renderItem={(o) => (
              <List.Item>
                <Space wrap>
                  {t(`ticket.outbox.kind.${o.kind}`)}
                  <Tag
                    color={o.status === 'sent' ? 'green' : o.status === 'failed' ? 'red' : o.status === 'retrying' ? 'orange' : 'default'}
                  >
                    {t(`ticket.outbox.status.${o.status}`)}
                  </Tag>
                  {o.late && <Tag color="volcano">{t('ticket.outbox.late')}</Tag>}
                  {o.attempts > 0 && t('ticket.outbox.attempts', { n: o.attempts })}
                  {o.status !== 'sent' && o.lastError && t('ticket.outbox.lastError', { error: o.lastError })}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card size="small" title={t('ticket.timeline')}>
        <Timeline
          items={d.timeline.map((e) => ({
            children: (
              <Flex vertical>
                <span>
                  {bureauTime(e.at)} {e.actorName ?? ''} {t(`ticket.action.${e.action}` as Parameters<typeof t>[0])}
                </span>
                {e.note && <span style={{ color: '#666' }}>{e.note}</span>}
              </Flex>
            ),
          }))}
        />
      </Card>
      <ConvertToCaseDrawer
        ticket={d}
        open={converting}
        onClose={() => setConverting(false)}
        onDone={(next) => {
          setCurrent(next);
          setConverting(false);
        }}
      />
      <Modal
        open={action !== null}
        title={action ? (action === 'requestExtension' ? t('ticket.ext.request') : t(`ticket.action.${action}`)) : ''}
        onCancel={() => setAction(null)}
        onOk={() => void submit()}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {action && NEEDS_ORG.has(action) && (
            <Form.Item
              name="orgId"
              label={t('ticket.step.org')}
              rules={[{ required: true, message: t('common.required', { field: t('ticket.step.org') }) }]}
            >
              <Select options={squads} loading={orgs.loading} showSearch optionFilterProp="label" />
            </Form.Item>
          )}
          {action === 'merge' && (
            <Form.Item
              name="parentTicketId"
              label={t('ticket.step.parent')}
              rules={[{ required: true, message: t('common.required', { field: t('ticket.step.parent') }) }]}
            >
              <Select options={d.duplicates.map((x) => ({ value: x.id, label: x.number }))} />
            </Form.Item>
          )}
          {action === 'reply' && (
            <Form.Item
              name="replyText"
              label={t('ticket.field.reply')}
              rules={[{ required: true, message: t('common.required', { field: t('ticket.field.reply') }) }]}
            >
              <Input.TextArea rows={4} maxLength={2000} />
            </Form.Item>
          )}
          {action === 'recordCallback' && (
            <>
              <Form.Item name="resolved" label={t('ticket.step.resolved')}>
                <Radio.Group
                  options={[
                    { value: true, label: t('ticket.yes') },
                    { value: false, label: t('ticket.no') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="satisfaction" label={t('ticket.step.satisfaction')}>
                <Radio.Group options={SATISFACTION_CODES.map((s) => ({ value: s, label: t(`ticket.satisfaction.${s}`) }))} />
              </Form.Item>
            </>
          )}
          {action === 'requestExtension' && (
            <>
              <Form.Item name="kind" label={t('ticket.ext.kind')} initialValue="complex">
                <Radio.Group
                  options={[
                    { value: 'complex', label: t('ticket.ext.complex') },
                    { value: 'date', label: t('ticket.ext.requestedDue') },
                  ]}
                />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {() =>
                  form.getFieldValue('kind') === 'date' && (
                    <Form.Item
                      name="requestedDue"
                      label={t('ticket.ext.requestedDue')}
                      rules={[{ required: true, message: t('common.required', { field: t('ticket.ext.requestedDue') }) }]}
                    >
                      <Input type="date" />
                    </Form.Item>
                  )
                }
              </Form.Item>
            </>
          )}
          {action && (NEEDS_REASON.has(action) || action === 'requestExtension') && (
            <Form.Item
              name="reason"
              label={t('ticket.step.reason')}
              rules={[{ required: true, min: 2, message: t('common.required', { field: t('ticket.step.reason') }) }]}
            >
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Page>
  );
}
