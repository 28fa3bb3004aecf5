import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Skeleton } from 'antd';
import type { CaseDetail } from '@chengguan/contracts';
import { casesApi } from '../../../api/cases.ts';
import { Page } from '../../../components/Page.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useLoad } from '../../../lib/useLoad.ts';
import { SummaryForm } from './SummaryForm.tsx';
import { SummaryResult } from './SummaryResult.tsx';

/**
 * 当场处罚 (summary procedure): one form, then the issued decision. Laid out for a phone (one column, ≥ 360 px).
 * `?issued=<case id>` opens the result of a decision taken elsewhere (on a draft, from the case page): print and hand-over.
 */
export default function SummaryTicketPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const issuedId = params.get('issued') ?? '';
  const loaded = useLoad((signal) => (issuedId ? casesApi.get(issuedId, signal) : Promise.resolve(null)), issuedId);
  const [issued, setIssued] = useState<CaseDetail | null>(null);
  const [round, setRound] = useState(0);
  const shown = issued ?? (issuedId ? loaded.data : null);
  return (
    <Page title={t('menu.summaryTicket')} testId="summary-page">
      <div style={{ maxWidth: 640, margin: '0 auto' }}>
        {shown ? (
          <SummaryResult
            detail={shown}
            onChanged={setIssued}
            onNew={() => {
              setIssued(null);
              setParams({});
              setRound((n) => n + 1);
            }}
          />
        ) : issuedId && !loaded.error ? (
          <Skeleton active />
        ) : (
          <SummaryForm key={round} onIssued={setIssued} />
        )}
      </div>
    </Page>
  );
}
