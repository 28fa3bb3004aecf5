import { lazy, Suspense, useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Select, Space, Spin, Typography, Upload, type UploadFile } from 'antd';
import { AimOutlined, CloseOutlined, UploadOutlined } from '@ant-design/icons';
import { GEOLOCATION_OPTIONS } from '../../map/LocationField.tsx';
import type { CitizenOptions, CitizenTicketDetail, GeoPointBody } from '@chengguan/contracts';
import { citizenApi } from '../../api/citizen.ts';
import { applyServerErrors } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';

// The console's map (maplibre-gl, the shipped district boundaries, the configured base map): a point picked on a GCJ-02
// base map is sent with crs gcj02 and converted by the server (gcoord), as every map of the console does.
const MapView = lazy(() => import('../../map/MapView.tsx'));

type Values = {
  categoryCode: string;
  content: string;
  point?: GeoPointBody | null;
  address?: string;
  bureauId?: string;
  reporterName?: string;
  contactConsent: boolean;
};

function PlacePicker({
  options,
  value,
  onChange,
}: {
  options: CitizenOptions;
  value?: GeoPointBody | null;
  onChange?: (p: GeoPointBody | null) => void;
}) {
  const { t } = useI18n();
  const [locating, setLocating] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const locate = () => {
    if (!('geolocation' in navigator)) {
      setProblem(t('map.unsupported'));
      return;
    }
    setLocating(true);
    setProblem(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        // A phone's receiver reports WGS-84.
        onChange?.({ lon: pos.coords.longitude, lat: pos.coords.latitude, crs: 'wgs84' });
      },
      (err) => {
        setLocating(false);
        setProblem(err.code === err.PERMISSION_DENIED ? t('map.denied') : t('map.unavailable'));
      },
      GEOLOCATION_OPTIONS,
    );
  };
  return (
    <div data-testid="citizen-place">
      <Space wrap style={{ marginBottom: 8 }}>
        <Button icon={<AimOutlined />} loading={locating} onClick={locate} data-testid="citizen-locate">
          {t('map.locate')}
        </Button>
        {value ? (
          <Button icon={<CloseOutlined />} onClick={() => onChange?.(null)}>
            {t('map.clear')}
          </Button>
        ) : null}
      </Space>
      {problem ? <Alert type="info" showIcon message={problem} style={{ marginBottom: 8 }} /> : null}
      <Suspense fallback={<Spin />}>
        <MapView
          data={options.map}
          value={value ?? null}
          onPick={(p) => onChange?.(p)}
          height={240}
          testId="citizen-map"
          unavailableText={t('citizen.map.noWebgl')}
        />
      </Suspense>
      <Typography.Text
        type="secondary"
        data-testid="citizen-place-coords"
        data-lon={value?.lon}
        data-lat={value?.lat}
        data-crs={value?.crs}
      >
        {value ? t('citizen.map.picked', { lon: value.lon.toFixed(6), lat: value.lat.toFixed(6) }) : t('citizen.form.placeHint')}
      </Typography.Text>
    </div>
  );
}

export function CitizenComplaintForm({ onFiled, onError }: { onFiled: (t: CitizenTicketDetail) => void; onError: (e: unknown) => void }) {
  const { t, lang } = useI18n();
  const en = lang.startsWith('en');
  const [form] = Form.useForm<Values>();
  const [options, setOptions] = useState<CitizenOptions | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [saving, setSaving] = useState(false);
  const [placeError, setPlaceError] = useState<string | null>(null);
  const point = Form.useWatch('point', form);

  useEffect(() => {
    citizenApi.options().then(setOptions, onError);
  }, []);

  if (!options) return <Spin style={{ display: 'block', margin: '24px auto' }} />;

  const groups = [...new Set(options.categories.map((c) => (en ? c.groupEn : c.groupZh)))].map((g) => ({
    label: g,
    options: options.categories
      .filter((c) => (en ? c.groupEn : c.groupZh) === g)
      .map((c) => ({ value: c.code, label: en ? c.nameEn : c.nameZh })),
  }));

  const submit = async (v: Values) => {
    if (!v.point && !v.address?.trim()) {
      setPlaceError(t('citizen.form.placeRequired'));
      return;
    }
    setPlaceError(null);
    setSaving(true);
    try {
      const photoSm3s = files.map((f) => (f.response as { sm3: string } | undefined)?.sm3).filter((s): s is string => !!s);
      const ticket = await citizenApi.file({
        categoryCode: v.categoryCode,
        content: v.content.trim(),
        ...(v.point ? { point: v.point } : {}),
        ...(v.address?.trim() ? { address: v.address.trim() } : {}),
        ...(v.bureauId ? { bureauId: v.bureauId } : {}),
        ...(v.reporterName?.trim() ? { reporterName: v.reporterName.trim() } : {}),
        contactConsent: v.contactConsent,
        photoSm3s,
      });
      form.resetFields();
      setFiles([]);
      onFiled(ticket);
    } catch (e) {
      if (!applyServerErrors(form, e, lang, { photoSm3s: 'photos' })) onError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t('citizen.tab.file')} data-testid="citizen-form">
      <Form form={form} name="citizen" layout="vertical" onFinish={submit} initialValues={{ contactConsent: true }}>
        <Form.Item
          name="categoryCode"
          label={t('citizen.form.category')}
          rules={[{ required: true, message: t('citizen.form.categoryRequired') }]}
        >
          <Select options={groups} showSearch optionFilterProp="label" data-testid="citizen-category" />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('citizen.form.content')}
          rules={[{ required: true, whitespace: true, min: 4, max: 2000, message: t('citizen.form.contentRequired') }]}
        >
          <Input.TextArea rows={4} placeholder={t('citizen.form.contentPlaceholder')} data-testid="citizen-content" />
        </Form.Item>
        <Form.Item name="point" label={t('citizen.form.place')}>
          <PlacePicker options={options} />
        </Form.Item>
        {placeError && <Alert type="error" showIcon message={placeError} style={{ marginBottom: 12 }} data-testid="citizen-place-error" />}
        <Form.Item name="address" label={t('citizen.form.address')} rules={[{ max: 200 }]}>
          <Input placeholder={t('citizen.form.addressPlaceholder')} data-testid="citizen-address" />
        </Form.Item>
        {!point && (
          <Form.Item
            name="bureauId"
            label={t('citizen.form.bureau')}
            rules={[{ required: false, message: t('citizen.form.bureauRequired') }]}
          >
            <Select allowClear options={options.bureaus.map((b) => ({ value: b.id, label: b.district }))} data-testid="citizen-bureau" />
          </Form.Item>
        )}
        <Form.Item name="photos" label={t('citizen.form.photos')}>
          <Upload
            fileList={files}
            accept="image/jpeg,image/png,image/webp,image/heic"
            listType="picture"
            maxCount={9}
            onChange={({ fileList }) => setFiles(fileList)}
            customRequest={({ file, onSuccess, onError: fail }) => {
              citizenApi
                .upload(file as File)
                .then((r) => onSuccess?.(r))
                .catch((e: Error) => fail?.(e));
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="citizen-upload">
              {t('citizen.form.upload')}
            </Button>
          </Upload>
        </Form.Item>
        <Form.Item name="reporterName" label={t('citizen.form.name')} rules={[{ max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="contactConsent" valuePropName="checked" extra={t('citizen.form.consentNote')}>
          <Checkbox data-testid="citizen-consent">{t('citizen.form.consent')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={saving} data-testid="citizen-submit">
          {t('citizen.form.submit')}
        </Button>
      </Form>
    </Card>
  );
}
