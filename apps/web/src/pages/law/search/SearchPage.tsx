import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, DatePicker, Empty, Flex, Input, Spin, Typography } from 'antd';
import { lawApi } from '../../../api/law.ts';
import { errorText } from '../../../api/errors.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useLoad } from '../../../lib/useLoad.ts';
import { Page } from '../../../components/Page.tsx';
import { fromDay, toDay } from '../labels.ts';
import { SearchHitCard } from './SearchHitCard.tsx';

/** 法规检索: words of the behaviour (e.g. 占道 洗车) → offence, legal basis, exemptions and guidance. */
export default function SearchPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const on = params.get('on') ?? undefined;
  const [text, setText] = useState(q);
  const result = useLoad(async (signal) => (q.trim() ? lawApi.search(q.trim(), on, signal) : null), `${q}|${on ?? ''}`);

  const go = (next: { q?: string; on?: string | null }) => {
    const p = new URLSearchParams(params);
    if (next.q !== undefined) p.set('q', next.q.trim());
    if (next.on !== undefined) {
      if (next.on) p.set('on', next.on);
      else p.delete('on');
    }
    setParams(p, { replace: true });
  };

  const hits = result.data?.hits ?? [];
  return (
    <Page title={t('menu.lawSearch')} testId="law-search-page">
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          size="large"
          allowClear
          enterButton={t('common.search')}
          placeholder={t('law.search.placeholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => go({ q: v })}
          style={{ flex: '1 1 320px', maxWidth: 640 }}
          data-testid="law-search-input"
        />
        <DatePicker
          size="large"
          placeholder={t('law.search.on')}
          value={toDay(on)}
          onChange={(d) => go({ on: fromDay(d) })}
          style={{ width: 220 }}
        />
      </Flex>
      {!!result.error && <Alert type="error" showIcon message={errorText(result.error, t, lang)} style={{ marginBottom: 16 }} />}
      {result.loading && q && <Spin style={{ display: 'block', margin: 24 }} />}
      {!result.loading && result.data && (
        <>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 12 }} data-testid="law-search-summary">
            {t('law.search.summary', { n: hits.length, on: result.data.on, terms: result.data.terms.join(' + ') })}
          </Typography.Text>
          {hits.length === 0 ? (
            <Empty description={t('law.search.empty')} />
          ) : (
            <Flex vertical gap={12} data-testid="law-search-results">
              {hits.map((h, i) => (
                <SearchHitCard key={`${h.kind}-${h.exemptionItem?.id ?? h.offence?.id ?? i}`} hit={h} />
              ))}
            </Flex>
          )}
        </>
      )}
      {!q && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('law.search.hint')} />}
    </Page>
  );
}
