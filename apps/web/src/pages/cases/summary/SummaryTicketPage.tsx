import { useState } from 'react';
import type { CaseDetail } from '@chengguan/contracts';
import { Page } from '../../../components/Page.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { SummaryForm } from './SummaryForm.tsx';
import { SummaryResult } from './SummaryResult.tsx';

/** 当场处罚 (summary procedure): one form, then the issued decision. Laid out for a phone (one column, ≥ 360 px). */
export default function SummaryTicketPage() {
  const { t } = useI18n();
  const [issued, setIssued] = useState<CaseDetail | null>(null);
  const [round, setRound] = useState(0);
  return (
    <Page title={t('menu.summaryTicket')} testId="summary-page">
      <div style={{ maxWidth: 640, margin: '0 auto' }}>
        {issued ? (
          <SummaryResult
            detail={issued}
            onChanged={setIssued}
            onNew={() => {
              setIssued(null);
              setRound((n) => n + 1);
            }}
          />
        ) : (
          <SummaryForm key={round} onIssued={setIssued} />
        )}
      </div>
    </Page>
  );
}
