import { Alert, Tooltip, Typography } from 'antd';
import type { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/i18n.tsx';

/**
 * A refusal by a legal rule: the server's message in the UI language (in Chinese it ends with the statute's citation);
 * the rule ID only as a hover (docs/ui-text.md).
 */
export function RuleAlert({ error, onClose }: { error: ApiError | null; onClose?: () => void }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  const details = (error.body.details ?? []).map((d) => (lang.startsWith('en') ? d.messageEn || d.message : d.message));
  const main = error.text(lang);
  const ruleId = (error.body.rule ?? '').split(' ')[0] ?? '';
  return (
    <Alert
      type="error"
      showIcon
      closable={!!onClose}
      onClose={onClose}
      style={{ marginBottom: 16 }}
      data-testid="case-rule-error"
      data-rule={error.body.rule}
      message={
        <span>
          <Tooltip title={ruleId ? t('citation.ruleId', { id: ruleId }) : undefined}>
            <span data-testid="case-rule-id" data-rule={ruleId}>
              {t('case.refusedByRule')}
            </span>
          </Tooltip>
        </span>
      }
      description={
        <>
          <div data-testid="case-rule-message">{main}</div>
          {details
            .filter((d) => d !== main && !main.includes(d))
            .map((d, i) => (
              <Typography.Text key={i} type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {d}
              </Typography.Text>
            ))}
        </>
      }
    />
  );
}
