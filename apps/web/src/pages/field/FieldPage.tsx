// 外勤 (docs/field-app.md): the officer records a ticket (his own discovery), an evidence photo for a case or a
// note for his duty log (工作日志, tagged 3级18类) with or without a signal (an inspection's result is queued from the
// inspection page); everything goes through the outbox on the phone and is sent when the connection returns. The
// list shows what is waiting; a refused item shows the server's reason and the officer's choices.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Form, Input, List, Radio, Select, Space, Tag, Typography, Upload, message } from 'antd';
import { CameraOutlined, CloudSyncOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { newIdempotencyKey } from '../../api/client.ts';
import {
  discard,
  enqueue,
  flushQueue,
  handoverFile,
  listQueue,
  markHandover,
  onQueueChange,
  retryAsNew,
  type QueuedItem,
  type QueuedPhoto,
} from '../../field/field-queue.ts';
import { pageConnection } from '../../field/connection.ts';
import { watermarkPhoto } from '../../field/watermark.ts';
import { dutyApi } from '../../api/duty.ts';
import { useLoad } from '../../lib/useLoad.ts';

type Kind = 'ticket' | 'evidence' | 'note';
type Values = {
  content?: string;
  address?: string;
  categoryCode?: string;
  caseId?: string;
  title?: string;
  tagCode?: string;
  summary?: string;
};

/** Whether the platform answers (field/connection.ts), asked once when the page opens. */
function useOnline(): boolean {
  const [online, setOnline] = useState(() => pageConnection().reachable());
  useEffect(() => {
    const connection = pageConnection();
    const off = connection.subscribe(setOnline);
    void connection.check();
    return off;
  }, []);
  return online;
}

export default function FieldPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const online = useOnline();
  const [kind, setKind] = useState<Kind>('ticket');
  const [photos, setPhotos] = useState<QueuedPhoto[]>([]);
  const [items, setItems] = useState<QueuedItem[]>([]);
  const [form] = Form.useForm<Values>();
  const [position, setPosition] = useState<{ lon: number; lat: number } | null>(null);
  // The scheme's tags are read while there is a signal (and answered from the phone's cache without one).
  const tags = useLoad((signal) => dutyApi.logTags(signal), 'field-log-tags');

  const reload = useCallback(() => void listQueue().then(setItems), []);
  useEffect(() => {
    reload();
    return onQueueChange(reload);
  }, [reload]);
  useEffect(() => {
    if (online && me) void flushQueue(me.id);
  }, [online, me]);
  useEffect(() => {
    navigator.geolocation?.getCurrentPosition(
      (p) => setPosition({ lon: p.coords.longitude, lat: p.coords.latitude }),
      () => setPosition(null),
      { timeout: 5000 },
    );
  }, []);

  if (!me) return null;

  const place = () => {
    const address = form.getFieldValue('address') as string | undefined;
    const at = position ? `${position.lon.toFixed(5)}, ${position.lat.toFixed(5)}` : '';
    return [address, at].filter(Boolean).join(' ') || t('field.placeUnknown');
  };

  const capture = async (file: File) => {
    const shot = await watermarkPhoto(file, { at: new Date(), place: place(), officer: `${me.name}（${me.username}）` });
    setPhotos((ps) => [...ps, { sm3: shot.sm3, type: 'image/jpeg', bytes: shot.bytes }]);
    return false;
  };

  const submit = async (v: Values) => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    if (kind === 'ticket') {
      await enqueue({
        kind: 'ticket',
        label: v.content!.slice(0, 40),
        officerId: me.id,
        photos,
        steps: [
          {
            method: 'POST',
            url: '/api/v1/tickets',
            idempotencyKey: newIdempotencyKey(),
            body: {
              channel: 'officer',
              categoryCode: v.categoryCode,
              content: v.content,
              ...(v.address ? { address: v.address } : {}),
              ...(position ? { point: { lon: position.lon, lat: position.lat, crs: 'wgs84' } } : {}),
              photoSm3s: photos.length ? '$photos' : [],
            },
          },
        ],
      });
    } else if (kind === 'note') {
      await enqueue({
        kind: 'note',
        label: v.summary!.slice(0, 40),
        officerId: me.id,
        photos: [],
        steps: [
          {
            method: 'POST',
            url: '/api/v1/duty/log',
            idempotencyKey: newIdempotencyKey(),
            body: { entryDate: today, tagCode: v.tagCode, summary: v.summary },
          },
        ],
      });
    } else {
      if (!photos.length) {
        void message.error(t('field.photoRequired'));
        return;
      }
      await enqueue({
        kind: 'evidence',
        label: v.title!,
        officerId: me.id,
        photos,
        steps: [
          {
            method: 'POST',
            url: `/api/v1/cases/${encodeURIComponent(v.caseId!.trim())}/evidence`,
            idempotencyKey: newIdempotencyKey(),
            body: { date: today, evidenceType: 'audio_visual', title: v.title, fileSm3: '$photo' },
          },
        ],
      });
    }
    form.resetFields();
    setPhotos([]);
    void message.success(online ? t('field.queuedOnline') : t('field.queuedOffline'));
    if (online) void flushQueue(me.id);
  };

  const saveHandover = async (item: QueuedItem) => {
    const marked = await markHandover(item.id);
    if (!marked) return;
    const url = URL.createObjectURL(await handoverFile(marked));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${t('field.handoverFile')}-${marked.queuedAt.slice(0, 10)}.json`;
    a.click();
    URL.revokeObjectURL(url);
  };

  const waiting = items.filter((i) => i.state === 'waiting' || i.state === 'sending').length;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('field.title')}
      </Typography.Title>
      {online ? (
        <Alert type="success" showIcon message={t('field.online')} data-testid="field-online" />
      ) : (
        <Alert type="warning" showIcon message={t('field.offline')} data-testid="field-offline" />
      )}
      <Card title={t('field.record')}>
        <Radio.Group
          value={kind}
          onChange={(e) => setKind(e.target.value as Kind)}
          style={{ marginBottom: 12, display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
        >
          <Radio.Button value="ticket" data-testid="field-kind-ticket">
            {t('field.kind.ticket')}
          </Radio.Button>
          <Radio.Button value="evidence" data-testid="field-kind-evidence">
            {t('field.kind.evidence')}
          </Radio.Button>
          <Radio.Button value="note" data-testid="field-kind-note">
            {t('field.kind.note')}
          </Radio.Button>
        </Radio.Group>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ categoryCode: 'SR04' }}>
          {kind === 'ticket' ? (
            <>
              <Form.Item name="categoryCode" label={t('field.category')} rules={[{ required: true, message: t('field.required') }]}>
                <Input data-testid="field-category" />
              </Form.Item>
              <Form.Item name="content" label={t('field.content')} rules={[{ required: true, min: 4, message: t('field.contentRule') }]}>
                <Input.TextArea rows={3} data-testid="field-content" />
              </Form.Item>
              <Form.Item name="address" label={t('field.address')} rules={[{ required: !position, message: t('field.addressRule') }]}>
                <Input data-testid="field-address" />
              </Form.Item>
            </>
          ) : kind === 'note' ? (
            <>
              <Form.Item name="tagCode" label={t('field.noteTag')} rules={[{ required: true, message: t('field.required') }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  data-testid="field-note-tag"
                  loading={tags.loading}
                  options={(tags.data ?? [])
                    .filter((x) => x.level >= 2)
                    .map((x) => ({ value: x.code, label: `${x.code} ${lang.startsWith('en') ? x.nameEn : x.nameZh}` }))}
                />
              </Form.Item>
              <Form.Item name="summary" label={t('field.noteSummary')} rules={[{ required: true, min: 2, message: t('field.noteRule') }]}>
                <Input.TextArea rows={3} maxLength={1000} data-testid="field-note-summary" />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item name="caseId" label={t('field.caseId')} rules={[{ required: true, message: t('field.required') }]}>
                <Input data-testid="field-case" />
              </Form.Item>
              <Form.Item name="title" label={t('field.evidenceTitle')} rules={[{ required: true, message: t('field.required') }]}>
                <Input data-testid="field-title" />
              </Form.Item>
            </>
          )}
          <Form.Item label={t('field.photos')} extra={t('field.photosHint')} hidden={kind === 'note'}>
            <Upload accept="image/*" capture="environment" showUploadList={false} beforeUpload={(f) => capture(f)} multiple>
              <Button icon={<CameraOutlined />} data-testid="field-photo">
                {t('field.takePhoto')}
              </Button>
            </Upload>
            <div data-testid="field-photo-list">
              {photos.map((p) => (
                <Typography.Text key={p.sm3} code style={{ display: 'block', fontSize: 12 }} data-testid="field-photo-sm3">
                  SM3 {p.sm3}
                </Typography.Text>
              ))}
            </div>
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="field-submit">
            {t('field.save')}
          </Button>
        </Form>
      </Card>
      <Card
        title={
          <Space>
            {t('field.queue')}
            <Badge count={waiting} showZero data-testid="field-waiting" />
          </Space>
        }
        extra={
          <Button icon={<CloudSyncOutlined />} disabled={!online} onClick={() => void flushQueue(me.id)} data-testid="field-sync">
            {t('field.syncNow')}
          </Button>
        }
      >
        <List
          dataSource={items}
          locale={{ emptyText: t('field.queueEmpty') }}
          renderItem={(i) => (
            <List.Item data-testid="field-item" data-state={i.state}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <Tag>{t(`field.kind.${i.kind}` as MessageKey)}</Tag>
                  <Typography.Text>{i.label}</Typography.Text>
                  <Tag color={i.state === 'refused' ? 'red' : i.state === 'handover' ? 'orange' : 'blue'}>
                    {t(`field.state.${i.state}` as MessageKey)}
                  </Tag>
                  <Typography.Text type="secondary">{new Date(i.queuedAt).toLocaleString(lang)}</Typography.Text>
                </Space>
                {i.refusal ? (
                  <Alert
                    type="error"
                    showIcon
                    data-testid="field-refusal"
                    message={lang.startsWith('en') ? i.refusal.body.messageEn : i.refusal.body.message}
                    description={i.refusal.status === 409 || i.refusal.status === 422 ? t('field.conflictHint') : t('field.refusedHint')}
                  />
                ) : null}
                {i.state === 'refused' || i.state === 'handover' ? (
                  <Space wrap>
                    <Button size="small" onClick={() => void retryAsNew(i.id).then(() => flushQueue(me.id))} data-testid="field-retry">
                      {t('field.retryAsNew')}
                    </Button>
                    <Button size="small" onClick={() => void saveHandover(i)} data-testid="field-handover">
                      {t('field.handover')}
                    </Button>
                    <Button size="small" danger onClick={() => void discard(i.id)} data-testid="field-discard">
                      {t('field.discard')}
                    </Button>
                  </Space>
                ) : null}
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
