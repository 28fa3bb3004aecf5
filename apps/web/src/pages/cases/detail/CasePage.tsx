import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Badge, Button, Card, Col, Result, Row, Skeleton, Tabs } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import type { CaseDetail } from '@chengguan/contracts';
import { casesApi } from '../../../api/cases.ts';
import { ApiError } from '../../../api/client.ts';
import { errorText } from '../../../api/errors.ts';
import { Page } from '../../../components/Page.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useLoad } from '../../../lib/useLoad.ts';
import { ActionDrawer } from './ActionDrawer.tsx';
import { ActionsPanel, type OpenableAction } from './ActionsPanel.tsx';
import { SummaryDecisionDrawer } from './SummaryDecisionDrawer.tsx';
import { RecusalButton } from './RecusalButton.tsx';
import { CaseHeader } from './CaseHeader.tsx';
import { CaseProgressPanel } from './CaseProgressPanel.tsx';
import { DeadlinesTab } from './DeadlinesTab.tsx';
import { EvidenceTab, RecordsTab } from './EvidenceTab.tsx';
import { OverviewTab } from './OverviewTab.tsx';
import { ServiceTab } from './ServiceTab.tsx';
import { EnforcementTab } from './EnforcementTab.tsx';
import { PaymentsTab } from './PaymentsTab.tsx';
import { TimelineTab } from './TimelineTab.tsx';
import { DocumentsTab } from './DocumentsTab.tsx';
import { SubmissionsTab } from './SubmissionsTab.tsx';

/** The case page: header, the tabs of what the case holds, and the actions the server allows now. */
export default function CasePage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const loaded = useLoad((signal) => casesApi.get(id, signal), id);
  // Every transition answers the whole case; keep the newest of that answer and the last load.
  const [fresh, setFresh] = useState<CaseDetail | null>(null);
  const [action, setAction] = useState<OpenableAction | null>(null);
  const [tab, setTab] = useState('overview');
  const detail = fresh && fresh.id === id && fresh.version >= (loaded.data?.version ?? 0) ? fresh : loaded.data;

  if (loaded.error && !detail) {
    const notFound = loaded.error instanceof ApiError && loaded.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('case.notFound') : t('common.loadFailed')}
        subTitle={notFound ? undefined : errorText(loaded.error, t, lang)}
        extra={<Link to="/cases">{t('case.backToList')}</Link>}
      />
    );
  }
  if (!detail) return <Skeleton active />;

  const evidenceAllowed = detail.allowedActions.some((a) => a.action === 'addEvidence' && a.allowed);
  const open = detail.deadlines.filter((d) => d.state === 'overdue').length;
  const tabs = [
    { key: 'overview', label: t('case.tab.overview'), children: <OverviewTab detail={detail} /> },
    {
      key: 'evidence',
      label: `${t('case.tab.evidence')}（${detail.evidence.length}）`,
      children: <EvidenceTab detail={detail} onAdd={evidenceAllowed ? () => setAction('addEvidence') : undefined} />,
    },
    { key: 'records', label: `${t('case.tab.records')}（${detail.records.length}）`, children: <RecordsTab detail={detail} /> },
    { key: 'documents', label: t('case.tab.documents'), children: <DocumentsTab detail={detail} /> },
    {
      key: 'deadlines',
      label: (
        <Badge count={open} size="small" offset={[8, -2]}>
          {t('case.tab.deadlines')}
        </Badge>
      ),
      children: <DeadlinesTab detail={detail} />,
    },
    ...(detail.decision?.penalty?.fineFen ? [{ key: 'payments', label: t('pay.tab'), children: <PaymentsTab detail={detail} /> }] : []),
    { key: 'service', label: t('case.tab.service'), children: <ServiceTab detail={detail} onChanged={loaded.reload} /> },
    { key: 'submissions', label: t('case.tab.submissions'), children: <SubmissionsTab detail={detail} /> },
    { key: 'enforcement', label: t('case.tab.enforcement'), children: <EnforcementTab detail={detail} onChanged={loaded.reload} /> },
    { key: 'timeline', label: t('case.tab.timeline'), children: <TimelineTab detail={detail} /> },
  ];

  return (
    <Page
      title={detail.caseNumber ?? t('case.caseTitle')}
      testId="case-page"
      extra={
        <>
          <Link to="/cases">
            <Button icon={<ArrowLeftOutlined />}>{t('case.backToList')}</Button>
          </Link>
          <Button icon={<ReloadOutlined />} loading={loaded.loading} onClick={loaded.reload}>
            {t('common.refresh')}
          </Button>
        </>
      }
    >
      {!!loaded.error && <Alert type="warning" showIcon message={errorText(loaded.error, t, lang)} style={{ marginBottom: 16 }} />}
      <div data-testid="case-loaded" data-state={detail.state} data-version={detail.version} data-case-id={detail.id} />
      <CaseHeader detail={detail} />
      <CaseProgressPanel detail={detail} />
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 17, order: 1 }}>
          <Card size="small">
            <Tabs activeKey={tab} onChange={setTab} items={tabs} data-testid="case-tabs" />
          </Card>
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 7, order: 2 }}>
          <ActionsPanel detail={detail} onOpen={setAction} />
          {detail.canWrite && detail.procedure === 'ordinary' && <RecusalButton detail={detail} onDone={setFresh} />}
        </Col>
      </Row>
      <SummaryDecisionDrawer
        detail={detail}
        open={action === 'issueSummaryDecision'}
        onClose={() => setAction(null)}
        onStale={loaded.reload}
        // The issued 当场处罚决定书 opens where the ticket's own does: print and hand-over to the party.
        onDone={(c) => navigate(`/summary?issued=${c.id}`)}
      />
      <ActionDrawer
        detail={detail}
        action={action === 'issueSummaryDecision' ? null : action}
        onClose={() => setAction(null)}
        onStale={loaded.reload}
        onDone={(c) => {
          setFresh(c);
          setAction(null);
        }}
      />
    </Page>
  );
}
