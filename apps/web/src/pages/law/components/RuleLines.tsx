import { List, Tag, Typography } from 'antd';
import type { RuleLine } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';

/** The reasoning of a calculation as the server gives it: every line with its rule ID and article. */
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
            <Tag color="geekblue" data-testid="law-rule-id">
              {l.ruleId}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {l.article}
            </Typography.Text>
            <div style={{ marginTop: 4 }}>{lang.startsWith('en') ? l.textEn || l.textZh : l.textZh}</div>
          </div>
        </List.Item>
      )}
    />
  );
}
