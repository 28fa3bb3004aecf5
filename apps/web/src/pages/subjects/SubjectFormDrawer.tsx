// 登记 / 修改 a subject: the server's refusals (domain checks, duplicates, a point outside the bureau) shown at the field.
import { useEffect } from 'react';
import { Button, Checkbox, DatePicker, Drawer, Form, Input, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { CreateSubjectBody, GeoPointBody, SubjectDetail } from '@chengguan/contracts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSubmit } from '../../lib/useSubmit.ts';
import { LocationField } from '../../map/LocationField.tsx';
import { subjectApi } from '../../api/subjects.ts';
import { kindOptions } from './labels.ts';

type LicenceForm = { kind: string; number: string; issuedOn?: Dayjs; validUntil?: Dayjs | null };
type FormValues = {
  kind: CreateSubjectBody['kind'];
  name: string;
  address: string;
  creditCode?: string;
  operatorIdNumber?: string;
  plateNumber?: string;
  point?: GeoPointBody | null;
  tags?: string[];
  abnormalList?: boolean;
  licences?: LicenceForm[];
};

const LICENCE_KINDS = [
  'food_business_licence',
  'construction_permit',
  'construction_waste_transport_permit',
  'vehicle_transport_certificate',
  'business_licence',
];
const LICENCE_ZH: Record<string, [string, string]> = {
  food_business_licence: ['食品经营许可证', 'Food business licence'],
  construction_permit: ['建筑工程施工许可证', 'Construction permit'],
  construction_waste_transport_permit: ['建筑垃圾运输许可', 'Construction-waste transport permit'],
  vehicle_transport_certificate: ['车辆运输证', 'Vehicle transport certificate'],
  business_licence: ['营业执照', 'Business licence'],
};
export const licenceKindText = (kind: string, lang: string) => LICENCE_ZH[kind]?.[lang.startsWith('en') ? 1 : 0] ?? kind;

const empty = (s: string | undefined) => (s && s.trim() !== '' ? s.trim() : null);

export function SubjectFormDrawer({
  open,
  editing,
  onClose,
  onSaved,
}: {
  open: boolean;
  editing: SubjectDetail | null;
  onClose: () => void;
  onSaved: (s: SubjectDetail) => void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const { submit, loading, reset } = useSubmit<FormValues, SubjectDetail>(
    form,
    (v, key) => {
      const licences = (v.licences ?? []).map((l) => ({
        kind: l.kind,
        number: l.number,
        issuedOn: l.issuedOn ? l.issuedOn.format('YYYY-MM-DD') : '',
        validUntil: l.validUntil ? l.validUntil.format('YYYY-MM-DD') : null,
      }));
      const common = {
        name: v.name,
        address: v.address,
        creditCode: empty(v.creditCode),
        operatorIdNumber: empty(v.operatorIdNumber),
        plateNumber: empty(v.plateNumber),
        point: v.point ?? null,
        tags: v.tags ?? [],
        abnormalList: v.abnormalList ?? false,
        licences,
      };
      return editing
        ? subjectApi.update(editing.id, { expectedVersion: editing.version, ...common }, { idempotencyKey: key })
        : subjectApi.create({ kind: v.kind, ...common }, { idempotencyKey: key });
    },
    { onSuccess: onSaved, successMessage: editing ? t('subject.saved') : t('subject.created'), fieldMap: { plate: 'plateNumber' } },
  );

  useEffect(() => {
    if (!open) return;
    reset();
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        kind: editing.kind,
        name: editing.name,
        address: editing.address ?? '',
        creditCode: editing.creditCode ?? undefined,
        operatorIdNumber: editing.operatorIdNumber ?? undefined,
        plateNumber: editing.plateNumber ?? undefined,
        point: editing.lon !== null && editing.lat !== null ? { lon: editing.lon, lat: editing.lat, crs: 'wgs84' } : null,
        tags: editing.tags,
        abnormalList: editing.abnormalList,
        licences: editing.licences.map((l) => ({
          kind: l.kind,
          number: l.number,
          issuedOn: l.issuedOn ? dayjs(l.issuedOn) : undefined,
          validUntil: l.validUntil ? dayjs(l.validUntil) : null,
        })),
      });
    } else {
      form.setFieldsValue({ kind: 'street_shop', licences: [] });
    }
  }, [open, editing, form, reset]);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={640}
      title={editing ? t('subject.edit') : t('subject.create')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={loading} onClick={() => form.submit()} data-testid="subject-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="subject-form">
        <Form.Item name="kind" label={t('subject.kind')} rules={[{ required: true }]}>
          <Select options={kindOptions(t)} disabled={!!editing} data-testid="subject-kind" />
        </Form.Item>
        <Form.Item name="name" label={t('subject.name')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="subject-name" />
        </Form.Item>
        <Form.Item name="address" label={t('subject.address')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="subject-address" />
        </Form.Item>
        <Form.Item name="creditCode" label={t('subject.creditCode')} rules={[{ max: 18 }]}>
          <Input data-testid="subject-credit-code" />
        </Form.Item>
        <Form.Item name="operatorIdNumber" label={t('subject.operatorIdNumber')} rules={[{ max: 18 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="plateNumber" label={t('subject.plateNumber')} rules={[{ max: 12 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="point" label={t('subject.point')}>
          <LocationField testId="subject-location" />
        </Form.Item>
        <Form.Item name="tags" label={t('subject.tags')}>
          <Select mode="tags" tokenSeparators={[',', '，']} />
        </Form.Item>
        <Form.Item name="abnormalList" valuePropName="checked">
          <Checkbox>{t('subject.abnormalList')}</Checkbox>
        </Form.Item>
        <Form.List name="licences">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 190 }}
                      placeholder={t('subject.licenceKind')}
                      options={LICENCE_KINDS.map((k) => ({ value: k, label: licenceKindText(k, lang) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'number']} rules={[{ required: true, max: 60 }]}>
                    <Input placeholder={t('subject.licenceNumber')} style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'issuedOn']} rules={[{ required: true }]}>
                    <DatePicker placeholder={t('subject.issuedOn')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'validUntil']}>
                    <DatePicker placeholder={t('subject.validUntil')} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ kind: 'food_business_licence' })}
                data-testid="subject-add-licence"
              >
                {t('subject.addLicence')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
