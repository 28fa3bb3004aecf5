import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, InputNumber, Radio, Space, Tag, Typography } from 'antd';
import { CameraOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import type { SubmitVisitBody, VisitForm } from '@chengguan/contracts';
import { inspectionsApi } from '../../api/inspections.ts';
import { uploadFile } from '../../api/cases-files.ts';
import { ApiError, NetworkError, newIdempotencyKey } from '../../api/client.ts';
import { errorText, isRetryable } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { Page } from '../../components/Page.tsx';
import { SignaturePad, type SignaturePadHandle } from '../portal/SignaturePad.tsx';
import { enqueue, type QueuedPhoto } from '../../field/field-queue.ts';
import { sm3OfBlob, watermarkPhoto } from '../../field/watermark.ts';
import '../portal/portal.css';

type ItemState = { result?: 'pass' | 'fail' | 'not_applicable'; photos: QueuedPhoto[]; note: string };
type Ack = 'signed' | 'refused' | 'absent';

function pngOf(pad: SignaturePadHandle): Blob {
  return new Blob([Uint8Array.from(atob(pad.toPngBase64()), (c) => c.charCodeAt(0))], { type: 'image/png' });
}

/**
 * The visit on a phone (综合查一次): every open task of the caller's team at the subject in one checklist — 合格 /
 * 不合格 / 不适用 per item with its photo, the place (the phone's position, or typed), both inspectors' signatures (the
 * second confirms with his own 工号), the subject's signature or refusal / absence with a witness or the officers' note.
 *
 * Works without a signal (docs/field-app.md): photos are watermarked and hashed (SM3) at capture and kept on the
 * phone with the signatures until the result is submitted; with no connection the whole record goes to the outbox
 * under the same Idempotency-Key and is sent when the connection returns.
 */
export default function VisitPage() {
  const { subjectId = '' } = useParams();
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const form = useLoad((signal) => inspectionsApi.prepare(subjectId, signal), subjectId);
  const [items, setItems] = useState<Record<string, ItemState>>({});
  const [point, setPoint] = useState<{ lon?: number; lat?: number }>({});
  const [locating, setLocating] = useState(false);
  const [locateFailed, setLocateFailed] = useState(false);
  const [employeeNo, setEmployeeNo] = useState('');
  const [ack, setAck] = useState<Ack>('signed');
  const [signerName, setSignerName] = useState('');
  const [witnessName, setWitnessName] = useState('');
  const [note, setNote] = useState('');
  const [issues, setIssues] = useState<{ field: string; message: string }[]>([]);
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState<string | null>(null);
  const pads = useRef<Record<string, SignaturePadHandle | null>>({});
  const key = useRef(newIdempotencyKey());

  const item = (code: string): ItemState => items[code] ?? { photos: [], note: '' };
  const patch = (code: string, p: Partial<ItemState>) => setItems((all) => ({ ...all, [code]: { ...item(code), ...p } }));

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setLocateFailed(true);
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setPoint({ lon: Number(pos.coords.longitude.toFixed(6)), lat: Number(pos.coords.latitude.toFixed(6)) });
        setLocateFailed(false);
        setLocating(false);
      },
      () => {
        setLocateFailed(true);
        setLocating(false);
      },
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };

  const addPhoto = async (code: string, file: File | undefined) => {
    if (!file || !me) return;
    setUploading(code);
    try {
      const at = point.lon !== undefined && point.lat !== undefined ? ` ${point.lon.toFixed(5)}, ${point.lat.toFixed(5)}` : '';
      const shot = await watermarkPhoto(file, {
        at: new Date(),
        place: `${form.data?.subject.address ?? ''}${at}`.trim() || t('field.placeUnknown'),
        officer: `${me.name}（${me.username}）`,
      });
      patch(code, { photos: [...item(code).photos, { sm3: shot.sm3, type: 'image/jpeg', bytes: shot.bytes }] });
    } catch (e) {
      void message.error(errorText(e, t, lang));
    } finally {
      setUploading(null);
    }
  };

  /** A drawn signature as a PNG with its SM3, kept with the photos until the record is sent. */
  const signature = async (pad: SignaturePadHandle | null | undefined, kept: QueuedPhoto[]): Promise<string | undefined> => {
    if (!pad || pad.isEmpty()) return undefined;
    const bytes = pngOf(pad);
    const sm3 = await sm3OfBlob(bytes);
    kept.push({ sm3, type: 'image/png', bytes });
    return sm3;
  };

  /** Stores the kept files (content-addressed: a file sent twice is one file) and checks each came back as hashed. */
  const uploadAll = async (files: QueuedPhoto[]) => {
    for (const p of files) {
      const stored = await uploadFile({ file: p.bytes, lang, idempotencyKey: `${key.current}-${p.sm3.slice(0, 16)}` });
      if (stored.sm3 !== p.sm3) throw new Error(t('insp.visit.hashChanged'));
    }
  };

  const submit = async (f: VisitForm) => {
    if (point.lon === undefined || point.lat === undefined) {
      void message.error(t('insp.visit.needLocation'));
      return;
    }
    setSaving(true);
    setIssues([]);
    const files: QueuedPhoto[] = f.items.flatMap((i) => item(i.code).photos);
    let body: SubmitVisitBody | null = null;
    try {
      const inspectorSignatures: SubmitVisitBody['inspectorSignatures'] = [];
      for (const i of f.inspectors) {
        const sm3 = await signature(pads.current[i.id], files);
        if (sm3) inspectorSignatures.push({ officerId: i.id, signatureSm3: sm3, ...(i.id !== me?.id ? { employeeNo } : {}) });
      }
      const subjectSm3 = await signature(pads.current.subject, files);
      const witnessSm3 = await signature(pads.current.witness, files);
      body = {
        subjectId: f.subject.id,
        taskIds: f.tasks.map((x) => x.id),
        visitedAt: new Date().toISOString(),
        point: { lon: point.lon, lat: point.lat },
        results: f.items
          .filter((i) => item(i.code).result)
          .map((i) => ({
            code: i.code,
            result: item(i.code).result!,
            photoIds: item(i.code).photos.map((p) => p.sm3),
            ...(item(i.code).note.trim() ? { note: item(i.code).note.trim() } : {}),
          })),
        inspectorSignatures,
        acknowledgement:
          ack === 'signed'
            ? {
                kind: 'signed',
                ...(signerName.trim() ? { signerName: signerName.trim() } : {}),
                ...(subjectSm3 ? { signatureSm3: subjectSm3 } : {}),
              }
            : {
                kind: ack,
                ...(witnessName.trim() ? { witnessName: witnessName.trim() } : {}),
                ...(witnessSm3 ? { witnessSignatureSm3: witnessSm3 } : {}),
                ...(note.trim() ? { note: note.trim() } : {}),
              },
      };
      if (!navigator.onLine) throw new NetworkError('offline');
      await uploadAll(files);
      const visit = await inspectionsApi.submit(body, { idempotencyKey: key.current });
      void message.success(t('insp.visit.submitted'));
      navigate(`/inspection-visits/${visit.id}`);
    } catch (e) {
      if (e instanceof NetworkError && body && me) {
        // No signal: the record waits in the outbox with its files and this key; sent when the connection returns.
        await enqueue({
          kind: 'inspection',
          label: f.subject.name,
          officerId: me.id,
          queuedAt: body.visitedAt,
          photos: files.filter((p, n) => files.findIndex((q) => q.sm3 === p.sm3) === n),
          steps: [{ method: 'POST', url: '/api/v1/inspection-visits', body, idempotencyKey: key.current }],
        });
        void message.success(t('insp.visit.queued'));
        navigate('/field');
        return;
      }
      if (!isRetryable(e)) key.current = newIdempotencyKey();
      if (e instanceof ApiError && e.body.details?.length)
        setIssues(e.body.details.map((d) => ({ field: d.field, message: lang.startsWith('en') ? d.messageEn : d.message })));
      else void message.error(errorText(e, t, lang));
    } finally {
      setSaving(false);
    }
  };

  const f = form.data;
  return (
    <Page title={t('insp.visit.title')} testId="inspection-visit-page">
      {!!form.error && <Alert type="error" showIcon message={errorText(form.error, t, lang)} />}
      {f && (
        <Flex vertical gap={12} style={{ maxWidth: 640 }}>
          <Card size="small">
            <Typography.Text strong data-testid="visit-subject">
              {f.subject.name}
            </Typography.Text>
            <div>{f.subject.address}</div>
            <div>
              {t('insp.visit.tasks', { n: f.tasks.length })} · {t('insp.visit.dueOn', { date: f.dueOn })}
            </div>
            <div>{f.matters.map((m) => m.nameZh).join('、')}</div>
          </Card>
          {f.items.map((i) => {
            const s = item(i.code);
            const needsPhoto = i.photo === 'always' || (i.photo === 'when_failed' && s.result === 'fail');
            return (
              <Card size="small" key={i.code} data-testid={`item-${i.code}`}>
                <Typography.Paragraph style={{ marginBottom: 4 }}>
                  {i.textZh}{' '}
                  {i.photo !== 'never' && <Tag>{i.photo === 'always' ? t('insp.visit.photoAlways') : t('insp.visit.photoWhenFailed')}</Tag>}
                </Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('insp.visit.basis')}：{i.legalBasesZh.join('；')}
                </Typography.Text>
                <Radio.Group
                  style={{ display: 'flex', marginTop: 8 }}
                  optionType="button"
                  buttonStyle="solid"
                  value={s.result}
                  onChange={(e) => patch(i.code, { result: e.target.value as ItemState['result'] })}
                  options={[
                    { value: 'pass', label: t('insp.visit.pass') },
                    { value: 'fail', label: t('insp.visit.fail') },
                    { value: 'not_applicable', label: t('insp.visit.na') },
                  ]}
                />
                {(needsPhoto || s.result === 'fail' || s.photos.length > 0) && (
                  <Space style={{ marginTop: 8 }} wrap>
                    <label
                      className="ant-btn ant-btn-default"
                      style={{ display: 'inline-flex', alignItems: 'center', gap: 4, padding: '4px 12px' }}
                    >
                      <CameraOutlined /> {t('insp.visit.photo')}
                      <input
                        type="file"
                        accept="image/*"
                        capture="environment"
                        style={{ display: 'none' }}
                        data-testid={`photo-${i.code}`}
                        onChange={(e) => {
                          void addPhoto(i.code, e.target.files?.[0]);
                          e.target.value = '';
                        }}
                      />
                    </label>
                    <span data-testid={`photos-${i.code}`}>
                      {uploading === i.code ? '…' : t('insp.visit.photos', { n: s.photos.length })}
                    </span>
                  </Space>
                )}
                {s.result === 'fail' && (
                  <Input.TextArea
                    style={{ marginTop: 8 }}
                    rows={2}
                    placeholder={t('insp.visit.note')}
                    value={s.note}
                    onChange={(e) => patch(i.code, { note: e.target.value })}
                    data-testid={`note-${i.code}`}
                  />
                )}
              </Card>
            );
          })}
          <Card size="small" title={t('insp.visit.location')}>
            <Button icon={<EnvironmentOutlined />} loading={locating} onClick={locate} data-testid="visit-locate">
              {t('insp.visit.locate')}
            </Button>
            {point.lon !== undefined && point.lat !== undefined && (
              <div data-testid="visit-located">{t('insp.visit.located', { lon: point.lon, lat: point.lat })}</div>
            )}
            {locateFailed && <Alert style={{ marginTop: 8 }} type="warning" message={t('insp.visit.locateFailed')} />}
            <Flex gap={8} style={{ marginTop: 8 }}>
              <InputNumber
                placeholder={t('insp.visit.lon')}
                value={point.lon}
                min={-180}
                max={180}
                step={0.000001}
                onChange={(v) => setPoint((p) => ({ ...p, lon: v ?? undefined }))}
                style={{ flex: 1 }}
                data-testid="visit-lon"
              />
              <InputNumber
                placeholder={t('insp.visit.lat')}
                value={point.lat}
                min={-90}
                max={90}
                step={0.000001}
                onChange={(v) => setPoint((p) => ({ ...p, lat: v ?? undefined }))}
                style={{ flex: 1 }}
                data-testid="visit-lat"
              />
            </Flex>
          </Card>
          {f.inspectors.map((i, n) => (
            <Card size="small" key={i.id} title={t('insp.visit.inspectorSign', { name: i.name })}>
              <SignaturePad ref={(h) => void (pads.current[i.id] = h)} testId={`sign-inspector-${n}`} />
              <Button size="small" onClick={() => pads.current[i.id]?.clear()}>
                {t('insp.visit.clear')}
              </Button>
              {i.id !== me?.id && (
                <Input
                  style={{ marginTop: 8 }}
                  placeholder={t('insp.visit.secondEmployeeNo', { name: i.name })}
                  value={employeeNo}
                  onChange={(e) => setEmployeeNo(e.target.value)}
                  data-testid="visit-employee-no"
                />
              )}
            </Card>
          ))}
          <Card size="small" title={t('insp.visit.subjectSide')}>
            <Radio.Group
              value={ack}
              onChange={(e) => setAck(e.target.value as Ack)}
              options={[
                { value: 'signed', label: t('insp.visit.signed') },
                { value: 'refused', label: t('insp.visit.refused') },
                { value: 'absent', label: t('insp.visit.absent') },
              ]}
              data-testid="visit-ack"
            />
            {ack === 'signed' ? (
              <div style={{ marginTop: 8 }}>
                <Input
                  placeholder={t('insp.visit.signerName')}
                  value={signerName}
                  onChange={(e) => setSignerName(e.target.value)}
                  data-testid="visit-signer"
                />
                <SignaturePad ref={(h) => void (pads.current.subject = h)} testId="sign-subject" />
              </div>
            ) : (
              <div style={{ marginTop: 8 }}>
                <Input
                  placeholder={t('insp.visit.witnessName')}
                  value={witnessName}
                  onChange={(e) => setWitnessName(e.target.value)}
                  data-testid="visit-witness"
                />
                <SignaturePad ref={(h) => void (pads.current.witness = h)} testId="sign-witness" />
                <Input.TextArea
                  rows={2}
                  placeholder={t('insp.visit.officersNote')}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                />
              </div>
            )}
          </Card>
          {issues.length > 0 && (
            <Alert
              type="error"
              showIcon
              message={t('insp.visit.issues')}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="visit-issues">
                  {issues.map((x) => (
                    <li key={x.field + x.message}>{x.message}</li>
                  ))}
                </ul>
              }
            />
          )}
          <Button type="primary" size="large" block loading={saving} onClick={() => void submit(f)} data-testid="visit-submit">
            {t('insp.visit.submit')}
          </Button>
        </Flex>
      )}
    </Page>
  );
}
