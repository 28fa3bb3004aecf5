// One review item (技术与法律二审合一): the images and video of its grouped events, each device's state under
// 《中华人民共和国行政处罚法》第四十一条, the scene's offence; the reviewer confirms (registers the off-site case and tells
// the party) or dismisses with a reason.
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Flex, Form, Image, Input, Modal, Select, Space, Spin, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import type { ConfirmOffsiteBody, DismissOffsiteBody, OffsiteReviewDetail } from '@chengguan/contracts';
import { offsiteApi } from '../../api/offsite.ts';
import { errorText } from '../../api/errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { Page } from '../../components/Page.tsx';
import { Citation } from '../../components/Citation.tsx';

type ConfirmValues = {
  type: ConfirmOffsiteBody['party']['type'];
  name: string;
  idType: ConfirmOffsiteBody['party']['idType'];
  idNumber: string;
  phone?: string;
  address?: string;
  consentOn?: Dayjs;
  offenceCode?: string;
};

export default function ReviewPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const [confirming, setConfirming] = useState(false);
  const [dismissing, setDismissing] = useState(false);
  const [confirmForm] = Form.useForm();
  const [dismissForm] = Form.useForm();
  const item = useLoad((signal) => offsiteApi.review(id, signal), id);
  const canReview = !!me?.permissions.includes('offsite:review') && !!me?.permissions.includes('case:write');
  const confirm = useSubmit<ConfirmOffsiteBody, OffsiteReviewDetail>(
    confirmForm,
    (b, idempotencyKey) => offsiteApi.confirm(id, b, { idempotencyKey }),
    {
      onSuccess: () => {
        setConfirming(false);
        item.reload();
      },
    },
  );
  const dismiss = useSubmit<DismissOffsiteBody, OffsiteReviewDetail>(
    dismissForm,
    (b, idempotencyKey) => offsiteApi.dismiss(id, b, { idempotencyKey }),
    {
      onSuccess: () => {
        setDismissing(false);
        item.reload();
      },
    },
  );
  if (item.error) return <Alert type="error" showIcon message={errorText(item.error, t, lang)} />;
  const r = item.data;
  if (!r) return <Spin />;
  const plate = r.events.find((e) => e.plate)?.plate;
  return (
    <Page
      title={t('offsite.review.title', { number: r.number })}
      testId="offsite-review-page"
      extra={
        canReview &&
        r.state === 'pending' && (
          <Space>
            <Button type="primary" onClick={() => setConfirming(true)} disabled={r.blocked} data-testid="review-confirm">
              {t('offsite.review.confirm')}
            </Button>
            <Button danger onClick={() => setDismissing(true)} data-testid="review-dismiss">
              {t('offsite.review.dismiss')}
            </Button>
          </Space>
        )
      }
    >
      <Flex vertical gap={16}>
        <Descriptions bordered size="small" column={2}>
          <Descriptions.Item label={t('offsite.col.scene')}>{r.sceneName}</Descriptions.Item>
          <Descriptions.Item label={t('offsite.col.state')}>
            <Tag data-testid="review-state">{t(`offsite.state.${r.state}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('offsite.review.law')}>
            {r.offenceCode ? `${r.offenceName ?? ''}（${r.offenceCode}）` : t('offsite.review.noLaw')}
          </Descriptions.Item>
          <Descriptions.Item label={t('offsite.col.party')}>{r.partyKey?.replace(/^(plate|subject):/, '') ?? '—'}</Descriptions.Item>
        </Descriptions>
        {r.eventCount > 1 && (
          <Alert type="info" showIcon message={t('offsite.review.grouped', { n: r.eventCount, hours: r.windowHours })} />
        )}
        {r.caseId && (
          <Alert
            type="success"
            showIcon
            message={
              <Link to={`/cases/${r.caseId}`} data-testid="review-case-link">
                {t('offsite.review.case')}
              </Link>
            }
            description={
              <>
                {r.noticeMethod && <div>{t(`offsite.review.notice.${r.noticeMethod}`)}</div>}
                {r.warningSent && <div>{t('offsite.review.warningSent')}</div>}
              </>
            }
          />
        )}
        {r.dismissReason && <Alert type="warning" showIcon message={`${t('offsite.review.dismissReason')}：${r.dismissReason}`} />}
        {r.events.map((e) => (
          <Card
            key={e.id}
            size="small"
            title={`${dayjs(e.occurredAt).format('YYYY-MM-DD HH:mm')} · ${t('offsite.col.device')} ${e.deviceCode}`}
            extra={e.plate ?? e.subjectCode ?? ''}
            data-testid="review-event"
          >
            <Flex gap={16} wrap>
              <Image.PreviewGroup>
                {e.media.map((m) =>
                  m.kind === 'video' ? (
                    <video key={m.sm3} src={offsiteApi.mediaUrl(r.id, m.sm3)} controls width={240} />
                  ) : (
                    <Image key={m.sm3} src={offsiteApi.mediaUrl(r.id, m.sm3)} width={160} height={120} style={{ objectFit: 'cover' }} />
                  ),
                )}
              </Image.PreviewGroup>
              <div style={{ flex: 1, minWidth: 240 }}>
                <Typography.Paragraph>{e.address ?? '—'}</Typography.Paragraph>
                {e.issues.length === 0 ? (
                  <Tag color="green">{t('offsite.review.deviceOk')}</Tag>
                ) : (
                  e.issues.map((i) => (
                    <Alert
                      key={`${i.field}|${i.scene ?? ''}`}
                      type="warning"
                      showIcon
                      style={{ marginBottom: 4 }}
                      message={
                        <span>
                          {i.message} <Citation articles={i.basis} ruleId={i.ruleId} />
                        </span>
                      }
                    />
                  ))
                )}
              </div>
            </Flex>
          </Card>
        ))}
      </Flex>
      <Modal
        open={confirming}
        title={t('offsite.review.confirm')}
        confirmLoading={confirm.loading}
        onCancel={() => setConfirming(false)}
        onOk={() =>
          void confirmForm.validateFields().then((v: ConfirmValues) =>
            confirm.submit({
              party: {
                type: v.type,
                name: v.name,
                idType: v.idType,
                idNumber: v.idNumber,
                ...(v.phone ? { phone: v.phone } : {}),
                ...(v.address ? { address: v.address } : {}),
                ...(v.consentOn ? { electronicServiceConsentOn: v.consentOn.format('YYYY-MM-DD') } : {}),
              },
              ...(v.offenceCode ? { offenceCode: v.offenceCode } : {}),
            }),
          )
        }
        destroyOnHidden
      >
        <Form
          form={confirmForm}
          layout="vertical"
          preserve={false}
          initialValues={{ type: 'natural_person', idType: 'id_card' }}
          data-testid="confirm-form"
        >
          <Typography.Text type="secondary">
            {t('offsite.review.party')}
            {plate ? ` · ${plate}` : ''}
          </Typography.Text>
          <Flex gap={12}>
            <Form.Item name="type" label={t('offsite.review.partyType')} style={{ flex: 1 }} rules={[{ required: true }]}>
              <Select
                options={(['natural_person', 'legal_person', 'other_org'] as const).map((p) => ({
                  value: p,
                  label: t(`offsite.partyType.${p}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="idType" label={t('offsite.review.idType')} style={{ flex: 1 }} rules={[{ required: true }]}>
              <Select options={(['id_card', 'uscc'] as const).map((p) => ({ value: p, label: t(`offsite.idType.${p}`) }))} />
            </Form.Item>
          </Flex>
          <Form.Item name="name" label={t('offsite.review.partyName')} rules={[{ required: true, max: 100 }]}>
            <Input data-testid="confirm-name" />
          </Form.Item>
          <Form.Item name="idNumber" label={t('offsite.review.idNumber')} rules={[{ required: true, max: 40 }]}>
            <Input data-testid="confirm-id" />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item name="phone" label={t('offsite.review.phone')} style={{ flex: 1 }}>
              <Input data-testid="confirm-phone" />
            </Form.Item>
            <Form.Item name="consentOn" label={t('offsite.review.consentOn')} style={{ flex: 1 }}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
          {!r.offenceCode && (
            <Form.Item name="offenceCode" label={t('offsite.review.offenceCode')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal
        open={dismissing}
        title={t('offsite.review.dismiss')}
        confirmLoading={dismiss.loading}
        onCancel={() => setDismissing(false)}
        onOk={() => void dismissForm.validateFields().then((v: DismissOffsiteBody) => dismiss.submit(v))}
        destroyOnHidden
      >
        <Form form={dismissForm} layout="vertical" preserve={false}>
          <Form.Item name="reason" label={t('offsite.review.dismissReason')} rules={[{ required: true, min: 2, max: 1000 }]}>
            <Input.TextArea rows={3} data-testid="dismiss-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
