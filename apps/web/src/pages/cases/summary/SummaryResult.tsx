import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Flex, Result, Typography } from 'antd';
import type { CaseDetail, RoutedCaseAction } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { StateTag } from '../components/StateTag.tsx';
import { ActionDrawer } from '../detail/ActionDrawer.tsx';
import { ActionsPanel } from '../detail/ActionsPanel.tsx';
import { penaltyText } from '../detail/OverviewTab.tsx';
import { TicketHandOver } from './TicketHandOver.tsx';

/**
 * The issued 当场处罚决定书: its pre-assigned number (B2), the penalty, the review-first remedy text (B3), and what
 * the server allows next — 当场收缴 only when it lists it (B4), with the receipt number in its form; print and hand-over
 * of the issued form (TicketHandOver).
 */
export function SummaryResult({ detail, onChanged, onNew }: { detail: CaseDetail; onChanged: (c: CaseDetail) => void; onNew: () => void }) {
  const { t } = useI18n();
  const [action, setAction] = useState<RoutedCaseAction | null>(null);
  const number = detail.summary?.serialNumber ?? detail.decision?.number ?? detail.caseNumber ?? '—';
  return (
    <div data-testid="summary-result" data-case-id={detail.id} data-state={detail.state}>
      <Result
        status="success"
        style={{ padding: '16px 0' }}
        title={t('case.summary.issuedTitle')}
        subTitle={
          <Typography.Text strong style={{ fontSize: 18 }} copyable data-testid="summary-decision-number">
            {number}
          </Typography.Text>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('case.state')}>
            <StateTag state={detail.state} />
          </Descriptions.Item>
          <Descriptions.Item label={t('case.party')}>{detail.party.name}</Descriptions.Item>
          <Descriptions.Item label={t('case.offence')}>
            {detail.offence.code} {detail.offence.name}
          </Descriptions.Item>
          <Descriptions.Item label={t('case.decision')}>
            <span data-testid="summary-penalty">{penaltyText(t, detail.decision?.penalty)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('case.officers')}>{detail.officers.map((o) => o.name).join('、')}</Descriptions.Item>
          {detail.summary?.receiptNumber && (
            <Descriptions.Item label={t('case.field.receiptNumber')}>{detail.summary.receiptNumber}</Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {detail.summary?.remedyText && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('case.remedy')}
          description={<span data-testid="summary-remedy">{detail.summary.remedyText}</span>}
        />
      )}
      <TicketHandOver detail={detail} />
      <div style={{ marginBottom: 12 }}>
        <ActionsPanel detail={detail} onOpen={(a) => a !== 'issueSummaryDecision' && setAction(a)} />
      </div>
      <Flex gap={8} wrap>
        <Link to={`/cases/${detail.id}`} style={{ flex: 1 }}>
          <Button block data-testid="summary-open-case">
            {t('case.summary.openCase')}
          </Button>
        </Link>
        <Button type="primary" style={{ flex: 1 }} onClick={onNew} data-testid="summary-new">
          {t('case.summary.new')}
        </Button>
      </Flex>
      <ActionDrawer
        detail={detail}
        action={action}
        onClose={() => setAction(null)}
        onDone={(c) => {
          onChanged(c);
          setAction(null);
        }}
      />
    </div>
  );
}
