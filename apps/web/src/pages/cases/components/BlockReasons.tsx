import { Typography } from 'antd';
import type { BlockReason } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';

/** Why an action is blocked, as the server says: rule ID + article, then the reason (zh, or en in the English UI). */
export function BlockReasons({ reasons }: { reasons: readonly BlockReason[] }) {
  const { lang } = useI18n();
  if (reasons.length === 0) return null;
  return (
    <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }} data-testid="case-block-reasons">
      {reasons.map((r, i) => (
        <li key={`${r.ruleId}-${i}`} data-rule={r.ruleId}>
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {r.ruleId && r.ruleId !== 'STATE' ? <strong>{r.ruleId} </strong> : null}
            {r.article ? <span>{r.article}：</span> : null}
            {lang.startsWith('en') ? r.messageEn || r.messageZh : r.messageZh}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}
