// GPS 接入与分析 (docs/waste.md §2–3): the feed's state for a day (batches, cleaning counts, partitions kept), the local
// 「模拟渣土车 GPS 平台」 (a queued job: its progress is the day's batches received against the batches it will send),
// the day's analysis, and the heat of clues over a period on the map.
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Flex, Form, InputNumber, Progress, Spin, Tag, Typography } from 'antd';
import { ExperimentOutlined, LineChartOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { SimulateGpsBody, SimulateGpsQueued, WasteAnalysisRun } from '@chengguan/contracts';
import { wasteApi } from '../../api/waste.ts';
import { errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { Page } from '../../components/Page.tsx';
import { useMapData } from '../../map/LocationField.tsx';
import { bureauToday } from '../../lib/bureauTime';

const WasteMap = lazy(() => import('./WasteMap.tsx'));

type Run = { before: number; expected: number };

export default function WasteFeedPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const { data: mapData } = useMapData();
  const [day, setDay] = useState<Dayjs>(() => bureauToday());
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [bureauToday().subtract(6, 'day'), bureauToday()]);
  const [run, setRun] = useState<Run | null>(null);
  const [analysis, setAnalysis] = useState<WasteAnalysisRun | null>(null);
  const [simForm] = Form.useForm();
  const dayText = day.format('YYYY-MM-DD');
  const status = useLoad((signal) => wasteApi.gpsStatus(dayText, signal), dayText);
  const heat = useLoad(
    (signal) => wasteApi.heat(range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD'), signal),
    `${range[0].valueOf()}|${range[1].valueOf()}|${analysis?.id ?? ''}`,
  );
  const canWrite = !!me?.permissions.includes('waste:write');
  const batches = status.data?.batches ?? 0;
  const sent = run ? Math.max(0, batches - run.before) : 0;
  const finished = !!run && sent >= run.expected;
  // While the simulator's job runs, the day's batches are read again every two seconds.
  const reload = useRef(status.reload);
  reload.current = status.reload;
  useEffect(() => {
    if (!run || finished) return;
    const timer = setInterval(() => reload.current(), 2000);
    return () => clearInterval(timer);
  }, [run, finished]);

  const simulate = useSubmit<SimulateGpsBody, SimulateGpsQueued>(simForm, (b, idempotencyKey) => wasteApi.simulate(b, { idempotencyKey }), {
    successMessage: t('waste.feed.queued'),
  });
  const analyse = useSubmit<{ day: string }, WasteAnalysisRun>(null, (b, idempotencyKey) => wasteApi.analyse(b, { idempotencyKey }), {
    onSuccess: setAnalysis,
  });
  const startSimulation = () =>
    void simForm.validateFields().then(async (v: { trucks: number; hours: number; seed: number }) => {
      const before = batches;
      const queued = await simulate.submit({ day: dayText, trucks: v.trucks, hours: v.hours, seed: v.seed });
      if (queued) setRun({ before, expected: v.trucks * v.hours });
    });
  const s = status.data;
  return (
    <Page title={t('waste.feed.title')} testId="waste-feed-page">
      <Alert
        type="warning"
        showIcon
        message={t('waste.feed.simulatorNote')}
        style={{ marginBottom: 16 }}
        data-testid="waste-simulator-note"
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <Typography.Text>{t('waste.feed.day')}</Typography.Text>
          <DatePicker value={day} allowClear={false} onChange={(d: Dayjs | null) => d && setDay(d)} data-testid="waste-feed-day" />
          <Button onClick={() => status.reload()}>{t('waste.feed.refresh')}</Button>
        </Flex>
      </Card>
      {!!status.error && <Alert type="error" showIcon message={errorText(status.error, t, lang)} style={{ marginBottom: 16 }} />}
      <Card size="small" title={t('waste.feed.status')} style={{ marginBottom: 16 }}>
        {s ? (
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} bordered data-testid="waste-feed-status" data-batches={s.batches}>
            <Descriptions.Item label={t('waste.feed.adapter')}>
              {s.labelZh} {s.simulator && <Tag color="orange">{t('waste.feed.simulatorTag')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('waste.feed.batches')}>{s.batches}</Descriptions.Item>
            <Descriptions.Item label={t('waste.feed.received')}>{s.counts.received}</Descriptions.Item>
            <Descriptions.Item label={t('waste.feed.kept')}>{s.counts.kept}</Descriptions.Item>
            <Descriptions.Item label={t('waste.feed.outOfOrder')}>{s.counts.outOfOrder}</Descriptions.Item>
            <Descriptions.Item label={t('waste.feed.duplicates')}>{s.counts.duplicates}</Descriptions.Item>
            <Descriptions.Item label={t('waste.feed.impossibleSpeed')}>{s.counts.impossibleSpeed}</Descriptions.Item>
            <Descriptions.Item label={t('waste.feed.invalid')}>{s.counts.invalid}</Descriptions.Item>
            <Descriptions.Item label={t('waste.feed.partitions')}>{s.partitions.length}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Spin />
        )}
      </Card>
      {canWrite && (
        <Flex wrap gap={16} style={{ marginBottom: 16 }}>
          <Card size="small" title={t('waste.feed.simulator')} style={{ flex: '1 1 320px' }}>
            <Typography.Paragraph type="secondary">{t('waste.feed.simulatorHelp')}</Typography.Paragraph>
            <Form form={simForm} layout="vertical" initialValues={{ trucks: 10, hours: 10, seed: 1 }}>
              <Flex gap={12} wrap>
                <Form.Item
                  name="trucks"
                  label={t('waste.feed.trucks')}
                  rules={[{ required: true, type: 'integer', min: 1, max: 2000 }]}
                  style={{ flex: 1, minWidth: 90 }}
                >
                  <InputNumber min={1} max={2000} style={{ width: '100%' }} data-testid="waste-sim-trucks" />
                </Form.Item>
                <Form.Item
                  name="hours"
                  label={t('waste.feed.hours')}
                  rules={[{ required: true, type: 'integer', min: 1, max: 24 }]}
                  style={{ flex: 1, minWidth: 90 }}
                >
                  <InputNumber min={1} max={24} style={{ width: '100%' }} data-testid="waste-sim-hours" />
                </Form.Item>
                <Form.Item
                  name="seed"
                  label={t('waste.feed.seed')}
                  rules={[{ required: true, type: 'integer', min: 0 }]}
                  style={{ flex: 1, minWidth: 90 }}
                >
                  <InputNumber min={0} style={{ width: '100%' }} />
                </Form.Item>
              </Flex>
            </Form>
            <Button
              type="primary"
              icon={<ExperimentOutlined />}
              loading={simulate.loading}
              onClick={startSimulation}
              data-testid="waste-sim-run"
            >
              {t('waste.feed.simulate')}
            </Button>
            {run && (
              <div style={{ marginTop: 12 }} data-testid="waste-sim-progress" data-finished={String(finished)}>
                <Progress
                  percent={Math.min(100, Math.round((100 * sent) / Math.max(1, run.expected)))}
                  status={finished ? 'success' : 'active'}
                />
                <Typography.Text type="secondary">
                  {t(finished ? 'waste.feed.simDone' : 'waste.feed.simRunning', { sent, expected: run.expected })}
                </Typography.Text>
              </div>
            )}
          </Card>
          <Card size="small" title={t('waste.feed.analysis')} style={{ flex: '1 1 320px' }}>
            <Typography.Paragraph type="secondary">{t('waste.feed.analysisHelp')}</Typography.Paragraph>
            <Button
              icon={<LineChartOutlined />}
              loading={analyse.loading}
              onClick={() => void analyse.submit({ day: dayText })}
              data-testid="waste-analyse"
            >
              {t('waste.feed.analyse')}
            </Button>
            {analysis && (
              <Alert
                style={{ marginTop: 12 }}
                type="success"
                showIcon
                data-testid="waste-analysis-result"
                message={t('waste.feed.analysisDone', {
                  day: analysis.day,
                  points: analysis.points,
                  trips: analysis.trips,
                  clues: analysis.clues,
                  millis: analysis.millis,
                })}
                description={[
                  ...Object.entries(analysis.byKind).map(([k, n]) => `${t(`waste.clueKind.${k as 'stop'}`)} ${n}`),
                  t(`waste.feed.reading.${analysis.reading}`),
                ].join('；')}
              />
            )}
          </Card>
        </Flex>
      )}
      <Card size="small" title={t('waste.feed.heat')}>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(r) => r && r[0] && r[1] && setRange([r[0], r[1]])}
          style={{ maxWidth: '100%', marginBottom: 8 }}
        />
        {!!heat.error && <Alert type="error" showIcon message={errorText(heat.error, t, lang)} style={{ marginBottom: 8 }} />}
        <Typography.Paragraph type="secondary">{t('waste.feed.heatHelp', { n: heat.data?.cells.length ?? 0 })}</Typography.Paragraph>
        {mapData ? (
          <Suspense fallback={<Spin />}>
            <WasteMap
              data={mapData}
              heat={heat.data ?? null}
              height={360}
              testId="waste-heat-map"
              unavailableText={t('waste.map.unavailable')}
            />
          </Suspense>
        ) : (
          <Spin />
        )}
      </Card>
    </Page>
  );
}
