import { useCallback, useEffect, useState } from 'react';
import { App, Button, Form, Modal, Result, Space, Spin, Typography } from 'antd';
import { QrcodeOutlined } from '@ant-design/icons';
import QRCode from 'qrcode';
import type { CreatedPartyConfirmation, PartyConfirmationStateCode } from '@chengguan/contracts';
import { partyConfirmationsApi } from '../../../api/party-confirmations.ts';
import { errorText } from '../../../api/errors.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import type { PartyValues } from '../components/PartyFields.tsx';

const POLL_MS = 2000;

function mmss(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * 当事人扫码确认: shows a QR code of the party's public page, polls the confirmation every 2 s and, once the party
 * has confirmed on his own phone, fills the party fields of the surrounding form and closes.
 */
export function PartyScanButton() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const form = Form.useFormInstance<PartyValues>();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<(CreatedPartyConfirmation & { qr: string; link: string }) | null>(null);
  const [state, setState] = useState<PartyConfirmationStateCode>('pending');
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  const start = useCallback(async () => {
    setCreated(null);
    setError(null);
    setState('pending');
    try {
      const c = await partyConfirmationsApi.create();
      const link = `${window.location.origin}${c.url}`;
      setCreated({ ...c, link, qr: await QRCode.toDataURL(link, { width: 240, margin: 1 }) });
    } catch (e) {
      setError(errorText(e, t, lang));
    }
  }, [t, lang]);

  useEffect(() => {
    if (!open || !created || state !== 'pending') return;
    const ctrl = new AbortController();
    const tick = window.setInterval(() => setNow(Date.now()), 1000);
    const poll = window.setInterval(() => {
      partyConfirmationsApi
        .get(created.id, ctrl.signal)
        .then((r) => {
          if (r.state === 'confirmed' && r.party) {
            const p = r.party;
            form.setFieldsValue({
              partyType: p.type,
              partyName: p.name,
              idType: p.idType,
              idNumber: p.idNumber,
              ...(p.phone ? { phone: p.phone } : {}),
              ...(p.address ? { address: p.address } : {}),
            });
            void form.validateFields(['partyName', 'idNumber']).catch(() => undefined);
            message.success(t('case.scan.filled'));
            setOpen(false);
          }
          setState(r.state);
        })
        .catch(() => undefined); // a lost poll is retried by the next tick
    }, POLL_MS);
    return () => {
      ctrl.abort();
      window.clearInterval(tick);
      window.clearInterval(poll);
    };
  }, [open, created, state, form, message, t]);

  const left = created ? new Date(created.expiresAt).getTime() - now : 0;
  const dead = state === 'expired' || state === 'locked' || (created !== null && left <= 0);

  return (
    <>
      <Button
        icon={<QrcodeOutlined />}
        block
        style={{ marginBottom: 16 }}
        onClick={() => {
          setOpen(true);
          void start();
        }}
        data-testid="party-scan"
      >
        {t('case.scan.button')}
      </Button>
      <Modal open={open} title={t('case.scan.title')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden width={360}>
        {error ? (
          <Result status="error" title={error} extra={<Button onClick={() => void start()}>{t('case.scan.regenerate')}</Button>} />
        ) : !created ? (
          <div style={{ textAlign: 'center', padding: 32 }}>
            <Spin />
          </div>
        ) : dead ? (
          <Result
            status="warning"
            title={state === 'locked' ? t('case.scan.locked') : t('case.scan.expired')}
            extra={
              <Button type="primary" onClick={() => void start()} data-testid="party-scan-regenerate">
                {t('case.scan.regenerate')}
              </Button>
            }
          />
        ) : (
          <Space direction="vertical" align="center" style={{ width: '100%' }}>
            <img src={created.qr} alt={t('case.scan.button')} width={240} height={240} data-testid="party-scan-qr" />
            <Typography.Text strong data-testid="party-scan-countdown">
              {t('case.scan.expiresIn', { time: mmss(left) })}
            </Typography.Text>
            <Typography.Text type="secondary">
              <Spin size="small" /> {t('case.scan.waiting')}
            </Typography.Text>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, textAlign: 'center', marginBottom: 0 }}>
              {t('case.scan.hint')}
            </Typography.Paragraph>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('case.scan.openLink')}
            </Typography.Text>
            <Typography.Text copyable style={{ fontSize: 12, wordBreak: 'break-all' }} data-testid="party-scan-link">
              {created.link}
            </Typography.Text>
          </Space>
        )}
      </Modal>
    </>
  );
}
