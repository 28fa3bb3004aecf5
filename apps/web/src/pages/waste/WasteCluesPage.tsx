// 建筑垃圾线索 (docs/waste.md §3): filters (day, kind, status, plate), server paging, Excel export; a clue's drawer shows
// the truck's day on the map with the clue's stretch drawn stronger, and the actions the API offers: confirm into a
// case (the track becomes electronic evidence), dismiss with a reason, and 扣押 of the vehicle on a confirmed clue.
import { lazy, Suspense, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Spin,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { ConfirmWasteClueBody, PartyBody, SeizeVehicleBody, WasteClue, WasteSeizure } from '@chengguan/contracts';
import { WASTE_CLUE_KINDS, WASTE_CLUE_STATUSES } from '@chengguan/contracts';
import { wasteApi } from '../../api/waste.ts';
import { officerApi } from '../../api/endpoints.ts';
import { type Query } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { serverPagination } from '../../lib/paging.ts';
import { Page } from '../../components/Page.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { useMapData } from '../../map/LocationField.tsx';
import { useOrgOptions } from './waste-shared.tsx';
import { bureauToday } from '../../lib/bureauTime';

const WasteMap = lazy(() => import('./WasteMap.tsx'));

type Filters = { day?: string; kind?: string; status?: string; plate?: string };
const STATUS_COLOR = { open: 'orange', confirmed: 'red', dismissed: 'default' } as const;
const fmt = (iso: string) => dayjs(iso).format('HH:mm');

export function ClueTrack({ clue }: { clue: WasteClue }) {
  const { t, lang } = useI18n();
  const { data } = useMapData();
  const track = useLoad((signal) => wasteApi.track(clue.plate, clue.day, signal), `${clue.plate}|${clue.day}`);
  const stretch = useMemo(() => ({ from: Date.parse(clue.from) / 1000, to: Date.parse(clue.to) / 1000 }), [clue]);
  if (track.error) return <Alert type="error" showIcon message={errorText(track.error, t, lang)} />;
  if (!data || !track.data) return <Spin />;
  return (
    <>
      <Typography.Text type="secondary" data-testid="waste-track-count">
        {t('waste.track.legend', { n: track.data.points.length })}
      </Typography.Text>
      <Suspense fallback={<Spin />}>
        <WasteMap
          data={data}
          track={track.data}
          stretch={stretch}
          height={320}
          testId="waste-track-map"
          unavailableText={t('waste.map.unavailable')}
        />
      </Suspense>
    </>
  );
}

type ConfirmValues = { orgId: string; offenceCode: string; facts?: string } & Pick<
  PartyBody,
  'type' | 'name' | 'idType' | 'idNumber' | 'phone'
>;

export default function WasteCluesPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [shown, setShown] = useState<WasteClue | null>(null);
  const [action, setAction] = useState<'confirm' | 'dismiss' | 'seize' | null>(null);
  const [seizure, setSeizure] = useState<WasteSeizure | null>(null);
  const [form] = Form.useForm();
  const query = { ...filters, ...paging } as Query;
  const list = useLoad((signal) => wasteApi.clues(query, signal), JSON.stringify(query));
  const canWrite = !!me?.permissions.includes('waste:write');
  const canCase = canWrite && !!me?.permissions.includes('case:write');
  const squads = useOrgOptions('squad', action === 'confirm');
  // The bureau's leaders who may approve a seizure (H1); a user who cannot list officers sees none and uses the emergency box.
  const leadersLoad = useLoad(
    (signal) =>
      action === 'seize'
        ? officerApi.list({ role: 'bureau_leader', active: true, page: 1, pageSize: 50 }, signal).catch(() => null)
        : Promise.resolve(null),
    String(action),
  );
  const leaders = (leadersLoad.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const done = (c: WasteClue) => {
    setAction(null);
    setShown(c);
    list.reload();
  };
  const confirm = useSubmit<ConfirmWasteClueBody, WasteClue>(
    form,
    (b, idempotencyKey) => wasteApi.confirm(shown!.id, b, { idempotencyKey }),
    {
      successMessage: t('waste.clue.confirmed'),
      fieldMap: {
        'party.name': 'name',
        'party.idNumber': 'idNumber',
        'party.type': 'type',
        'party.idType': 'idType',
        'party.phone': 'phone',
      },
      onSuccess: done,
    },
  );
  const dismiss = useSubmit<{ reason: string }, WasteClue>(
    form,
    (b, idempotencyKey) => wasteApi.dismiss(shown!.id, b, { idempotencyKey }),
    {
      successMessage: t('waste.clue.dismissed'),
      onSuccess: done,
    },
  );
  const seize = useSubmit<SeizeVehicleBody, WasteSeizure>(form, (b, idempotencyKey) => wasteApi.seize(shown!.id, b, { idempotencyKey }), {
    successMessage: t('waste.clue.seized'),
    onSuccess: (s) => {
      setAction(null);
      setSeizure(s);
      list.reload();
    },
  });
  const columns = useMemo<TableColumnsType<WasteClue>>(
    () => [
      { title: t('waste.col.day'), dataIndex: 'day', width: 110 },
      {
        title: t('waste.col.clueKind'),
        dataIndex: 'kind',
        width: 180,
        render: (k: WasteClue['kind'], c) => (
          <a
            onClick={() => {
              setSeizure(null);
              setShown(c);
            }}
            data-testid="waste-clue-link"
          >
            {t(`waste.clueKind.${k}`)}
          </a>
        ),
      },
      { title: t('waste.col.plate'), dataIndex: 'plate', width: 120 },
      {
        title: t('waste.col.companyName'),
        dataIndex: 'companyName',
        width: 180,
        render: (n: string | null) => n ?? t('waste.clue.unregistered'),
      },
      { title: t('waste.col.site'), dataIndex: 'siteName', width: 150, render: (n: string | null) => n ?? '—' },
      { title: t('waste.col.time'), key: 'time', width: 130, render: (_: unknown, c) => `${fmt(c.from)}–${fmt(c.to)}` },
      { title: t('waste.col.minutes'), dataIndex: 'minutes', width: 90, render: (m: number) => Math.round(m) },
      {
        title: t('waste.col.clueStatus'),
        dataIndex: 'status',
        width: 100,
        render: (s: WasteClue['status']) => <Tag color={STATUS_COLOR[s]}>{t(`waste.clueStatus.${s}`)}</Tag>,
      },
    ],
    [t],
  );
  const c = shown;
  return (
    <Page
      title={t('waste.clues.title')}
      testId="waste-clues-page"
      extra={<ExportButton path={wasteApi.cluesExportPath} query={filters as Query} filename={`${t('waste.clues.title')}.xlsx`} />}
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <DatePicker
            placeholder={t('waste.col.day')}
            value={filters.day ? dayjs(filters.day) : null}
            onChange={(d: Dayjs | null) => setFilter({ day: d ? d.format('YYYY-MM-DD') : undefined })}
            data-testid="waste-clue-day"
          />
          <Select
            allowClear
            placeholder={t('waste.col.clueKind')}
            value={filters.kind}
            onChange={(v: string | undefined) => setFilter({ kind: v })}
            options={WASTE_CLUE_KINDS.map((k) => ({ value: k, label: t(`waste.clueKind.${k}`) }))}
            style={{ width: 180 }}
          />
          <Select
            allowClear
            placeholder={t('waste.col.clueStatus')}
            value={filters.status}
            onChange={(v: string | undefined) => setFilter({ status: v })}
            options={WASTE_CLUE_STATUSES.map((k) => ({ value: k, label: t(`waste.clueStatus.${k}`) }))}
            style={{ width: 120 }}
          />
          <Input.Search
            allowClear
            placeholder={t('waste.col.plate')}
            onSearch={(v) => setFilter({ plate: v.trim() || undefined })}
            style={{ width: 180 }}
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => setFilter({ day: undefined, kind: undefined, status: undefined, plate: undefined })}
          >
            {t('common.reset')}
          </Button>
        </Flex>
      </Card>
      {!!list.error && <Alert type="error" showIcon message={errorText(list.error, t, lang)} style={{ marginBottom: 16 }} />}
      <DataTable<WasteClue>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={serverPagination(paging, list.data?.total ?? 0, setPaging, (n) => t('common.total', { n }))}
        data-testid="waste-clues-table"
      />
      <Drawer
        open={!!c}
        width="min(720px, 100vw)"
        title={c ? t('waste.clue.title', { plate: c.plate, day: c.day }) : ''}
        onClose={() => setShown(null)}
        destroyOnHidden
      >
        {c && (
          <Flex vertical gap={12} data-testid="waste-clue-drawer">
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('waste.col.clueKind')}>{t(`waste.clueKind.${c.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('waste.col.companyName')}>{c.companyName ?? t('waste.clue.unregistered')}</Descriptions.Item>
              <Descriptions.Item label={t('waste.col.site')}>{c.siteName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('waste.col.time')}>
                {`${dayjs(c.from).format('HH:mm:ss')} – ${dayjs(c.to).format('HH:mm:ss')}`} · {t('waste.clue.points', { n: c.points })}
              </Descriptions.Item>
              <Descriptions.Item label={t('waste.col.clueStatus')}>
                <Tag color={STATUS_COLOR[c.status]} data-testid="waste-clue-status">
                  {t(`waste.clueStatus.${c.status}`)}
                </Tag>
                {c.dismissReason ?? ''}
              </Descriptions.Item>
            </Descriptions>
            {seizure && (
              <Alert
                type="success"
                showIcon
                message={t('waste.clue.seizureDone', { plate: seizure.plate, deadline: seizure.deadline })}
                description={seizure.deadlineBasis}
              />
            )}
            <Flex wrap gap={8}>
              {canCase && c.status === 'open' && (
                <Button type="primary" onClick={() => setAction('confirm')} data-testid="waste-clue-confirm">
                  {t('waste.clue.confirm')}
                </Button>
              )}
              {canWrite && c.status === 'open' && (
                <Button onClick={() => setAction('dismiss')} data-testid="waste-clue-dismiss">
                  {t('waste.clue.dismiss')}
                </Button>
              )}
              {canCase && c.status === 'confirmed' && c.vehicleId && !seizure && (
                <Button danger onClick={() => setAction('seize')} data-testid="waste-clue-seize">
                  {t('waste.clue.seize')}
                </Button>
              )}
            </Flex>
            <ClueTrack clue={c} />
          </Flex>
        )}
      </Drawer>
      <Modal
        open={action === 'confirm'}
        title={t('waste.clue.confirm')}
        confirmLoading={confirm.loading}
        onCancel={() => setAction(null)}
        onOk={() =>
          void form.validateFields().then((v: ConfirmValues) =>
            confirm.submit({
              orgId: v.orgId,
              offenceCode: v.offenceCode,
              ...(v.facts ? { facts: v.facts } : {}),
              party: { type: v.type, name: v.name, idType: v.idType, idNumber: v.idNumber, ...(v.phone ? { phone: v.phone } : {}) },
            }),
          )
        }
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ type: 'legal_person', idType: 'uscc', orgId: me?.orgId }}
          data-testid="waste-confirm-form"
        >
          <Typography.Paragraph type="secondary">{t('waste.clue.confirmNote')}</Typography.Paragraph>
          <Form.Item name="orgId" label={t('waste.field.squad')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={squads} />
          </Form.Item>
          <Form.Item name="offenceCode" label={t('offsite.review.offenceCode')} rules={[{ required: true, max: 40 }]}>
            <Input data-testid="waste-confirm-offence" />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item name="type" label={t('offsite.review.partyType')} style={{ flex: 1, minWidth: 140 }} rules={[{ required: true }]}>
              <Select
                options={(['natural_person', 'legal_person', 'other_org'] as const).map((p) => ({
                  value: p,
                  label: t(`offsite.partyType.${p}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="idType" label={t('offsite.review.idType')} style={{ flex: 1, minWidth: 140 }} rules={[{ required: true }]}>
              <Select options={(['id_card', 'uscc'] as const).map((p) => ({ value: p, label: t(`offsite.idType.${p}`) }))} />
            </Form.Item>
          </Flex>
          <Form.Item name="name" label={t('offsite.review.partyName')} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="waste-confirm-name" />
          </Form.Item>
          <Form.Item name="idNumber" label={t('offsite.review.idNumber')} rules={[{ required: true, max: 40 }]}>
            <Input data-testid="waste-confirm-id" />
          </Form.Item>
          <Form.Item name="phone" label={t('offsite.review.phone')}>
            <Input />
          </Form.Item>
          <Form.Item name="facts" label={t('waste.field.facts')}>
            <Input.TextArea rows={3} placeholder={t('waste.clue.factsHint')} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={action === 'dismiss'}
        title={t('waste.clue.dismiss')}
        confirmLoading={dismiss.loading}
        onCancel={() => setAction(null)}
        onOk={() => void form.validateFields().then((v: { reason: string }) => dismiss.submit(v))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="reason" label={t('waste.field.dismissReason')} rules={[{ required: true, min: 2, max: 500 }]}>
            <Input.TextArea rows={3} data-testid="waste-dismiss-reason" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={action === 'seize'}
        title={t('waste.clue.seize')}
        confirmLoading={seize.loading}
        onCancel={() => setAction(null)}
        onOk={() =>
          void form.validateFields().then((v: { seizedOn: Dayjs; emergency?: boolean; approvedBy?: string; approvedAt?: Dayjs }) =>
            seize.submit({
              seizedOn: v.seizedOn.format('YYYY-MM-DD'),
              emergency: !!v.emergency,
              ...(v.approvedBy ? { approvedBy: v.approvedBy } : {}),
              ...(v.approvedAt ? { approvedAt: v.approvedAt.toISOString() } : {}),
            }),
          )
        }
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ seizedOn: bureauToday(), emergency: false }}>
          <Typography.Paragraph type="secondary">{t('waste.clue.seizeNote')}</Typography.Paragraph>
          <Form.Item name="seizedOn" label={t('waste.field.seizedOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="approvedBy" label={t('waste.field.approvedBy')}>
            <Select allowClear showSearch optionFilterProp="label" options={leaders} placeholder={t('waste.clue.approvedByHint')} />
          </Form.Item>
          <Form.Item name="approvedAt" label={t('waste.field.approvedAt')}>
            <DatePicker showTime style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="emergency" valuePropName="checked">
            <Checkbox>{t('waste.field.emergency')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
