import { useState } from 'react';
import { Alert, Button, Drawer, Form, Input, Select, Space, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import type { CreateTicketBody, GeoPointBody } from '@chengguan/contracts';
import { uploadFile } from '../../api/cases-files.ts';
import { newIdempotencyKey } from '../../api/client.ts';
import { applyServerErrors, errorText } from '../../api/errors.ts';
import { ticketsApi } from '../../api/tickets.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { LocationField } from '../../map/LocationField.tsx';

type Channel = CreateTicketBody['channel'];
type Values = {
  channel: Channel;
  externalNo?: string;
  categoryCode: string;
  content: string;
  address?: string;
  point?: GeoPointBody | null;
  reporterName?: string;
  reporterPhone?: string;
};

/**
 * 登记诉件: an officer registers what he found himself (自行发现: dispatched to him at once) or a complaint a resident
 * made at the community workroom he staffs (社区工作室: to the command centre's queue, routed by the point); the
 * command centre also takes in 12345 / 城运 tickets delivered by other means, with their number.
 */
export function RegisterTicketDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { me, can } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [key] = useState(newIdempotencyKey);
  const channel = Form.useWatch('channel', form);
  const categories = useLoad((signal) => ticketsApi.categories(signal), open ? 'categories' : 'closed');
  const commander = !!me?.roles.includes('commander');
  const channels: Channel[] = [
    ...(can('ticket:write') ? (['officer', 'workroom'] as const) : []),
    ...(commander ? (['hotline_12345', 'city_ops'] as const) : []),
  ];

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const photoSm3s = files.map((f) => (f.response as { sm3: string } | undefined)?.sm3).filter((s): s is string => !!s);
      const ticket = await ticketsApi.create(
        {
          channel: v.channel,
          categoryCode: v.categoryCode,
          content: v.content.trim(),
          ...(v.externalNo?.trim() ? { externalNo: v.externalNo.trim() } : {}),
          ...(v.address?.trim() ? { address: v.address.trim() } : {}),
          ...(v.point ? { point: v.point } : {}),
          ...(v.reporterName?.trim() ? { reporterName: v.reporterName.trim() } : {}),
          ...(v.reporterPhone?.trim() ? { reporterPhone: v.reporterPhone.trim() } : {}),
          ...(photoSm3s.length ? { photoSm3s } : {}),
        },
        { idempotencyKey: key },
      );
      onClose();
      navigate(`/tickets/${ticket.id}`);
    } catch (e) {
      if (!applyServerErrors(form, e, lang)) setError(errorText(e, t, lang));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('ticket.register.title')}
      width={Math.min(560, window.innerWidth)}
      destroyOnClose
      data-testid="ticket-register"
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name="register" layout="vertical" onFinish={submit} initialValues={{ channel: channels[0] }}>
        <Form.Item
          name="channel"
          label={t('ticket.col.channel')}
          rules={[{ required: true }]}
          extra={channel ? t(`ticket.register.note.${channel}`) : null}
        >
          <Select options={channels.map((c) => ({ value: c, label: t(`ticket.channel.${c}`) }))} data-testid="ticket-register-channel" />
        </Form.Item>
        {channel && channel !== 'officer' && (
          <Form.Item
            name="externalNo"
            label={t('ticket.register.externalNo')}
            rules={[{ required: channel !== 'workroom', pattern: /^[A-Za-z0-9-]{4,40}$/, message: t('ticket.register.externalNoFormat') }]}
          >
            <Input />
          </Form.Item>
        )}
        <Form.Item name="categoryCode" label={t('ticket.register.category')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={categories.loading}
            options={(categories.data ?? [])
              .filter((c) => c.selectable)
              .map((c) => ({ value: c.code, label: `${c.code} ${lang.startsWith('en') ? c.nameEn : c.nameZh}` }))}
          />
        </Form.Item>
        <Form.Item name="content" label={t('ticket.register.content')} rules={[{ required: true, whitespace: true, min: 4, max: 2000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="point" label={t('ticket.register.point')}>
          <LocationField orgId={me?.orgId ?? undefined} testId="ticket-register-point" />
        </Form.Item>
        <Form.Item name="address" label={t('ticket.register.address')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        {channel !== 'officer' && (
          <Space wrap>
            <Form.Item name="reporterName" label={t('ticket.register.reporterName')} rules={[{ max: 50 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="reporterPhone" label={t('ticket.register.reporterPhone')} rules={[{ pattern: /^[0-9+\- ]{5,20}$/ }]}>
              <Input inputMode="tel" />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="photos" label={t('ticket.register.photos')}>
          <Upload
            fileList={files}
            accept="image/*"
            listType="picture"
            maxCount={9}
            onChange={({ fileList }) => setFiles(fileList)}
            customRequest={({ file, onSuccess, onError: fail }) => {
              uploadFile({ file: file as File, lang, idempotencyKey: newIdempotencyKey() })
                .then((r) => onSuccess?.(r))
                .catch((e: Error) => fail?.(e));
            }}
          >
            <Button icon={<UploadOutlined />}>{t('ticket.register.upload')}</Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} block data-testid="ticket-register-submit">
          {t('ticket.register.submit')}
        </Button>
      </Form>
    </Drawer>
  );
}
