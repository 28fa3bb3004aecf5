import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Progress, Select, Space, type TableColumnsType } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { TrainingProgressQuery, TrainingProgressView } from '@chengguan/contracts';
import { errorText } from '../../api/errors.ts';
import { trainingApi } from '../../api/credit.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { serverPagination } from '../../lib/paging.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useAuth } from '../../auth/auth.tsx';
import { ActionFormDrawer, type ActionSpec } from '../../components/ActionFormDrawer.tsx';
import { TRAINING_FORMS, TRAINING_SETTINGS_FORM } from '../supervision/forms.ts';
import { useOrgOptions } from '../waste/waste-shared.tsx';

/** 年度学时学分要求 of a bureau (60 学时 / 24 学分 by default); training:admin changes it (PUT training/settings). */
function TrainingSettingsCard({ canSet }: { canSet: boolean }) {
  const { t, lang } = useI18n();
  const bureaus = useOrgOptions('district_bureau');
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const [tick, setTick] = useState(0);
  const bureauId = picked ?? bureaus[0]?.value;
  const settings = useLoad(
    (signal) => (bureauId ? trainingApi.settings(bureauId, signal) : Promise.resolve(null)),
    `${bureauId ?? ''}|${tick}`,
  );
  return (
    <Card
      size="small"
      title={t('act.tr.settingsTitle')}
      style={{ marginBottom: 12 }}
      data-testid="training-settings"
      extra={
        <Space wrap>
          <Select value={bureauId} options={bureaus} onChange={setPicked} style={{ width: 200 }} data-testid="training-settings-bureau" />
          {canSet && bureauId && (
            <Button onClick={() => setOpen(true)} data-testid={`open-${TRAINING_SETTINGS_FORM.key}`}>
              {t(TRAINING_SETTINGS_FORM.title)}
            </Button>
          )}
        </Space>
      }
    >
      {settings.error ? <Alert type="error" showIcon message={errorText(settings.error, t, lang)} /> : null}
      {settings.data && (
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('act.f.hoursPerYear')}>
            <span data-testid="training-settings-hours">{settings.data.hoursPerYear}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('act.f.creditsPerYear')}>
            <span data-testid="training-settings-credits">{settings.data.creditsPerYear}</span>
          </Descriptions.Item>
        </Descriptions>
      )}
      <ActionFormDrawer
        spec={TRAINING_SETTINGS_FORM}
        target={open ? '' : null}
        fixed={{ bureauId }}
        initial={settings.data ? { hoursPerYear: settings.data.hoursPerYear, creditsPerYear: settings.data.creditsPerYear } : undefined}
        onClose={() => setOpen(false)}
        onDone={() => setTick((n) => n + 1)}
      />
    </Card>
  );
}

type Filter = { year: number; complete?: 'yes' | 'no'; q?: string };

/** 培训管理: every officer's hours and credits of a year against the requirement; filters, server paging, Excel. */
export default function TrainingAdminPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { me } = useAuth();
  const [action, setAction] = useState<ActionSpec | null>(null);
  const [tick, setTick] = useState(0);
  const thisYear = new Date().getFullYear();
  const [filters, setFilters] = useState<TrainingProgressQuery>({ year: thisYear });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = { ...filters, ...paging };
  const list = useLoad((signal) => trainingApi.progress(query, signal), `${JSON.stringify(query)}|${tick}`);
  const columns: TableColumnsType<TrainingProgressView> = [
    { title: t('training.officer'), dataIndex: 'officerName', width: 120 },
    { title: t('training.org'), dataIndex: 'orgName', width: 180 },
    { title: t('training.hours'), width: 110, render: (_v, r) => `${r.hours} / ${r.requiredHours}` },
    { title: t('training.credits'), width: 110, render: (_v, r) => `${r.credits} / ${r.requiredCredits}` },
    {
      title: t('training.percent'),
      width: 200,
      render: (_v, r) => <Progress percent={r.percent} size="small" status={r.complete ? 'success' : 'active'} />,
    },
  ];
  return (
    <Page
      title={t('training.admin')}
      testId="training-admin-page"
      extra={
        me?.permissions.includes('training:admin') && (
          <Space wrap>
            {Object.values(TRAINING_FORMS).map((spec) => (
              <Button key={spec.key} onClick={() => setAction(spec)} data-testid={`open-${spec.key}`}>
                {t(spec.title)}
              </Button>
            ))}
          </Space>
        )
      }
    >
      {action && <ActionFormDrawer spec={action} target="" onClose={() => setAction(null)} onDone={() => setTick((n) => n + 1)} />}
      <TrainingSettingsCard canSet={!!me?.permissions.includes('training:admin')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form<Filter>
          layout="inline"
          initialValues={{ year: thisYear }}
          style={{ rowGap: 12 }}
          onFinish={(v) => {
            setFilters({
              year: v.year,
              complete: v.complete === undefined ? undefined : v.complete === 'yes',
              q: v.q?.trim() || undefined,
            });
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        >
          <Form.Item name="year" label={t('training.year')}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="complete">
            <Select
              allowClear
              placeholder={t('training.all')}
              style={{ width: 160 }}
              options={[
                { value: 'yes', label: t('training.complete') },
                { value: 'no', label: t('training.incomplete') },
              ]}
            />
          </Form.Item>
          <Form.Item name="q">
            <Input allowClear placeholder={t('training.officer')} style={{ width: 160 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void trainingApi.exportProgress(filters).catch((e: unknown) => message.error(errorText(e, t, lang)))}
            >
              {t('common.exportExcel')}
            </Button>
          </Space>
        </Form>
      </Card>
      {list.error ? <Alert type="error" showIcon message={errorText(list.error, t, lang)} /> : null}
      <DataTable<TrainingProgressView>
        rowKey="officerId"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
      />
    </Page>
  );
}
