// 数据质量: how much of the registry lacks a location, a squad, a valid licence or verification — each with its list.
import { Link } from 'react-router-dom';
import { Alert, Card, Col, Progress, Row, Spin, Statistic, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import { errorText } from '../../api/errors.ts';
import { subjectApi } from '../../api/subjects.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { Page } from '../../components/Page.tsx';

export default function SubjectQualityPage() {
  const { t, lang } = useI18n();
  const q = useLoad((signal) => subjectApi.quality(signal), 'quality');
  return (
    <Page title={t('subject.quality.title')} testId="subject-quality-page">
      {!!q.error && <Alert type="error" showIcon message={errorText(q.error, t, lang)} />}
      {!q.data ? (
        <Spin />
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Typography.Paragraph>{t('subject.quality.total', { n: q.data.total })}</Typography.Paragraph>
            <Statistic title={t('subject.quality.verifiedRatio')} value={(q.data.verifiedRatio * 100).toFixed(2)} suffix="%" />
          </Card>
          <Row gutter={[16, 16]}>
            {q.data.items.map((i) => (
              <Col key={i.key} xs={24} md={12} lg={6}>
                <Card size="small" title={i.labelZh} data-testid={`quality-${i.key}`}>
                  <Statistic value={i.count} />
                  <Progress percent={Math.round(i.ratio * 10000) / 100} size="small" status="normal" />
                  <Link to={`/subjects?${new URLSearchParams(Object.entries(i.filter).map(([k, v]) => [k, String(v)])).toString()}`}>
                    {t('subject.quality.show')}
                  </Link>
                </Card>
              </Col>
            ))}
          </Row>
        </>
      )}
    </Page>
  );
}
