// 考核项目 (B7, docs/supervision.md §6): the configurable items, each with its data source and points. The sources are
// the registered ones (file quality, timeliness, complaints, training, review outcomes); fines, fine income and case
// counts are never a source — the server refuses them and the card says so. A city-wide supervisor
// (supervision:configure) adds or changes one item; the page sends the whole list (PUT score-items), read whole (at most
// 30 items) next to the filtered, server-paged table.
import { useState } from 'react';
import { Alert, Button, Card, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import { SCORE_LEVELS, type ScoreItem } from '@chengguan/contracts';
import type { Query } from '../../api/client.ts';
import { supervisionApi } from '../../api/supervision.ts';
import { errorText, serverFieldName } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { ActionFormDrawer } from '../../components/ActionFormDrawer.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ExportButton, cleanQuery } from '../../components/ExportButton.tsx';
import { FilterPanel, countSet } from '../../components/FilterPanel.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { serverPagination } from '../../lib/paging.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { SUPERVISION_FORMS } from './forms.ts';

type Item = ScoreItem;

/** "items.3.maxPoints" (or "/body/items/3/maxPoints") → "maxPoints": the one item's form shows the error at its field. */
function itemField(serverField: string): string {
  const parts = serverField.split(/[./[\]]/).filter((p) => p && p !== 'body');
  if (parts[0] === 'items' && parts[2]) return parts[2];
  return serverFieldName(serverField) === 'items' ? 'code' : serverFieldName(serverField);
}

export function ScoreItems() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const en = lang.startsWith('en');
  const [tick, setTick] = useState(0);
  const [filters, setFilters] = useState<{ q?: string; source?: string; level?: string }>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  // The item being edited; {} for a new one; null when the drawer is closed.
  const [editing, setEditing] = useState<Partial<Item> | null>(null);
  const filter = (f: Partial<typeof filters>) => {
    setFilters((x) => ({ ...x, ...f }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const where = cleanQuery({ q: filters.q?.trim() || undefined, source: filters.source, level: filters.level }) as Query;
  const query = { ...where, ...paging } as Query;
  const config = useLoad((signal) => supervisionApi.scoreItems(query, signal), `${JSON.stringify(query)}|${tick}`);
  // The whole list the PUT sends (the city's items are at most 30).
  const all = useLoad((signal) => supervisionApi.scoreItems({ page: 1, pageSize: 200 }, signal), String(tick));
  const canSet = !!me?.cityWide && !!me.permissions.includes('supervision:configure');
  const items = all.data?.items ?? [];
  const sources = config.data?.sources ?? all.data?.sources ?? [];
  const sourceName = (code: string) => {
    const s = sources.find((x) => x.source === code);
    return s ? (en ? s.nameEn : s.nameZh) : code;
  };
  const columns: TableColumnsType<Item> = [
    { title: t('act.f.itemCode'), dataIndex: 'code', width: 150 },
    { title: t('sup.scores.item'), render: (_: unknown, i) => (en ? i.labelEn : i.labelZh) },
    { title: t('act.f.scoreSource'), render: (_: unknown, i) => sourceName(i.source) },
    {
      title: t('act.f.scoreLevels'),
      width: 160,
      render: (_: unknown, i) => i.levels.map((l) => <Tag key={l}>{t(`sup.scores.level.${l}`)}</Tag>),
    },
    { title: t('act.f.maxPoints'), dataIndex: 'maxPoints', width: 90 },
    { title: t('act.f.perUnit'), dataIndex: 'perUnit', width: 90 },
    ...(canSet
      ? [
          {
            title: t('common.actions'),
            width: 100,
            render: (_: unknown, i: Item) => (
              <Button size="small" onClick={() => setEditing(i)} data-testid={`sup-score-item-edit-${i.code}`}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card size="small" title={t('act.scoreItems.title')} style={{ marginTop: 16 }} data-testid="sup-score-items-card">
      <Alert
        type="warning"
        showIcon
        message={t('act.scoreItems.noFines')}
        style={{ marginBottom: 12 }}
        data-testid="sup-score-items-no-fines"
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <FilterPanel active={countSet(filters)}>
          <Space wrap>
            <Input.Search
              allowClear
              placeholder={t('sup.scores.item')}
              style={{ width: 220 }}
              onSearch={(v) => filter({ q: v })}
              data-testid="sup-score-items-q"
            />
            <Select
              allowClear
              placeholder={t('act.f.scoreSource')}
              style={{ width: 200 }}
              value={filters.source}
              onChange={(v: string | undefined) => filter({ source: v })}
              options={sources.map((s) => ({ value: s.source, label: en ? s.nameEn : s.nameZh }))}
              data-testid="sup-score-items-source"
            />
            <Select
              allowClear
              placeholder={t('act.f.scoreLevels')}
              style={{ width: 140 }}
              value={filters.level}
              onChange={(v: string | undefined) => filter({ level: v })}
              options={SCORE_LEVELS.map((l) => ({ value: l, label: t(`sup.scores.level.${l}` as MessageKey) }))}
              data-testid="sup-score-items-level"
            />
            <ExportButton
              path={supervisionApi.scoreItemsExportPath}
              query={where}
              filename="考核项目.xlsx"
              testId="sup-score-items-export"
            />
          </Space>
        </FilterPanel>
        {canSet && (
          <Button type="primary" onClick={() => setEditing({})} data-testid={`open-${SUPERVISION_FORMS.scoreItem.key}`}>
            {t(SUPERVISION_FORMS.scoreItem.title)}
          </Button>
        )}
      </Space>
      {!!config.error && <Alert type="error" showIcon message={errorText(config.error, t, lang)} style={{ marginBottom: 12 }} />}
      <DataTable<Item>
        rowKey="code"
        size="small"
        loading={config.loading}
        dataSource={config.data?.items ?? []}
        columns={columns}
        pagination={serverPagination(paging, config.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="sup-score-items"
      />
      <ActionFormDrawer
        spec={SUPERVISION_FORMS.scoreItem}
        target={editing ? '' : null}
        initial={editing ?? undefined}
        choices={{ source: sources.map((s) => ({ value: s.source, label: en ? s.nameEn : s.nameZh })) }}
        compose={(body) => {
          const item = { ...body, perUnit: body.perUnit ?? null } as Item;
          const others = items.filter((i) => i.code !== item.code && i.code !== editing?.code);
          const at = items.findIndex((i) => i.code === (editing?.code ?? item.code));
          const next = [...others];
          next.splice(at < 0 ? next.length : at, 0, item);
          return { items: next };
        }}
        fieldOf={itemField}
        onClose={() => setEditing(null)}
        onDone={() => setTick((n) => n + 1)}
      />
    </Card>
  );
}
