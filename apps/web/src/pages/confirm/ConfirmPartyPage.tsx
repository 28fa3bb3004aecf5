import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Radio, Result, Segmented, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ConfirmPartyBody, type PublicPartyConfirmation } from '@chengguan/contracts';
import { PartyIdFields } from '../cases/components/PartyFields.tsx';
import { ApiError } from '../../api/client.ts';
import { applyServerErrors, errorText } from '../../api/errors.ts';
import { partyConfirmationsApi } from '../../api/party-confirmations.ts';
import { LANGS, useI18n, type Lang } from '../../i18n/i18n.tsx';
import { partyTypeOptions } from '../cases/labels.ts';

type Values = ConfirmPartyBody;
type View = PublicPartyConfirmation['state'] | 'loading' | 'not_found';

const opt = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);

/**
 * The party's page behind the officer's QR code (public, no login, laid out for a phone): who asks, then the party's
 * own identity, checked as he types and again by the server (GB 11643 / GB 32100), confirmed once.
 */
export default function ConfirmPartyPage() {
  const { token = '' } = useParams();
  const { t, lang, setLang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [info, setInfo] = useState<PublicPartyConfirmation | null>(null);
  const [view, setView] = useState<View>('loading');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const partyType = Form.useWatch('partyType', form) ?? 'natural_person';
  const idType = Form.useWatch('idType', form) ?? 'id_card';

  useEffect(() => {
    partyConfirmationsApi
      .publicGet(token)
      .then((r) => {
        setInfo(r);
        setView(r.state);
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) setView('not_found');
        else setError(errorText(e, t, lang));
      });
    // the token is the page; the language switch must not reload it
  }, [token]);

  const onFinish = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const r = await partyConfirmationsApi.confirm(token, {
        partyType: v.partyType,
        name: v.name.trim(),
        idType: v.idType,
        idNumber: v.idNumber.trim().toUpperCase(),
        phone: opt(v.phone),
        address: opt(v.address),
      });
      setView(r.state);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'EXPIRED') setView('expired');
      else if (e instanceof ApiError && e.code === 'RATE_LIMITED') setView('locked');
      else if (e instanceof ApiError && e.code === 'STATE_CONFLICT') setView('confirmed');
      else if (!applyServerErrors(form, e, lang)) setError(errorText(e, t, lang));
    } finally {
      setSaving(false);
    }
  };

  const body = () => {
    if (view === 'loading') return error ? <Alert type="error" message={error} /> : <Spin style={{ display: 'block', margin: 48 }} />;
    if (view === 'not_found') return <Result status="404" title={t('confirm.notFound')} subTitle={t('confirm.notFoundHint')} />;
    if (view === 'expired')
      return (
        <div data-testid="confirm-expired">
          <Result status="warning" title={t('confirm.expired')} subTitle={t('confirm.expiredHint')} />
        </div>
      );
    if (view === 'locked') return <Result status="error" title={t('confirm.locked')} subTitle={t('confirm.lockedHint')} />;
    if (view === 'confirmed')
      return (
        <div data-testid="confirm-done">
          <Result status="success" title={t('confirm.done')} subTitle={t('confirm.doneHint')} />
        </div>
      );
    return (
      <>
        {info && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('confirm.asking', { agency: info.agencyName, officer: info.officerName })}
            description={t('confirm.expiresAt', { time: dayjs(info.expiresAt).format('HH:mm') })}
            data-testid="confirm-asking"
          />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          size="large"
          initialValues={{ partyType: 'natural_person', idType: 'id_card' }}
          onFinish={(v) => void onFinish(v)}
          data-testid="confirm-form"
        >
          <Form.Item name="partyType" label={t('case.partyType')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={partyTypeOptions(t)}
              onChange={(e) => form.setFieldsValue({ idType: e.target.value === 'natural_person' ? 'id_card' : 'uscc' })}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={partyType === 'natural_person' ? t('case.partyNamePerson') : t('case.partyNameOrg')}
            rules={[{ required: true, whitespace: true, max: 100, message: t('common.required', { field: t('case.partyName') }) }]}
          >
            <Input maxLength={100} autoComplete="name" data-testid="confirm-name" />
          </Form.Item>
          <PartyIdFields idType={idType} testId="confirm-id-number" />
          <Form.Item name="phone" label={t('case.phone')} rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t('case.phoneRule') }]}>
            <Input maxLength={20} inputMode="tel" autoComplete="tel" />
          </Form.Item>
          <Form.Item name="address" label={t('case.address')} rules={[{ max: 300 }]}>
            <Input maxLength={300} autoComplete="street-address" />
          </Form.Item>
          {error && <Alert type="error" message={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block loading={saving} data-testid="confirm-submit">
            {t('confirm.submit')}
          </Button>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, textAlign: 'center' }}>
            {t('confirm.privacy')}
          </Typography.Paragraph>
        </Form>
      </>
    );
  };

  return (
    <div style={{ maxWidth: 480, margin: '0 auto', padding: 12 }} data-testid="confirm-page">
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 8 }}>
        <Segmented<Lang> size="small" value={lang} options={[...LANGS]} onChange={setLang} />
      </div>
      <Card title={t('confirm.title')}>{body()}</Card>
    </div>
  );
}
