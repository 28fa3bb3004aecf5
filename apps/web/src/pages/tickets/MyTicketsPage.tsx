// 我的诉件和任务 (the phone view of issue 13 §8): first his tasks — patrol shifts, inspection tasks from draws, risk
// frequencies and campaigns, the tickets he handles (GET /api/v1/duty/my-tasks) — with his consent to position
// recording and a report of his position while on duty; then his open tickets with their countdowns.
import { App, Button, Card, Flex, List, Switch, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import type { DutyTask } from '@chengguan/contracts';
import { dutyApi } from '../../api/duty.ts';
import { newIdempotencyKey } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { TicketList } from './TicketListPage.tsx';

const KIND_COLOR: Record<DutyTask['kind'], string> = { patrol: 'blue', ticket: 'orange', inspection: 'green' };

function MyTasksCard() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { me } = useAuth();
  const reports = !!me?.permissions.includes('duty:report');
  const tasks = useLoad((signal) => dutyApi.myTasks(signal), 'my-tasks');
  const consent = useLoad((signal) => (reports ? dutyApi.consent(signal) : Promise.resolve(undefined)), 'consent');
  const setConsent = async (consented: boolean) => {
    try {
      await dutyApi.setConsent(consented, { idempotencyKey: newIdempotencyKey() });
      void message.success(consented ? t('duty.consent.given') : t('duty.consent.withdrawn'));
      consent.reload();
    } catch (err) {
      void message.error(errorText(err, t, lang));
    }
  };
  const report = () => {
    if (!navigator.geolocation) {
      void message.error(t('duty.position.unavailable'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        dutyApi
          .reportPosition(pos.coords.longitude, pos.coords.latitude, pos.coords.accuracy, { idempotencyKey: newIdempotencyKey() })
          .then(
            () => void message.success(t('duty.position.reported')),
            (err: unknown) => void message.error(errorText(err, t, lang)),
          );
      },
      () => void message.error(t('duty.position.unavailable')),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };
  const d = tasks.data;
  return (
    <Card
      size="small"
      title={t('duty.tasks.today')}
      style={{ marginBottom: 16 }}
      extra={d && <Tag color={d.onDutyNow ? 'green' : 'default'}>{d.onDutyNow ? t('duty.tasks.onDuty') : t('duty.tasks.offDuty')}</Tag>}
      data-testid="my-tasks"
    >
      {d && <Typography.Paragraph type="secondary">{t('duty.tasks.counts', d.counts)}</Typography.Paragraph>}
      <List
        size="small"
        loading={tasks.loading}
        dataSource={d?.items ?? []}
        locale={{ emptyText: t('duty.tasks.none') }}
        renderItem={(x) => (
          <List.Item data-testid={`my-task-${x.kind}`}>
            <Flex vertical gap={2} style={{ width: '100%' }}>
              <Flex gap={6} wrap align="center">
                <Tag color={KIND_COLOR[x.kind]}>{t(`duty.tasks.kind.${x.kind}`)}</Tag>
                {x.link ? <Link to={x.link}>{x.title}</Link> : <span>{x.title}</span>}
                {x.overdue && <Tag color="red">{t('duty.tasks.overdue')}</Tag>}
              </Flex>
              <Typography.Text type="secondary">
                {x.detail}
                {x.due ? ` · ${x.due.length > 10 ? dayjs(x.due).format('MM-DD HH:mm') : x.due}` : ''}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      {reports && consent.data && (
        <Flex vertical gap={8} style={{ marginTop: 12 }}>
          <Flex gap={8} align="center">
            <Switch checked={consent.data.consented} onChange={(v) => void setConsent(v)} data-testid="position-consent" />
            <span>{t('duty.consent.label')}</span>
          </Flex>
          <Typography.Text type="secondary">{t('duty.consent.notice', { days: consent.data.retentionDays })}</Typography.Text>
          {consent.data.consented && d?.onDutyNow && (
            <Button onClick={report} data-testid="position-report">
              {t('duty.position.report')}
            </Button>
          )}
        </Flex>
      )}
    </Card>
  );
}

/** 我的诉件和任务: the officer's tasks, then his own open tickets with their countdowns. */
export default function MyTicketsPage() {
  return (
    <>
      <MyTasksCard />
      <TicketList mine />
    </>
  );
}
