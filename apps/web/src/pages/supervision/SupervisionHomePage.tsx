// The supervisor's home (docs/supervision.md §11): samples due, findings open, notices awaiting an answer, complaints,
// and the 督办 clocks of his scope.
import { Alert, Card, Col, Row, Statistic, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { MajorCase, Sample } from '@chengguan/contracts';
import { supervisionApi } from '../../api/supervision.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { Page } from '../../components/Page.tsx';
import { DataTable } from '../../components/DataTable.tsx';

export function ClockTag({ daysLeft }: { daysLeft: number | null }) {
  const { t } = useI18n();
  if (daysLeft === null) return null;
  if (daysLeft < 0) return <Tag color="red">{t('sup.overdueDays', { n: -daysLeft })}</Tag>;
  return <Tag color={daysLeft <= 3 ? 'orange' : 'blue'}>{daysLeft}</Tag>;
}

export default function SupervisionHomePage() {
  const { t, lang } = useI18n();
  const home = useLoad((signal) => supervisionApi.home(signal), 'home');
  const h = home.data;
  const majorColumns: TableColumnsType<MajorCase> = [
    {
      title: t('sup.caseNumber'),
      dataIndex: 'caseNumber',
      render: (n: string | null, m) => <Link to={`/cases/${m.caseId}`}>{n ?? '—'}</Link>,
    },
    { title: t('sup.org'), dataIndex: 'orgName' },
    { title: t('sup.reason'), dataIndex: 'reason', ellipsis: true },
    { title: t('sup.dueOn'), dataIndex: 'dueOn', width: 110 },
    { title: t('sup.daysLeft'), dataIndex: 'daysLeft', width: 110, render: (d: number | null) => <ClockTag daysLeft={d} /> },
  ];
  const sampleColumns: TableColumnsType<Sample> = [
    { title: t('sup.plan.name'), dataIndex: 'planName' },
    { title: t('sup.org'), dataIndex: 'orgName' },
    { title: t('sup.caseNumber'), dataIndex: 'caseNumber', render: (n: string | null) => n ?? '—' },
    { title: t('sup.sample.check'), render: (_: unknown, s) => (s.checkScore === null ? '—' : `${s.checkScore}/${s.checkMaxScore}`) },
    { title: t('sup.dueOn'), dataIndex: 'dueOn', width: 110 },
  ];
  const stat = (key: string, label: string, value: number | undefined, danger = false) => (
    <Col xs={12} md={8} lg={4} key={key}>
      <Card size="small" data-testid={`sup-home-${key}`}>
        <Statistic title={label} value={value ?? 0} valueStyle={danger && (value ?? 0) > 0 ? { color: '#cf1322' } : undefined} />
      </Card>
    </Col>
  );
  return (
    <Page title={t('sup.home.title')} testId="supervision-home">
      {!!home.error && <Alert type="error" showIcon message={errorText(home.error, t, lang)} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {stat('samples-due', t('sup.home.samplesDue'), h?.samplesDue)}
        {stat('samples-overdue', t('sup.home.samplesOverdue'), h?.samplesOverdue, true)}
        {stat('findings-open', t('sup.home.findingsOpen'), h?.findingsOpen)}
        {stat('findings-overdue', t('sup.home.findingsOverdue'), h?.findingsOverdue, true)}
        {stat('notices', t('sup.home.notices'), h?.noticesAwaiting)}
        {stat('complaints', t('sup.home.complaints'), h?.complaintsOpen)}
      </Row>
      <Card size="small" title={t('sup.home.major')} style={{ marginBottom: 16 }}>
        <DataTable<MajorCase>
          rowKey="id"
          size="small"
          loading={home.loading}
          dataSource={h?.majorCases ?? []}
          columns={majorColumns}
          pagination={false}
          data-testid="sup-home-major"
        />
      </Card>
      <Card size="small" title={t('sup.home.dueSamples')} extra={<Link to="/supervision/review">{t('menu.supervisionReview')}</Link>}>
        <DataTable<Sample>
          rowKey="id"
          size="small"
          loading={home.loading}
          dataSource={h?.dueSamples ?? []}
          columns={sampleColumns}
          pagination={false}
          data-testid="sup-home-samples"
        />
      </Card>
    </Page>
  );
}
