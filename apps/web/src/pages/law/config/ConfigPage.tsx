import { useState } from 'react';
import { Alert, Button, Card, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { LegalConfigVersion, VerificationMark } from '@chengguan/contracts';
import dayjs from 'dayjs';
import { lawApi } from '../../../api/law.ts';
import { errorText } from '../../../api/errors.ts';
import { useAuth } from '../../../auth/auth.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useLoad } from '../../../lib/useLoad.ts';
import { Page } from '../../../components/Page.tsx';
import { VerificationTag } from '../components/VerificationTag.tsx';
import { formatSpan } from '../labels.ts';
import { configValueText, type ConfigKey } from './configValues.tsx';
import { ConfigVersionDrawer } from './ConfigVersionDrawer.tsx';
import { DataTable } from '../../../components/DataTable.tsx';

type Entry = LegalConfigVersion['entries'][number];

/** The values of one version with their source and V/P/U mark. */
function EntriesTable({ version }: { version: LegalConfigVersion }) {
  const { t, lang } = useI18n();
  return (
    <DataTable<Entry>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={version.entries}
      scroll={{ x: 900 }}
      data-testid="law-config-entries"
      columns={[
        { title: t('law.config.item'), key: 'label', width: 220, render: (_, e) => (lang.startsWith('en') ? e.labelEn : e.labelZh) },
        { title: t('law.config.value'), key: 'value', render: (_, e) => configValueText(t, e.key as ConfigKey, version.values) },
        {
          title: t('law.mark'),
          dataIndex: 'mark',
          width: 110,
          render: (m: VerificationMark, e) => <VerificationTag mark={m} source={e.source} />,
        },
        {
          title: t('law.source'),
          dataIndex: 'source',
          width: 280,
          render: (s: string) => <Typography.Text type="secondary">{s}</Typography.Text>,
        },
      ]}
    />
  );
}

/** 法定参数配置: the values in force, every version by effective date, and a new version. */
export default function ConfigPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const [tick, setTick] = useState(0);
  const [creating, setCreating] = useState(false);
  const loaded = useLoad((signal) => lawApi.config(undefined, signal), String(tick));
  const data = loaded.data;
  const current = data?.current;

  return (
    <Page
      title={t('menu.lawConfig')}
      testId="law-config-page"
      extra={
        can('config:write') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!current}
            onClick={() => setCreating(true)}
            data-testid="law-config-create"
          >
            {t('law.config.newVersion')}
          </Button>
        )
      }
    >
      {!!loaded.error && <Alert type="error" showIcon message={errorText(loaded.error, t, lang)} style={{ marginBottom: 16 }} />}
      <Card
        size="small"
        loading={loaded.loading && !data}
        title={current ? t('law.config.current', { on: data.on, from: current.effectiveFrom }) : t('law.config.currentTitle')}
        style={{ marginBottom: 16 }}
      >
        {current && <EntriesTable version={current} />}
      </Card>
      <Card size="small" title={t('law.config.versions')}>
        <DataTable<LegalConfigVersion>
          rowKey="id"
          size="small"
          loading={loaded.loading}
          dataSource={[...(data?.versions ?? [])].reverse()}
          pagination={false}
          expandable={{ expandedRowRender: (v) => <EntriesTable version={v} /> }}
          data-testid="law-config-versions"
          columns={[
            {
              title: t('law.effectivePeriod'),
              key: 'span',
              render: (_, v) => (
                <>
                  {formatSpan(t, v.effectiveFrom, v.effectiveTo)}{' '}
                  {v.id === current?.id && <Tag color="green">{t('law.config.inForce')}</Tag>}
                  {v.effectiveFrom > (data?.on ?? '') && <Tag color="blue">{t('law.config.future')}</Tag>}
                </>
              ),
            },
            { title: t('law.config.note'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
            {
              title: t('law.config.createdBy'),
              dataIndex: 'createdByName',
              width: 140,
              render: (n: string | null) => n ?? t('audit.system'),
            },
            { title: t('audit.at'), dataIndex: 'createdAt', width: 170, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm') },
          ]}
        />
      </Card>
      <ConfigVersionDrawer
        open={creating}
        base={current}
        onClose={() => setCreating(false)}
        onSaved={() => {
          setCreating(false);
          setTick((n) => n + 1);
        }}
      />
    </Page>
  );
}
