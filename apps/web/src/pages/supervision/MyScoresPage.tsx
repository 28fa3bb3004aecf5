// The officer's own 考核 card (docs/supervision.md §6), each line explained.
import { useState } from 'react';
import { Alert, Card, DatePicker, Statistic } from 'antd';
import dayjs from 'dayjs';
import { supervisionApi } from '../../api/supervision.ts';
import { errorText } from '../../api/errors.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { Page } from '../../components/Page.tsx';
import { ScoreLines } from './ScoresPage.tsx';
import { bureauToday } from '../../lib/bureauTime';

export default function MyScoresPage() {
  const { t, lang } = useI18n();
  const [range, setRange] = useState<[string, string]>([
    bureauToday().startOf('year').format('YYYY-MM-DD'),
    bureauToday().format('YYYY-MM-DD'),
  ]);
  const card = useLoad((signal) => supervisionApi.myScores({ from: range[0], to: range[1] }, signal), range.join());
  return (
    <Page
      title={t('sup.my.title')}
      testId="my-scores"
      extra={
        <DatePicker.RangePicker
          value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
        />
      }
    >
      <Alert type="info" showIcon message={t('sup.scores.noFines')} style={{ marginBottom: 16 }} />
      {!!card.error && <Alert type="error" showIcon message={errorText(card.error, t, lang)} style={{ marginBottom: 16 }} />}
      {card.data && (
        <Card size="small">
          <Statistic title={t('sup.scores.total')} value={card.data.total} suffix={`/ ${card.data.max}`} style={{ marginBottom: 16 }} />
          <ScoreLines card={card.data} />
        </Card>
      )}
    </Page>
  );
}
