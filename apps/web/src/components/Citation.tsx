import { Tooltip, Typography } from 'antd';
import { formatCitationZh } from '@chengguan/domain/vocabulary';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * The statute behind a rule as a reader expects it (docs/ui-text.md): 《中华人民共和国行政处罚法》第四十四条 in the
 * Chinese console, the compact reference in the English one. The server's references may be one string or a list.
 */
export function citationText(articles: string | readonly string[], lang: string): string {
  const list = (typeof articles === 'string' ? [articles] : [...articles]).filter((a) => a.trim() !== '');
  if (lang.startsWith('en')) return list.join('; ');
  return formatCitationZh(list.join('; '));
}

/**
 * A citation with the rule ID only as a hover detail (the ID is for machines and for whoever checks the rule
 * against LEGAL-RULES; a civil servant reads the article).
 */
export function Citation({
  articles,
  ruleId,
  secondary = true,
}: {
  articles: string | readonly string[];
  ruleId?: string | null;
  secondary?: boolean;
}) {
  const { t, lang } = useI18n();
  const text = citationText(articles, lang);
  const shown = ruleId && ruleId !== 'STATE' ? ruleId : null;
  if (!text && !shown) return null;
  const body = (
    <Typography.Text
      type={secondary ? 'secondary' : undefined}
      style={{ fontSize: 'inherit' }}
      data-testid="citation"
      data-rule={shown ?? undefined}
    >
      {text || t('citation.rule')}
    </Typography.Text>
  );
  return shown ? <Tooltip title={t('citation.ruleId', { id: shown })}>{body}</Tooltip> : body;
}
