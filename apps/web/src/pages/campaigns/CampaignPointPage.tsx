// A problem point: where it is, who owns it, the photos before and after, its history; the squad asks for 销项 with
// what was done and photos after; a leader (not the one who asked) approves it or sends it back with a reason.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Space, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import dayjs from 'dayjs';
import type { CampaignPoint } from '@chengguan/contracts';
import { campaignsApi } from '../../api/campaigns.ts';
import { errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { Page } from '../../components/Page.tsx';
import { PhotoUpload } from './PhotoUpload.tsx';
import { STATE_COLOURS } from './CampaignPage.tsx';

function Photos({ point, sm3s, testId }: { point: CampaignPoint; sm3s: string[]; testId: string }) {
  const { t } = useI18n();
  if (sm3s.length === 0) return <Typography.Text type="secondary">{t('campaign.photo.none')}</Typography.Text>;
  return (
    <Flex gap={8} wrap>
      {sm3s.map((sm3) => (
        <img
          key={sm3}
          src={campaignsApi.photoUrl(point.id, sm3)}
          alt={point.title}
          style={{ width: 160, height: 120, objectFit: 'cover', borderRadius: 4 }}
          data-testid={testId}
        />
      ))}
    </Flex>
  );
}

export default function CampaignPointPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const point = useLoad((signal) => campaignsApi.point(id, signal), id);
  const [askForm] = Form.useForm<{ rectification: string; afterPhotoSm3s: string[] }>();
  const [decideForm] = Form.useForm<{ reason?: string }>();
  const [approving, setApproving] = useState(true);
  const ask = useSubmit(
    askForm,
    (v: { rectification: string; afterPhotoSm3s: string[] }, idempotencyKey) =>
      campaignsApi.requestClose(id, { rectification: v.rectification, afterPhotoSm3s: v.afterPhotoSm3s ?? [] }, { idempotencyKey }),
    { successMessage: t('campaign.asked'), onSuccess: () => point.reload() },
  );
  const decide = useSubmit(
    decideForm,
    (v: { reason?: string; approve: boolean }, idempotencyKey) =>
      campaignsApi.decideClose(id, { approve: v.approve, ...(v.reason ? { reason: v.reason } : {}) }, { idempotencyKey }),
    { successMessage: t('campaign.decided'), onSuccess: () => point.reload() },
  );
  const send = (approve: boolean) => {
    setApproving(approve);
    void decideForm.validateFields().then((v) => decide.submit({ ...v, approve }));
  };
  const p = point.data;
  const canWork = !!me?.permissions.includes('campaign:work');
  const canApprove = !!me?.permissions.includes('campaign:approve');
  return (
    <Page title={p ? `${p.number} ${p.title}` : t('campaign.point.title')} testId="campaign-point-page">
      {!!point.error && <Alert type="error" showIcon message={errorText(point.error, t, lang)} style={{ marginBottom: 16 }} />}
      {p && (
        <Flex vertical gap={16}>
          <Card size="small">
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('campaign.list.title')}>
                <Link to={`/campaigns/${p.campaignId}`}>{p.campaignTitle}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('campaign.point.state')}>
                <Tag color={STATE_COLOURS[p.state]} data-testid="campaign-point-state-tag">
                  {t(`campaign.state.${p.state}`)}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('campaign.point.address')}>{p.address}</Descriptions.Item>
              <Descriptions.Item label={t('campaign.point.place')}>{`${p.lon.toFixed(6)}, ${p.lat.toFixed(6)}`}</Descriptions.Item>
              <Descriptions.Item label={t('campaign.col.areas')}>{p.areaName}</Descriptions.Item>
              <Descriptions.Item
                label={t('campaign.point.org')}
              >{`${p.orgName}${p.officerName ? ` · ${p.officerName}` : ''}`}</Descriptions.Item>
              <Descriptions.Item label={t('campaign.point.round')}>
                {p.roundNo ? t('campaign.roundNo', { n: p.roundNo }) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('campaign.point.refused')}>{p.refusedCount}</Descriptions.Item>
              {p.description && <Descriptions.Item label={t('campaign.point.description')}>{p.description}</Descriptions.Item>}
              {p.rectification && <Descriptions.Item label={t('campaign.point.rectification')}>{p.rectification}</Descriptions.Item>}
              {p.lastRefusal && <Descriptions.Item label={t('campaign.point.lastRefusal')}>{p.lastRefusal}</Descriptions.Item>}
            </Descriptions>
          </Card>
          <Flex gap={16} wrap>
            <Card size="small" title={t('campaign.point.before')} style={{ flex: '1 1 320px' }}>
              <Photos point={p} sm3s={p.beforePhotos} testId="campaign-photo-before" />
            </Card>
            <Card size="small" title={t('campaign.point.after')} style={{ flex: '1 1 320px' }}>
              <Photos point={p} sm3s={p.afterPhotos} testId="campaign-photo-after" />
            </Card>
          </Flex>
          {p.state === 'open' && canWork && (
            <Card size="small" title={t('campaign.ask')}>
              <Form form={askForm} layout="vertical" onFinish={(v) => void ask.submit(v)}>
                <Form.Item name="rectification" label={t('campaign.point.rectification')} rules={[{ required: true }]}>
                  <Input.TextArea rows={3} maxLength={2000} data-testid="campaign-rectification" />
                </Form.Item>
                <Form.Item name="afterPhotoSm3s" label={t('campaign.point.after')} rules={[{ required: true }]}>
                  <PhotoUpload testId="campaign-point-after" />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={ask.loading} data-testid="campaign-ask">
                  {t('campaign.ask')}
                </Button>
              </Form>
            </Card>
          )}
          {p.state === 'pending_close' && canApprove && (
            <Card size="small" title={t('campaign.decide')}>
              <Form form={decideForm} layout="vertical">
                <Form.Item name="reason" label={t('campaign.reason')}>
                  <Input.TextArea rows={2} maxLength={1000} data-testid="campaign-reason" />
                </Form.Item>
                <Space>
                  <Button type="primary" loading={decide.loading && approving} onClick={() => send(true)} data-testid="campaign-approve">
                    {t('campaign.approve')}
                  </Button>
                  <Button danger loading={decide.loading && !approving} onClick={() => send(false)} data-testid="campaign-refuse">
                    {t('campaign.refuse')}
                  </Button>
                </Space>
              </Form>
            </Card>
          )}
          <Card size="small" title={t('campaign.history')}>
            <Timeline
              items={(p.events ?? []).map((e) => ({
                children: `${dayjs(e.at).format('YYYY-MM-DD HH:mm')} ${e.actorName ?? ''} ${t(`campaign.event.${e.action}`)}${e.reason ? `：${e.reason}` : ''}`,
              }))}
            />
          </Card>
        </Flex>
      )}
    </Page>
  );
}
