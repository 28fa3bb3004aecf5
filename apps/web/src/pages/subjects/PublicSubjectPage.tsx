// 一店一码: the page the QR code on a door opens — public, for phones: who it is, its licences, published inspection
// results, and where to complain (the 12345 hotline until the platform takes complaints itself).
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import type { PublicSubject } from '@chengguan/contracts';
import { useI18n } from '../../i18n/i18n.tsx';
import { subjectApi } from '../../api/subjects.ts';

export default function PublicSubjectPage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const [s, setS] = useState<PublicSubject | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    const ctrl = new AbortController();
    subjectApi.publicPage(code.toUpperCase(), ctrl.signal).then(setS, () => setMissing(true));
    return () => ctrl.abort();
  }, [code]);
  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: 16 }} data-testid="public-subject-page">
      <Typography.Title level={4}>{t('subject.public.title')}</Typography.Title>
      {missing ? (
        <Alert type="warning" showIcon message={t('subject.public.notFound')} />
      ) : !s ? (
        <Spin />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Card size="small">
            <Typography.Title level={5} data-testid="public-subject-name" style={{ marginTop: 0 }}>
              {s.name}
            </Typography.Title>
            <Space wrap>
              <Tag>{s.kindLabelZh}</Tag>
              {s.status !== 'active' && <Tag color="default">{t('subject.public.closed')}</Tag>}
            </Space>
            <Typography.Paragraph style={{ marginTop: 8 }}>{s.address}</Typography.Paragraph>
            <Typography.Text type="secondary">{t('subject.public.agency', { name: s.agencyName })}</Typography.Text>
          </Card>
          <Card size="small" title={t('subject.public.licences')}>
            {s.licences.length === 0 ? (
              <Empty description={t('subject.public.noLicence')} />
            ) : (
              <List
                size="small"
                dataSource={s.licences}
                renderItem={(l) => (
                  <List.Item>
                    <Space direction="vertical" size={0}>
                      <span>
                        {l.kindLabelZh} {l.number}
                      </span>
                      <Typography.Text type="secondary">
                        {l.validUntil ?? t('subject.longTerm')} · {l.stateZh}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card size="small" title={t('subject.public.inspections')}>
            {s.inspections.length === 0 ? (
              <Empty description={t('subject.public.noInspection')} />
            ) : (
              <List
                size="small"
                dataSource={s.inspections}
                renderItem={(i) => (
                  <List.Item>
                    <Space direction="vertical" size={0}>
                      <Space>
                        <span>{i.occurredOn}</span>
                        <Tag color={i.passed ? 'green' : 'red'}>{i.passed ? t('subject.public.passed') : t('subject.public.failed')}</Tag>
                      </Space>
                      {i.matters.length > 0 && <Typography.Text type="secondary">{i.matters.join('、')}</Typography.Text>}
                      {i.failedItems.map((f) => (
                        <Typography.Text key={f} type="danger">
                          {f}
                        </Typography.Text>
                      ))}
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card size="small" title={t('subject.public.complaint')}>
            <Typography.Paragraph>{s.complaint.textZh}</Typography.Paragraph>
            <a href={`tel:${s.complaint.hotline}`}>{t('subject.public.call')}</a>
          </Card>
        </Space>
      )}
    </div>
  );
}
