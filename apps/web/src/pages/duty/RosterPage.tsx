// 排班表: one squad's week — officers by days, a shift (or several) per cell and one patrol area per officer's week.
// Saving sends the whole week; the server refuses it as a whole (two shifts at once, no valid credential on a field
// shift, an officer of another squad) and the refused cell is marked.
import { useCallback, useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Flex, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { RosterWeek, SaveRosterBody } from '@chengguan/contracts';
import { dutyApi } from '../../api/duty.ts';
import { ApiError, newIdempotencyKey } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { Page } from '../../components/Page.tsx';
import { SquadPicker } from './SquadPicker.tsx';
import { bureauToday } from '../../lib/bureauTime';

type Cells = Record<string, string[]>; // `${officerId}|${date}` → shift ids
type Areas = Record<string, string | null>; // officerId → patrol area

const mondayOf = (d: Dayjs) => d.subtract((d.day() + 6) % 7, 'day').format('YYYY-MM-DD');

function cellsOf(week: RosterWeek): { cells: Cells; areas: Areas } {
  const cells: Cells = {};
  const areas: Areas = {};
  for (const e of week.entries) {
    const k = `${e.officerId}|${e.dutyDate}`;
    cells[k] = [...(cells[k] ?? []), e.shiftId];
    if (e.patrolAreaId) areas[e.officerId] = e.patrolAreaId;
  }
  return { cells, areas };
}

export default function RosterPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { me } = useAuth();
  const canWrite = !!me?.permissions.includes('duty:write');
  const [orgId, setOrgId] = useState<string>();
  const [weekStart, setWeekStart] = useState(() => mondayOf(bureauToday()));
  const [edit, setEdit] = useState<{ key: string; cells: Cells; areas: Areas } | null>(null);
  const [refusal, setRefusal] = useState<{ text: string; cell: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const key = `${orgId}|${weekStart}`;
  const week = useLoad((signal) => (orgId ? dutyApi.roster(orgId, weekStart, signal) : Promise.resolve(undefined)), key);
  const data = week.data;
  const current = useMemo(() => (edit?.key === key ? edit : data ? { key, ...cellsOf(data) } : null), [edit, data, key]);
  const pick = useCallback((id: string) => setOrgId(id), []);

  const entriesOf = (c: { cells: Cells; areas: Areas }): { body: SaveRosterBody['entries']; cellOf: string[] } => {
    const body: SaveRosterBody['entries'] = [];
    const cellOf: string[] = [];
    for (const [k, shiftIds] of Object.entries(c.cells)) {
      const [officerId, dutyDate] = k.split('|') as [string, string];
      for (const shiftId of shiftIds) {
        body.push({ officerId, dutyDate, shiftId, patrolAreaId: c.areas[officerId] ?? null });
        cellOf.push(k);
      }
    }
    return { body, cellOf };
  };

  const run = async (action: () => Promise<RosterWeek>, done: string, cellOf: string[] = []) => {
    setBusy(true);
    setRefusal(null);
    try {
      await action();
      setEdit(null);
      week.reload();
      void message.success(done);
    } catch (err) {
      const field = err instanceof ApiError ? (err.body.field ?? '') : '';
      const m = /^entries\.(\d+)/.exec(field);
      setRefusal({ text: errorText(err, t, lang), cell: m ? (cellOf[Number(m[1])] ?? null) : null });
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    if (!current || !orgId) return;
    const { body, cellOf } = entriesOf(current);
    const idem = newIdempotencyKey();
    void run(() => dutyApi.saveRoster({ orgId, weekStart, entries: body }, { idempotencyKey: idem }), t('duty.roster.saved'), cellOf);
  };
  const copy = () => {
    if (!orgId) return;
    const idem = newIdempotencyKey();
    void run(() => dutyApi.copyPreviousWeek(orgId, weekStart, { idempotencyKey: idem }), t('duty.roster.copied'));
  };
  const addDefaults = async () => {
    if (!orgId) return;
    setBusy(true);
    try {
      for (const [code, startMinute, endMinute] of [
        ['early', 360, 840],
        ['day', 510, 1050],
        ['night', 1200, 480],
      ] as const) {
        await dutyApi.saveShift({ orgId, code, name: t(`duty.shift.${code}`), startMinute, endMinute, field: true });
      }
      week.reload();
    } catch (err) {
      void message.error(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };

  type Row = { id: string; name: string; credentialStatus: string };
  const columns: TableColumnsType<Row> = [
    {
      title: t('duty.roster.officer'),
      dataIndex: 'name',
      fixed: 'left',
      width: 150,
      render: (name: string, r) => (
        <Flex vertical gap={4}>
          <span>{name}</span>
          {r.credentialStatus !== 'valid' && (
            <Tag color={r.credentialStatus === 'expiring' ? 'gold' : 'red'}>{t(`credStatus.${r.credentialStatus}` as MessageKey)}</Tag>
          )}
          <Select
            size="small"
            allowClear
            disabled={!canWrite}
            placeholder={t('duty.roster.noArea')}
            value={current?.areas[r.id] ?? undefined}
            options={(data?.patrolAreas ?? []).map((a) => ({ value: a.id, label: a.name }))}
            onChange={(v: string | undefined) => current && setEdit({ ...current, areas: { ...current.areas, [r.id]: v ?? null } })}
          />
        </Flex>
      ),
    },
    ...(data?.days ?? []).map((d) => ({
      title: (
        <span>
          {dayjs(d.date).format('MM-DD ddd')} {!d.workingDay && <Tag color="default">{t('duty.roster.rest')}</Tag>}
        </span>
      ),
      key: d.date,
      width: 150,
      render: (_: unknown, r: Row) => {
        const k = `${r.id}|${d.date}`;
        return (
          <Select
            mode="multiple"
            size="small"
            style={{ width: '100%' }}
            disabled={!canWrite}
            status={refusal?.cell === k ? 'error' : undefined}
            value={current?.cells[k] ?? []}
            options={(data?.shifts ?? []).map((s) => ({ value: s.id, label: s.name, title: s.hours }))}
            onChange={(v: string[]) => current && setEdit({ ...current, cells: { ...current.cells, [k]: v } })}
            data-testid={`roster-cell-${r.name}-${d.date}`}
          />
        );
      },
    })),
  ];

  return (
    <Page
      title={t('duty.roster.title')}
      testId="roster-page"
      extra={
        canWrite && (
          <Space>
            <Button onClick={copy} loading={busy} data-testid="roster-copy">
              {t('duty.roster.copy')}
            </Button>
            <Button type="primary" onClick={save} loading={busy} disabled={!current} data-testid="roster-save">
              {t('duty.roster.save')}
            </Button>
          </Space>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <SquadPicker value={orgId} onChange={pick} />
        <DatePicker
          picker="week"
          allowClear={false}
          value={dayjs(weekStart)}
          onChange={(v) => v && setWeekStart(mondayOf(v))}
          data-testid="roster-week"
        />
      </Space>
      <Alert type="info" showIcon message={t('duty.roster.hint')} style={{ marginBottom: 16 }} />
      {refusal && (
        <Alert
          type="error"
          showIcon
          message={t('duty.roster.refused')}
          description={refusal.text}
          style={{ marginBottom: 16 }}
          data-testid="roster-refusal"
        />
      )}
      {!!week.error && <Alert type="error" showIcon message={errorText(week.error, t, lang)} style={{ marginBottom: 16 }} />}
      {data && data.shifts.length === 0 && (
        <Alert
          type="warning"
          showIcon
          message={t('duty.roster.noShifts')}
          action={
            canWrite && (
              <Button size="small" onClick={() => void addDefaults()} loading={busy} data-testid="roster-add-shifts">
                {t('duty.roster.addDefaults')}
              </Button>
            )
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<Row>
        rowKey="id"
        size="small"
        bordered
        loading={week.loading}
        pagination={false}
        dataSource={data?.officers ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        data-testid="roster-table"
      />
    </Page>
  );
}
