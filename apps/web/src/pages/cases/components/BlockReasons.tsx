import { Tooltip, Typography } from 'antd';
import type { BlockReason, CaseProgress } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { Citation } from '../../../components/Citation.tsx';

/**
 * Why an action is blocked, as the server says: the reason (zh, or en in the English UI), then its citation in the
 * Chinese form (docs/ui-text.md); the rule ID only on hover.
 */
export function BlockReasons({
  reasons,
  citations,
}: {
  reasons: readonly BlockReason[];
  /** The progress section's citation of each rule, for reasons that carry no article of their own. */
  citations?: ReadonlyMap<string, CaseProgress['stillNeeded'][number]['citation']>;
}) {
  const { lang } = useI18n();
  const en = lang.startsWith('en');
  if (reasons.length === 0) return null;
  return (
    <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }} data-testid="case-block-reasons">
      {reasons.map((r, i) => (
        <li key={`${r.ruleId}-${i}`} data-rule={r.ruleId}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {en ? r.messageEn || r.messageZh : r.messageZh}
            {r.article ? (
              <span>
                {en ? ' (' : '（'}
                <Citation articles={r.article} ruleId={r.ruleId} />
                {en ? ')' : '）'}
              </span>
            ) : citations?.get(r.ruleId) ? (
              <span>
                {en ? ' (' : '（'}
                <Tooltip title={r.ruleId}>
                  <span data-testid="citation">{citations.get(r.ruleId)?.zh}</span>
                </Tooltip>
                {en ? ')' : '）'}
              </span>
            ) : null}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}
