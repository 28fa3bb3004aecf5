import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  type TableColumnsType,
} from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import {
  MAX_PAGE_SIZE,
  type CommandQueueItem,
  type CompoundSummary,
  type OrgNode,
  type PageOf,
  type TicketStepBody,
} from '@chengguan/contracts';
import { commandApi } from '../../api/command.ts';
import { ticketsApi, type TicketStepAction } from '../../api/tickets.ts';
import { orgApi } from '../../api/endpoints.ts';
import { api, type Query } from '../../api/client.ts';
import { applyServerErrors, errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { TicketFilterBar } from '../tickets/TicketFilterBar.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { serverPagination } from '../../lib/paging.ts';
import { loadMapData } from '../../map/map-data.ts';
import { CLOCK_LEGEND } from '../../map/clock-colours.ts';
import type { MapOverlay, OverlayFocus, OverlayPoint } from '../../map/CommandMap.tsx';
import { dutyApi } from '../../api/duty.ts';
import { Page } from '../../components/Page.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { TicketClockTag } from '../tickets/TicketClockTag.tsx';

const CommandMap = lazy(() => import('../../map/CommandMap.tsx'));

type Filters = { q?: string; state?: string; channel?: string; open?: boolean; overdue?: boolean; alerted?: boolean; repeated?: boolean };
type QueueAction = Extract<TicketStepAction, 'accept' | 'transfer' | 'returnTicket' | 'escalate' | 'merge'>;

const OPEN_STATES = ['received', 'accepted', 'dispatched', 'handling'];
/** The steps the queue offers, by state (the server's machine decides; a refused step shows its reason). */
function queueActions(item: CommandQueueItem, roles: readonly string[], hasDuplicate: boolean): QueueAction[] {
  const commander = roles.includes('commander');
  const out: QueueAction[] = [];
  if (commander && item.state === 'received') out.push('accept');
  if (commander && ['accepted', 'dispatched', 'handling'].includes(item.state)) out.push('transfer');
  if (commander && OPEN_STATES.includes(item.state)) out.push('returnTicket');
  if (OPEN_STATES.includes(item.state) && item.dispatchLevel !== 'supervision') out.push('escalate');
  if (commander && hasDuplicate && (item.state === 'received' || item.state === 'accepted') && item.parentId === null) out.push('merge');
  return out;
}

function squadsOf(nodes: readonly OrgNode[]): { value: string; label: string }[] {
  return nodes.flatMap((n) => [...(n.kind === 'squad' && n.active ? [{ value: n.id, label: n.name }] : []), ...squadsOf(n.children)]);
}

/**
 * 综合指挥: the queue of the jurisdiction's tickets (to accept first, then by the earliest running clock, with the
 * alerts raised) beside the map of the open tickets, the squads' service areas and the duplicate proposals. `overlays`
 * adds point layers to the map (e.g. officers on duty) without touching the page.
 */
export function CommandCentre({ overlays = [] }: { overlays?: readonly MapOverlay[] }) {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const roles = useMemo(() => me?.roles ?? [], [me]);
  const initial: Filters = { open: true };
  const [filters, setFilters] = useState<Filters>(initial);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [reload, setReload] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  // The overlays' switches in the legend, the points each one loaded and the one the finder asked for.
  const [hiddenOverlays, setHiddenOverlays] = useState<string[]>(() => overlays.filter((o) => o.startHidden).map((o) => o.id));
  const [overlayPoints, setOverlayPoints] = useState<Record<string, readonly OverlayPoint[]>>({});
  const [focus, setFocus] = useState<OverlayFocus | null>(null);
  const toggleOverlay = (id: string, on: boolean) => setHiddenOverlays((h) => (on ? h.filter((x) => x !== id) : [...h, id]));
  const onOverlayPoints = useCallback(
    (id: string, points: readonly OverlayPoint[]) => setOverlayPoints((p) => ({ ...p, [id]: points })),
    [],
  );
  const [acting, setActing] = useState<{ item: CommandQueueItem; action: QueueAction } | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const query = { ...filters, ...paging } as Query;
  const list = useLoad((signal) => commandApi.queue(query, signal), `${JSON.stringify(query)}:${reload}`);
  const mapContent = useLoad((signal) => commandApi.map(signal), `map:${reload}`);
  const mapData = useLoad(() => loadMapData(), 'map-data');
  const orgs = useLoad((signal) => orgApi.tree().then((x) => (signal.aborted ? [] : x)), 'orgs');
  const squads = useMemo(() => squadsOf(orgs.data ?? []), [orgs.data]);
  const duplicatesOf = useMemo(() => {
    const m = new Map<string, { value: string; label: string }[]>();
    for (const d of mapContent.data?.duplicates ?? []) {
      const list = m.get(d.ticketId) ?? [];
      list.push({ value: d.parentId, label: `${d.parentNumber}（${Math.round(d.distanceMetres)} m）` });
      m.set(d.ticketId, list);
    }
    return m;
  }, [mapContent.data]);
  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const take = async (item: CommandQueueItem, action: QueueAction, body: TicketStepBody) => {
    setBusy(true);
    try {
      await ticketsApi.step(item.id, action, body);
      void message.success(t('ticket.step.done'));
      setActing(null);
      setReload((r) => r + 1);
    } catch (err) {
      if (!applyServerErrors(form, err, lang)) void message.error(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  const start = (item: CommandQueueItem, action: QueueAction) => {
    setSelected(item.id);
    if (action === 'accept') {
      void take(item, 'accept', {});
      return;
    }
    form.resetFields();
    setActing({ item, action });
  };
  const submit = async () => {
    if (!acting) return;
    const values = (await form.validateFields()) as TicketStepBody;
    await take(acting.item, acting.action, values);
  };

  const columns = useMemo<TableColumnsType<CommandQueueItem>>(
    () => [
      {
        title: t('ticket.col.number'),
        dataIndex: 'number',
        width: 170,
        render: (n: string, r) => (
          <Link to={`/tickets/${r.id}`} data-testid="command-ticket-link">
            {n}
          </Link>
        ),
      },
      {
        title: t('ticket.col.state'),
        dataIndex: 'state',
        width: 100,
        render: (s: CommandQueueItem['state'], r) => (
          <Flex gap={4} wrap>
            {t(`ticket.state.${s}`)}
            {r.dispatchLevel === 'supervision' && <Tag color="magenta">{t('ticket.level.supervision')}</Tag>}
          </Flex>
        ),
      },
      { title: t('ticket.col.category'), dataIndex: 'categoryName', width: 140, ellipsis: true },
      { title: t('ticket.col.org'), dataIndex: 'orgName', width: 120, render: (o: string | null) => o ?? '—' },
      {
        title: t('command.col.clock'),
        key: 'clock',
        width: 260,
        render: (_, r) =>
          r.firstContact && r.firstContact.status === 'running' ? (
            <Space direction="vertical" size={0}>
              <span>{t('ticket.clock.firstContact')}</span>
              <TicketClockTag clock={r.firstContact} hours />
            </Space>
          ) : (
            <TicketClockTag clock={r.handling} />
          ),
      },
      {
        title: t('command.col.alerts'),
        key: 'alerts',
        width: 130,
        render: (_, r) => (
          <Flex gap={4} wrap data-testid="command-alerts">
            {r.alerts.map((a) => (
              <Tag key={`${a.clock}-${a.threshold}`} color={a.threshold === 'expired' ? 'red' : 'orange'}>
                {t(`command.alert.${a.clock}.${a.threshold}`)}
              </Tag>
            ))}
          </Flex>
        ),
      },
      {
        title: t('command.col.actions'),
        key: 'actions',
        width: 250,
        fixed: 'right',
        render: (_, r) => (
          <Flex gap={4} wrap>
            {queueActions(r, roles, duplicatesOf.has(r.id)).map((a) => (
              <Button
                key={a}
                size="small"
                type={a === 'accept' ? 'primary' : 'default'}
                onClick={(e) => {
                  e.stopPropagation();
                  start(r, a);
                }}
                data-testid={`command-${a}`}
              >
                {t(`ticket.action.${a}`)}
              </Button>
            ))}
          </Flex>
        ),
      },
    ],
    [t, roles, duplicatesOf],
  );

  return (
    <Page
      title={t('command.title')}
      testId="command-page"
      extra={<ExportButton path={commandApi.queueExportPath} query={filters as Query} filename={`${t('command.title')}.xlsx`} />}
    >
      <TicketFilterBar
        filters={filters}
        setFilter={setFilter}
        onReset={() => {
          setFilters(initial);
          setPaging((p) => ({ ...p, page: 1 }));
          setReload((r) => r + 1);
        }}
        extra={
          <Checkbox
            checked={!!filters.alerted}
            onChange={(e) => setFilter({ alerted: e.target.checked || undefined })}
            data-testid="command-alerted"
          >
            {t('command.filter.alerted')}
          </Checkbox>
        }
      />
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <DataTable<CommandQueueItem>
            rowKey="id"
            size="small"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            columns={columns}
            scroll={{ x: 1170 }}
            onRow={(r) => ({ onClick: () => setSelected(r.id) })}
            rowClassName={(r) =>
              [r.id === selected ? 'ant-table-row-selected' : '', r.handling.status === 'overdue' ? 'row-overdue' : ''].join(' ')
            }
            pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
            data-testid="command-queue"
          />
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('command.map.title')}>
            {mapContent.data?.truncated && (
              <Alert type="warning" showIcon message={t('command.map.truncated')} style={{ marginBottom: 8 }} />
            )}
            {mapData.data ? (
              <Suspense fallback={<Spin />}>
                <CommandMap
                  data={mapData.data}
                  content={mapContent.data ?? null}
                  selectedId={selected}
                  onSelect={setSelected}
                  overlays={overlays}
                  hiddenOverlays={hiddenOverlays}
                  focus={focus}
                  onOverlayPoints={onOverlayPoints}
                  unavailableText={t('command.map.unavailable')}
                />
              </Suspense>
            ) : mapData.error ? (
              <Alert type="warning" showIcon message={t('command.map.unavailable')} />
            ) : (
              <Spin />
            )}
            <Flex gap={8} wrap style={{ marginTop: 8 }} data-testid="command-legend" title={t('act.map.layerHint')}>
              {CLOCK_LEGEND.map(([clock, colour]) => (
                <Tag key={clock} color={colour}>
                  {t(`command.clock.${clock}`)}
                </Tag>
              ))}
              <Tag color="#d46b08">{t('command.map.duplicate')}</Tag>
              <Tag color="#1677ff">{t('command.map.area')}</Tag>
              {overlays.map((o) => {
                const on = !hiddenOverlays.includes(o.id);
                return (
                  <Tag.CheckableTag
                    key={o.id}
                    checked={on}
                    onChange={(v) => toggleOverlay(o.id, v)}
                    style={on ? { background: o.colour } : { borderColor: o.colour, color: o.colour }}
                    data-testid={`command-layer-${o.id}`}
                    aria-pressed={on}
                  >
                    {o.legend ?? o.id}
                  </Tag.CheckableTag>
                );
              })}
            </Flex>
            {overlays
              .filter((o) => o.finder && !hiddenOverlays.includes(o.id))
              .map((o) => (
                <Select
                  key={o.id}
                  showSearch
                  allowClear
                  placeholder={o.finder}
                  optionFilterProp="label"
                  value={focus?.overlayId === o.id ? focus.pointId : undefined}
                  onChange={(id: string | undefined) => setFocus(id ? { overlayId: o.id, pointId: id, seq: (focus?.seq ?? 0) + 1 } : null)}
                  options={(overlayPoints[o.id] ?? []).map((p) => ({ value: p.id, label: p.label ?? p.id }))}
                  style={{ width: '100%', marginTop: 8 }}
                  data-testid={`command-find-${o.id}`}
                />
              ))}
          </Card>
        </Col>
      </Row>
      <Modal
        open={acting !== null}
        title={acting ? `${t(`ticket.action.${acting.action}`)} ${acting.item.number}` : ''}
        onCancel={() => setActing(null)}
        onOk={() => void submit()}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {acting?.action === 'transfer' && (
            <Form.Item
              name="orgId"
              label={t('ticket.step.org')}
              rules={[{ required: true, message: t('common.required', { field: t('ticket.step.org') }) }]}
            >
              <Select
                options={squads.filter((s) => s.value !== acting.item.orgId)}
                loading={orgs.loading}
                showSearch
                optionFilterProp="label"
                data-testid="command-transfer-org"
              />
            </Form.Item>
          )}
          {acting?.action === 'merge' && (
            <Form.Item
              name="parentTicketId"
              label={t('ticket.step.parent')}
              rules={[{ required: true, message: t('common.required', { field: t('ticket.step.parent') }) }]}
            >
              <Select options={duplicatesOf.get(acting.item.id) ?? []} />
            </Form.Item>
          )}
          <Form.Item
            name="reason"
            label={t('ticket.step.reason')}
            rules={[{ required: true, min: 2, message: t('common.required', { field: t('ticket.step.reason') }) }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="command-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}

/** The officers on duty (勤务: the latest point of each officer on a running shift who agreed to report it). */
export default function CommandPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const seesCompounds = !!me?.permissions.includes('subject:read');
  const overlays = useMemo<MapOverlay[]>(
    () => [
      // 住宅小区 (issue 17 §2): every compound with a point; the popup opens its record on the compounds page.
      ...(seesCompounds
        ? [
            {
              id: 'compounds',
              colour: '#13c2c2',
              legend: t('act.map.compounds'),
              startHidden: true,
              finder: t('act.map.findCompound'),
              load: (signal: AbortSignal) => loadCompounds(signal, t('act.map.households')),
              link: {
                text: t('act.map.openCompound'),
                open: (_id: string, name: string) => navigate(`/compounds?q=${encodeURIComponent(name)}`),
              },
            },
          ]
        : []),
      {
        id: 'duty',
        colour: '#722ed1',
        legend: t('command.map.overlay.duty'),
        refreshMs: 60_000,
        load: async (signal) =>
          (await dutyApi.positions({}, signal)).items.map((p) => ({
            id: p.officerId,
            lon: p.lng,
            lat: p.lat,
            label: `${p.name}（${p.shiftName}）`,
          })),
      },
    ],
    [t, seesCompounds, navigate],
  );
  return <CommandCentre overlays={overlays} />;
}

/** The compounds with a point, a page of the largest size at a time (at most 10 pages: 2,000 compounds). */
async function loadCompounds(signal: AbortSignal, householdsLabel: string): Promise<OverlayPoint[]> {
  const out: OverlayPoint[] = [];
  for (let page = 1; page <= 10; page++) {
    const p = await api.get<PageOf<CompoundSummary>>('/api/v1/compounds', { page, pageSize: MAX_PAGE_SIZE }, signal);
    for (const c of p.items)
      if (c.lon !== null && c.lat !== null)
        out.push({
          id: c.id,
          lon: c.lon,
          lat: c.lat,
          label: c.name,
          detail: [c.address, c.households === null ? null : `${householdsLabel} ${c.households}`].filter(Boolean).join(' · '),
        });
    if (page * MAX_PAGE_SIZE >= p.total) break;
  }
  return out;
}
