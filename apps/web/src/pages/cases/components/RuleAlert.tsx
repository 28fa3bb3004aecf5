import { Alert, Tag, Typography } from 'antd';
import type { ApiError } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/i18n.tsx';

/** A refusal by a legal rule: the rule ID with its article, and the server's message in the UI language. */
export function RuleAlert({ error, onClose }: { error: ApiError | null; onClose?: () => void }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  const details = (error.body.details ?? []).map((d) => (lang.startsWith('en') ? d.messageEn || d.message : d.message));
  const main = error.text(lang);
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
          {t('case.refusedByRule')}{' '}
          <Tag color="red" data-testid="case-rule-id" style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
            {error.body.rule}
          </Tag>
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
