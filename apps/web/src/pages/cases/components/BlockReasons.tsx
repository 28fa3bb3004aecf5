import { Tooltip, Typography } from 'antd';
import type { BlockReason, CaseProgress } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';

type Citation = CaseProgress['stillNeeded'][number]['citation'];

/**
 * Why an action is blocked, as the server says: the reason (zh, or en in the English UI) and, where the server gave
 * one for the rule, its citation in the Chinese form; the rule ID only on hover.
 */
export function BlockReasons({ reasons, citations }: { reasons: readonly BlockReason[]; citations?: ReadonlyMap<string, Citation> }) {
  const { t, lang } = useI18n();
  if (reasons.length === 0) return null;
  return (
    <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }} data-testid="case-block-reasons">
      {reasons.map((r, i) => {
        const citation = citations?.get(r.ruleId) ?? null;
        return (
          <li key={`${r.ruleId}-${i}`} data-rule={r.ruleId}>
            <Tooltip title={r.ruleId && r.ruleId !== 'STATE' ? t('progress.needs.rule', { id: r.ruleId }) : undefined}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {lang.startsWith('en') ? r.messageEn || r.messageZh : r.messageZh}
                {citation ? `（${citation.zh}）` : null}
              </Typography.Text>
            </Tooltip>
          </li>
        );
      })}
    </ul>
  );
}
