import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Spin,
  Tag,
  Timeline,
  Upload,
  type UploadFile,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import type { JointOrderActionCode, JointOrderDetail } from '@chengguan/contracts';
import { uploadFile } from '../../api/cases-files.ts';
import { newIdempotencyKey } from '../../api/client.ts';
import { coordinationApi } from '../../api/coordination.ts';
import { ticketsApi } from '../../api/tickets.ts';
import { useAuth } from '../../auth/auth.tsx';
import { applyServerErrors, errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { Page } from '../../components/Page.tsx';
import { StoredFileLink } from '../../components/StoredFileLink.tsx';
import { JointClockTag } from './JointClockTag.tsx';
import { bureauTime } from '../../lib/bureauTime';

const NEEDS_REASON: ReadonlySet<string> = new Set(['reject', 'return', 'redispatch', 'cancel']);

/** 联合工单页: both clocks, the facts, the steps the reader's side may take now, the result, the timeline. */
export default function JointOrderPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const order = useLoad((signal) => coordinationApi.order(id, signal), id);
  const [current, setCurrent] = useState<JointOrderDetail | null>(null);
  const [action, setAction] = useState<JointOrderActionCode | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const [ticketForm] = Form.useForm<{ categoryCode: string }>();
  const [making, setMaking] = useState(false);
  // The report's photos, uploaded through the files API as they are picked; their SM3s go in `photoSm3s`.
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const { me } = useAuth();
  const categories = useLoad((signal) => (making ? ticketsApi.categories(signal) : Promise.resolve([])), `cats:${making}`);
  const d = current ?? order.data;
  if (order.error) return <Alert type="error" showIcon message={errorText(order.error, t, lang)} />;
  if (!d) return <Spin />;

  const run = async (a: JointOrderActionCode, values: Record<string, unknown>) => {
    setBusy(true);
    try {
      const photoSm3s = photos.map((f) => (f.response as { sm3: string } | undefined)?.sm3).filter((x): x is string => !!x);
      const body: Record<string, unknown> = { ...values };
      delete body.photos; // the Upload's own state; the SM3s go instead
      if (a === 'report' && photoSm3s.length) body.photoSm3s = photoSm3s;
      setCurrent(await coordinationApi.step(d.id, a, body));
      setAction(null);
      message.success(t('joint.step.done'));
    } catch (err) {
      if (!applyServerErrors(form, err, lang, { photoSm3s: 'photos' })) message.error(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  // 转为诉件: the command centre, on a partner's order that has none yet.
  const canMakeTicket =
    !!me?.roles.includes('commander') && d.direction === 'inbound' && !d.ticketId && d.state !== 'cancelled' && d.state !== 'returned';
  const makeTicket = async () => {
    const v = await ticketForm.validateFields();
    setBusy(true);
    try {
      setCurrent(await coordinationApi.makeTicket(d.id, v));
      setMaking(false);
      message.success(t('joint.ticket.made'));
    } catch (err) {
      if (!applyServerErrors(ticketForm, err, lang)) message.error(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  const open = (a: JointOrderActionCode) => {
    if (a === 'accept' || a === 'confirm') return void run(a, {});
    form.resetFields();
    setPhotos([]);
    setAction(a);
  };

  return (
    <Page
      title={t('joint.page.title', { number: d.number })}
      testId="joint-order-page"
      extra={[
        ...d.allowedActions.map((a) => (
          <Button
            key={a}
            type={a === 'accept' || a === 'report' || a === 'confirm' ? 'primary' : 'default'}
            onClick={() => open(a)}
            data-testid={`joint-action-${a}`}
          >
            {t(`joint.action.${a}`)}
          </Button>
        )),
        ...(canMakeTicket
          ? [
              <Button key="ticket" onClick={() => setMaking(true)} data-testid="joint-make-ticket">
                {t('joint.ticket.make')}
              </Button>,
            ]
          : []),
      ]}
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('joint.clock.accept')}>
            <JointClockTag clock={d.accept} testId="joint-accept-clock" />
          </Descriptions.Item>
          <Descriptions.Item label={t('joint.clock.handle')}>
            <JointClockTag clock={d.handle} testId="joint-handle-clock" />
          </Descriptions.Item>
          <Descriptions.Item label={t('joint.col.state')}>
            <span data-testid="joint-order-state">{t(`joint.state.${d.state}`)}</span>
            {d.side && <Tag style={{ marginLeft: 8 }}>{t(`joint.page.side.${d.side}`)}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('joint.col.direction')}>{t(`joint.direction.${d.direction}`)}</Descriptions.Item>
          <Descriptions.Item label={t('joint.col.partner')}>{d.partnerName}</Descriptions.Item>
          <Descriptions.Item label={t('joint.col.org')}>{d.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('joint.col.category')}>{t(`joint.category.${d.category}`)}</Descriptions.Item>
          <Descriptions.Item label={t('joint.col.plate')}>{d.vehiclePlate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('joint.field.address')}>{d.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('joint.col.created')}>{bureauTime(d.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('joint.col.clock')} span={2}>
            {t('joint.clock.limits', { hours: d.limits.acceptHours, days: d.limits.handleDays })}
          </Descriptions.Item>
          {d.partnerOrderNo && <Descriptions.Item label={t('joint.page.partnerOrderNo')}>{d.partnerOrderNo}</Descriptions.Item>}
          {d.ticketId && (
            <Descriptions.Item label={t('joint.page.ticket')}>
              <Link to={`/tickets/${d.ticketId}`} data-testid="joint-order-ticket-link">
                {d.ticketNumber}
              </Link>
            </Descriptions.Item>
          )}
          {d.caseId && (
            <Descriptions.Item label={t('joint.page.case')}>
              <Link to={`/cases/${d.caseId}`}>{t('joint.page.case')}</Link>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('joint.field.title')} span={2}>
            {d.title}
          </Descriptions.Item>
          <Descriptions.Item label={t('joint.field.content')} span={2}>
            {d.content}
          </Descriptions.Item>
          {d.resultText && (
            <Descriptions.Item label={t('joint.page.result')} span={2}>
              <span data-testid="joint-order-result">{d.resultText}</span>
            </Descriptions.Item>
          )}
          {d.resultPhotos.length > 0 && (
            <Descriptions.Item label={t('joint.page.photos')} span={2}>
              <Space wrap data-testid="joint-order-photos">
                {d.resultPhotos.map((sm3, i) => (
                  <StoredFileLink
                    key={sm3}
                    url={coordinationApi.photoUrl(d.id, sm3)}
                    name={t('joint.page.photo', { n: i + 1 })}
                    testId={`joint-order-photo-${i + 1}`}
                  />
                ))}
              </Space>
            </Descriptions.Item>
          )}
          {d.returnReason && (
            <Descriptions.Item label={t('joint.page.returnReason')} span={2}>
              {d.returnReason}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small" title={t('joint.page.timeline')}>
        <Timeline
          items={d.events.map((e) => ({
            color: e.late ? 'red' : 'blue',
            children: (
              <>
                <b>{t(`joint.action.${e.action as JointOrderActionCode | 'dispatch' | 'ticket'}`)}</b> · {e.actorName} · {bureauTime(e.at)}
                {e.late && (
                  <Tag color="red" style={{ marginLeft: 8 }}>
                    {t('joint.page.late')}
                  </Tag>
                )}
                {e.note && <div>{e.note}</div>}
              </>
            ),
          }))}
        />
      </Card>
      <Modal
        open={action !== null}
        title={action ? t(`joint.action.${action}`) : ''}
        confirmLoading={busy}
        onCancel={() => setAction(null)}
        onOk={() => void form.validateFields().then((v: Record<string, unknown>) => action && run(action, v))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} data-testid="joint-step-form">
          {action === 'report' && (
            <Form.Item name="resultText" label={t('joint.field.result')} rules={[{ required: true, max: 2000 }]}>
              <Input.TextArea rows={4} data-testid="joint-step-result" />
            </Form.Item>
          )}
          {action === 'report' && (
            <Form.Item name="photos" label={t('joint.page.photos')}>
              <Upload
                fileList={photos}
                accept="image/*"
                listType="picture"
                maxCount={9}
                onChange={({ fileList }) => setPhotos(fileList)}
                customRequest={({ file, onSuccess, onError: fail }) => {
                  uploadFile({ file: file as File, lang, idempotencyKey: newIdempotencyKey() })
                    .then((r) => onSuccess?.(r))
                    .catch((e: Error) => fail?.(e));
                }}
                data-testid="joint-step-photos"
              >
                <Button icon={<UploadOutlined />}>{t('joint.field.upload')}</Button>
              </Upload>
            </Form.Item>
          )}
          {action && NEEDS_REASON.has(action) && (
            <Form.Item name="reason" label={t('joint.field.reason')} rules={[{ required: true, max: 500 }]}>
              <Input.TextArea rows={3} data-testid="joint-step-reason" />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal
        open={making}
        title={t('joint.ticket.make')}
        confirmLoading={busy}
        onCancel={() => setMaking(false)}
        onOk={() => void makeTicket()}
        destroyOnHidden
      >
        <Alert type="info" showIcon message={t('joint.ticket.hint')} style={{ marginBottom: 12 }} />
        <Form form={ticketForm} name="joint-ticket" layout="vertical" preserve={false} data-testid="joint-ticket-form">
          <Form.Item
            name="categoryCode"
            label={t('joint.ticket.category')}
            rules={[{ required: true, message: t('common.required', { field: t('joint.ticket.category') }) }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              loading={categories.loading}
              options={(categories.data ?? [])
                .filter((c) => c.selectable)
                .map((c) => ({ value: c.code, label: `${c.code} ${lang === 'en-US' ? c.nameEn : c.nameZh}` }))}
              data-testid="joint-ticket-category"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
