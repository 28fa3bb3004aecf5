// 信用设置与目录 (docs/credit.md): the bureau's publication period, the minimum periods before a repair may be asked
// (Shanghai defaults) and its conditions; the credit catalogue (offence → record or not, severity, publication period).
// credit:admin changes them (PUT credit/settings, POST credit/catalogue); credit:read sees them.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import { CREDIT_SEVERITIES, type CreditCatalogueLineView } from '@chengguan/contracts';
import type { Query } from '../../api/client.ts';
import { creditApi } from '../../api/credit.ts';
import { errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { ActionFormDrawer } from '../../components/ActionFormDrawer.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ExportButton, cleanQuery } from '../../components/ExportButton.tsx';
import { FilterPanel, countSet } from '../../components/FilterPanel.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { serverPagination } from '../../lib/paging.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { CREDIT_FORMS } from '../supervision/forms.ts';

export function CreditSettingsTab({ bureauId }: { bureauId: string | null }) {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const canSet = !!me?.permissions.includes('credit:admin');
  const [tick, setTick] = useState(0);
  const [open, setOpen] = useState<'settings' | 'line' | null>(null);
  const [line, setLine] = useState<CreditCatalogueLineView | null>(null);
  const [filters, setFilters] = useState<{ q?: string; severity?: string; record?: string }>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const filter = (f: Partial<typeof filters>) => {
    setFilters((x) => ({ ...x, ...f }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const where = cleanQuery({ bureauId, q: filters.q?.trim() || undefined, severity: filters.severity, record: filters.record }) as Query;
  const query = { ...where, ...paging } as Query;
  const settings = useLoad(() => (bureauId ? creditApi.settings(bureauId) : Promise.resolve(null)), `${bureauId}|${tick}`);
  const catalogue = useLoad(
    (signal) => (bureauId ? creditApi.catalogue(query, signal) : Promise.resolve(null)),
    `${JSON.stringify(query)}|${tick}`,
  );
  const done = () => setTick((n) => n + 1);
  const columns: TableColumnsType<CreditCatalogueLineView> = [
    { title: t('act.f.offenceCode'), dataIndex: 'offenceCode', width: 160 },
    { title: t('act.f.offenceName'), render: (_: unknown, l) => l.offenceName ?? '—' },
    {
      title: t('act.f.creditRecord'),
      width: 110,
      render: (_: unknown, l) => (l.record ? <Tag color="red">{t('act.cr.recorded')}</Tag> : <Tag>{t('act.cr.notRecorded')}</Tag>),
    },
    { title: t('act.f.severity'), width: 100, render: (_: unknown, l) => t(`act.severity.${l.severity}` as MessageKey) },
    { title: t('act.f.publishMonths'), dataIndex: 'publishMonths', width: 120 },
    { title: t('act.f.note'), dataIndex: 'note' },
    ...(canSet
      ? [
          {
            title: t('common.actions'),
            width: 90,
            render: (_: unknown, l: CreditCatalogueLineView) => (
              <Button size="small" onClick={() => (setLine(l), setOpen('line'))} data-testid={`cr-catalogue-edit-${l.offenceCode}`}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  const s = settings.data;
  return (
    <>
      <Card
        size="small"
        title={t('act.cr.settingsTitle')}
        style={{ marginBottom: 12 }}
        data-testid="cr-settings"
        extra={
          canSet &&
          s && (
            <Button onClick={() => setOpen('settings')} data-testid={`open-${CREDIT_FORMS.settings.key}`}>
              {t(CREDIT_FORMS.settings.title)}
            </Button>
          )
        }
      >
        {settings.error ? <Alert type="error" showIcon message={errorText(settings.error, t, lang)} /> : null}
        {s && (
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('act.f.publishMonths')}>{s.publishMonths}</Descriptions.Item>
            <Descriptions.Item label={t('act.f.repairMinMonthsGeneral')}>{s.repairMinMonthsGeneral}</Descriptions.Item>
            <Descriptions.Item label={t('act.f.repairMinMonthsSerious')}>{s.repairMinMonthsSerious}</Descriptions.Item>
            <Descriptions.Item label={t('act.f.repairConditions')} span={3}>
              {s.repairConditions.length ? s.repairConditions.join('；') : '—'}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card size="small" title={t('act.cr.catalogueTitle')} data-testid="cr-catalogue">
        <Space wrap style={{ marginBottom: 12 }}>
          <FilterPanel active={countSet(filters)}>
            <Space wrap>
              <Input.Search
                allowClear
                placeholder={t('act.cr.catalogueQ')}
                style={{ width: 220 }}
                onSearch={(v) => filter({ q: v })}
                data-testid="cr-catalogue-q"
              />
              <Select
                allowClear
                placeholder={t('act.f.severity')}
                style={{ width: 140 }}
                value={filters.severity}
                onChange={(v: string | undefined) => filter({ severity: v })}
                options={CREDIT_SEVERITIES.map((v) => ({ value: v, label: t(`act.severity.${v}` as MessageKey) }))}
                data-testid="cr-catalogue-severity"
              />
              <Select
                allowClear
                placeholder={t('act.f.creditRecord')}
                style={{ width: 140 }}
                value={filters.record}
                onChange={(v: string | undefined) => filter({ record: v })}
                options={[
                  { value: 'true', label: t('act.cr.recorded') },
                  { value: 'false', label: t('act.cr.notRecorded') },
                ]}
                data-testid="cr-catalogue-record"
              />
              {bureauId && (
                <ExportButton path={creditApi.catalogueExportPath} query={where} filename="信用目录.xlsx" testId="cr-catalogue-export" />
              )}
            </Space>
          </FilterPanel>
          {canSet && (
            <Button type="primary" onClick={() => (setLine(null), setOpen('line'))} data-testid={`open-${CREDIT_FORMS.catalogueLine.key}`}>
              {t(CREDIT_FORMS.catalogueLine.title)}
            </Button>
          )}
        </Space>
        {catalogue.error ? <Alert type="error" showIcon message={errorText(catalogue.error, t, lang)} /> : null}
        <DataTable<CreditCatalogueLineView>
          rowKey="id"
          size="small"
          loading={catalogue.loading}
          dataSource={catalogue.data?.items ?? []}
          columns={columns}
          pagination={serverPagination(paging, catalogue.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
          data-testid="cr-catalogue-table"
        />
      </Card>
      <ActionFormDrawer
        spec={CREDIT_FORMS.settings}
        target={open === 'settings' ? '' : null}
        fixed={{ bureauId }}
        initial={
          s
            ? {
                publishMonths: s.publishMonths,
                repairMinMonthsGeneral: s.repairMinMonthsGeneral,
                repairMinMonthsSerious: s.repairMinMonthsSerious,
                repairConditions: s.repairConditions.join('\n'),
              }
            : undefined
        }
        compose={(body) => ({ repairConditions: [], ...body })}
        onClose={() => setOpen(null)}
        onDone={done}
      />
      <ActionFormDrawer
        spec={CREDIT_FORMS.catalogueLine}
        target={open === 'line' ? '' : null}
        fixed={{ bureauId }}
        initial={
          line
            ? {
                offenceCode: line.offenceCode,
                record: line.record,
                severity: line.severity,
                publishMonths: line.publishMonths ?? undefined,
                note: line.note ?? undefined,
              }
            : undefined
        }
        onClose={() => setOpen(null)}
        onDone={done}
      />
    </>
  );
}
