// 评查表 (docs/supervision.md §2): the review standard sheets, each item with its points; a reviewer scores a drawn file on
// the plan's sheet. Supervisors with supervision:write make new sheets (POST review-sheets).
import { useState } from 'react';
import { Alert, Button, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import type { ReviewSheet } from '@chengguan/contracts';
import type { Query } from '../../api/client.ts';
import { supervisionApi } from '../../api/supervision.ts';
import { errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { ActionFormDrawer } from '../../components/ActionFormDrawer.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ExportButton, cleanQuery } from '../../components/ExportButton.tsx';
import { FilterPanel, countSet } from '../../components/FilterPanel.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { serverPagination } from '../../lib/paging.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { SUPERVISION_FORMS } from './forms.ts';

export function ReviewSheets() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const [tick, setTick] = useState(0);
  const [open, setOpen] = useState(false);
  const [filters, setFilters] = useState<{ q?: string; scope?: string; active?: string }>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const filter = (f: Partial<typeof filters>) => {
    setFilters((x) => ({ ...x, ...f }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const where = cleanQuery({ q: filters.q?.trim() || undefined, scope: filters.scope, active: filters.active }) as Query;
  const query = { ...where, ...paging } as Query;
  const sheets = useLoad((signal) => supervisionApi.reviewSheets(query, signal), `${JSON.stringify(query)}|${tick}`);
  const en = lang.startsWith('en');
  const columns: TableColumnsType<ReviewSheet> = [
    { title: t('act.f.sheetName'), dataIndex: 'name' },
    { title: t('act.sheet.items'), width: 100, render: (_: unknown, s) => s.items.length },
    { title: t('act.sheet.maxTotal'), dataIndex: 'maxTotal', width: 100 },
    {
      title: t('act.sheet.scope'),
      width: 120,
      render: (_: unknown, s) => (s.bureauId ? t('act.sheet.bureau') : t('act.sheet.city')),
    },
    {
      title: t('sup.status'),
      width: 100,
      render: (_: unknown, s) => (s.active ? <Tag color="green">{t('act.sheet.active')}</Tag> : <Tag>{t('act.sheet.inactive')}</Tag>),
    },
  ];
  const itemColumns: TableColumnsType<ReviewSheet['items'][number]> = [
    { title: t('act.f.itemCode'), dataIndex: 'code', width: 160 },
    { title: t('sup.scores.item'), render: (_: unknown, i) => (en ? i.labelEn : i.labelZh) },
    { title: t('act.f.maxPoints'), dataIndex: 'maxPoints', width: 100 },
  ];
  return (
    <>
      <FilterPanel active={countSet(filters)}>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('act.f.sheetName')}
            style={{ width: 220 }}
            onSearch={(v) => filter({ q: v })}
            data-testid="sup-sheets-q"
          />
          <Select
            allowClear
            placeholder={t('act.sheet.scope')}
            style={{ width: 140 }}
            value={filters.scope}
            onChange={(v: string | undefined) => filter({ scope: v })}
            options={[
              { value: 'city', label: t('act.sheet.city') },
              { value: 'bureau', label: t('act.sheet.bureau') },
            ]}
            data-testid="sup-sheets-scope"
          />
          <Select
            allowClear
            placeholder={t('sup.status')}
            style={{ width: 140 }}
            value={filters.active}
            onChange={(v: string | undefined) => filter({ active: v })}
            options={[
              { value: 'true', label: t('act.sheet.active') },
              { value: 'false', label: t('act.sheet.inactive') },
            ]}
            data-testid="sup-sheets-active"
          />
          <ExportButton path={supervisionApi.reviewSheetsExportPath} query={where} filename="评查表.xlsx" testId="sup-sheets-export" />
          {me?.permissions.includes('supervision:write') && (
            <Button type="primary" onClick={() => setOpen(true)} data-testid={`open-${SUPERVISION_FORMS.reviewSheet.key}`}>
              {t(SUPERVISION_FORMS.reviewSheet.title)}
            </Button>
          )}
        </Space>
      </FilterPanel>
      {!!sheets.error && <Alert type="error" showIcon message={errorText(sheets.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<ReviewSheet>
        rowKey="id"
        size="middle"
        loading={sheets.loading}
        dataSource={sheets.data?.items ?? []}
        columns={columns}
        expandable={{
          expandedRowRender: (s) => <Table rowKey="code" size="small" pagination={false} dataSource={s.items} columns={itemColumns} />,
        }}
        pagination={serverPagination(paging, sheets.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="sup-sheets"
      />
      <ActionFormDrawer
        spec={SUPERVISION_FORMS.reviewSheet}
        target={open ? '' : null}
        onClose={() => setOpen(false)}
        onDone={() => setTick((n) => n + 1)}
      />
    </>
  );
}
