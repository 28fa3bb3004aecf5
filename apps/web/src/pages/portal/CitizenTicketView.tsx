import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Image,
  Input,
  List,
  Radio,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { CitizenTicketDetail, CitizenTicketSummary, PageOf } from '@chengguan/contracts';
import { citizenApi } from '../../api/citizen.ts';
import { applyServerErrors } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { TicketClockTag } from '../tickets/TicketClockTag.tsx';
import { bureauTime } from '../../lib/bureauTime';

const at = bureauTime;

export function CitizenTicketList({ onOpen, onError }: { onOpen: (id: string) => void; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const [page, setPage] = useState<PageOf<CitizenTicketSummary> | null>(null);
  const [items, setItems] = useState<CitizenTicketSummary[]>([]);

  const load = (n: number) =>
    citizenApi.list(n).then((p) => {
      setPage(p);
      setItems((old) => (n === 1 ? p.items : [...old, ...p.items]));
    }, onError);

  useEffect(() => {
    void load(1);
  }, []);

  if (!page) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  if (items.length === 0) return <Empty description={t('citizen.list.empty')} />;
  return (
    <List
      data-testid="citizen-list"
      dataSource={items}
      loadMore={
        items.length < page.total ? (
          <Button block onClick={() => void load(page.page + 1)}>
            {t('citizen.list.more')}
          </Button>
        ) : null
      }
      renderItem={(item) => (
        <List.Item
          onClick={() => onOpen(item.id)}
          style={{ cursor: 'pointer', background: '#fff', padding: 12, marginBottom: 8 }}
          data-testid="citizen-list-item"
        >
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text strong>{item.categoryName}</Typography.Text>
              <Tag>{t(`ticket.state.${item.state}`)}</Tag>
            </Space>
            <Typography.Text type="secondary">
              {item.number} · {at(item.receivedAt)}
            </Typography.Text>
            <TicketClockTag clock={item.handling} />
          </Space>
        </List.Item>
      )}
    />
  );
}

function RatingCard({
  ticket,
  onRated,
  onError,
}: {
  ticket: CitizenTicketDetail;
  onRated: (t: CitizenTicketDetail) => void;
  onError: (e: unknown) => void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ satisfaction: CitizenTicketDetail['satisfaction']; resolved?: boolean; comment?: string }>();
  const [saving, setSaving] = useState(false);
  if (ticket.satisfaction) {
    return (
      <Alert
        type="success"
        showIcon
        message={t('citizen.rating.done', { level: t(`ticket.satisfaction.${ticket.satisfaction}`) })}
        data-testid="citizen-rated"
      />
    );
  }
  if (!ticket.canRate) return null;
  return (
    <Card size="small" title={t('citizen.rating.title')} data-testid="citizen-rating">
      <Typography.Paragraph type="secondary">{t('citizen.rating.intro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          setSaving(true);
          try {
            onRated(
              await citizenApi.rate(ticket.id, {
                satisfaction: v.satisfaction!,
                ...(v.resolved !== undefined ? { resolved: v.resolved } : {}),
                ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
              }),
            );
          } catch (e) {
            if (!applyServerErrors(form, e, lang)) onError(e);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item
          name="satisfaction"
          label={t('citizen.rating.satisfaction')}
          rules={[{ required: true, message: t('citizen.rating.required') }]}
        >
          <Radio.Group data-testid="citizen-satisfaction">
            {(['satisfied', 'basically_satisfied', 'unsatisfied'] as const).map((s) => (
              <Radio key={s} value={s} data-testid={`citizen-satisfaction-${s}`}>
                {t(`ticket.satisfaction.${s}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="resolved" label={t('citizen.rating.resolved')}>
          <Radio.Group>
            <Radio value={true}>{t('citizen.rating.yes')}</Radio>
            <Radio value={false}>{t('citizen.rating.no')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="comment" label={t('citizen.rating.comment')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} data-testid="citizen-comment" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={saving} data-testid="citizen-rate">
          {t('citizen.rating.submit')}
        </Button>
      </Form>
    </Card>
  );
}

export function CitizenTicketView({ id, onBack, onError }: { id: string; onBack: () => void; onError: (e: unknown) => void }) {
  const { t, lang } = useI18n();
  const en = lang.startsWith('en');
  const [ticket, setTicket] = useState<CitizenTicketDetail | null>(null);
  useEffect(() => {
    citizenApi.get(id).then(setTicket, onError);
  }, [id]);
  if (!ticket) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="citizen-ticket">
      <Button onClick={onBack}>{t('citizen.ticket.back')}</Button>
      <Card size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('citizen.ticket.number')}>
            <span data-testid="citizen-ticket-number">{ticket.number}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('citizen.ticket.state')}>
            <Tag data-testid="citizen-ticket-state" data-state={ticket.state}>
              {t(`ticket.state.${ticket.state}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('citizen.ticket.category')}>{ticket.categoryName}</Descriptions.Item>
          <Descriptions.Item label={t('citizen.ticket.place')}>
            {ticket.address ?? (ticket.point ? `${ticket.point.lon.toFixed(5)}, ${ticket.point.lat.toFixed(5)}` : '')}
          </Descriptions.Item>
          <Descriptions.Item label={t('citizen.ticket.receivedAt')}>{at(ticket.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('citizen.ticket.agency')}>{ticket.agency}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{ticket.content}</Typography.Paragraph>
        {ticket.photoSm3s.length > 0 && (
          <>
            <Typography.Text type="secondary">{t('citizen.ticket.photos', { n: ticket.photoSm3s.length })}</Typography.Text>
            <Image.PreviewGroup>
              <Flex gap={6} wrap style={{ marginTop: 6 }}>
                {ticket.photoSm3s.map((sm3) => (
                  <Image
                    key={sm3}
                    src={`/api/portal/citizen/tickets/${ticket.id}/photos/${sm3}`}
                    alt={t('citizen.ticket.photos', { n: ticket.photoSm3s.length })}
                    width={88}
                    height={88}
                    style={{ objectFit: 'cover', borderRadius: 4 }}
                    data-testid="citizen-ticket-photo"
                  />
                ))}
              </Flex>
            </Image.PreviewGroup>
          </>
        )}
      </Card>
      <Card size="small" title={t('citizen.ticket.clocks')}>
        <Space direction="vertical" size={6}>
          <div>
            <Typography.Text strong>{t('citizen.ticket.firstContact')}：</Typography.Text>
            {ticket.firstContact ? (
              <TicketClockTag clock={ticket.firstContact} hours testId="citizen-clock-first-contact" />
            ) : (
              <Typography.Text type="secondary">{t('citizen.ticket.noContact')}</Typography.Text>
            )}
          </div>
          <div>
            <Typography.Text strong>{t('citizen.ticket.handling')}：</Typography.Text>
            <TicketClockTag clock={ticket.handling} testId="citizen-clock-handling" />
          </div>
          {ticket.feedbackDueOn && (
            <Typography.Text type="secondary">{t('citizen.ticket.feedbackDue', { date: ticket.feedbackDueOn })}</Typography.Text>
          )}
        </Space>
      </Card>
      <Card size="small" title={t('citizen.ticket.replies')}>
        {ticket.replies.length === 0 ? (
          <Typography.Text type="secondary">{t('citizen.ticket.noReplies')}</Typography.Text>
        ) : (
          ticket.replies.map((r) => (
            <Typography.Paragraph key={`${r.kind}-${r.at}`} data-testid="citizen-reply">
              <Typography.Text strong>{t(`citizen.reply.${r.kind}`)}</Typography.Text>（{at(r.at)}）：{r.text}
            </Typography.Paragraph>
          ))
        )}
      </Card>
      <RatingCard ticket={ticket} onRated={setTicket} onError={onError} />
      <Card size="small" title={t('citizen.ticket.progress')}>
        <Timeline
          items={ticket.progress.map((p) => ({
            children: (
              <span>
                {en ? p.textEn : p.textZh} <Typography.Text type="secondary">{at(p.at)}</Typography.Text>
              </span>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}
