import { List, Typography } from 'antd';
import type { RuleLine } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { Citation } from '../../../components/Citation.tsx';

/** The reasoning of a calculation as the server gives it: every line with its citation (rule ID on hover). */
export function RuleLines({ lines, testId = 'law-rule-lines' }: { lines: readonly RuleLine[]; testId?: string }) {
  const { t, lang } = useI18n();
  return (
    <List
      size="small"
      bordered
      header={<Typography.Text strong>{t('law.lines')}</Typography.Text>}
      dataSource={[...lines]}
      locale={{ emptyText: t('common.none') }}
      data-testid={testId}
      renderItem={(l, i) => (
        <List.Item key={`${l.ruleId}-${i}`} data-testid="law-rule-line" data-rule={l.ruleId}>
          <div style={{ width: '100%' }}>
            <div>{lang.startsWith('en') ? l.textEn || l.textZh : l.textZh}</div>
            <div style={{ fontSize: 12, marginTop: 2 }} data-testid="law-rule-id">
              <Citation articles={l.article} ruleId={l.ruleId} />
            </div>
          </div>
        </List.Item>
      )}
    />
  );
}
