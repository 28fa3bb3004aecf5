import { Typography } from 'antd';
import type { BlockReason } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { Citation } from '../../../components/Citation.tsx';

/** Why an action is blocked, as the server says: the reason (zh, or en in the English UI), then its citation (rule ID on hover). */
export function BlockReasons({ reasons }: { reasons: readonly BlockReason[] }) {
  const { lang } = useI18n();
  if (reasons.length === 0) return null;
  return (
    <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }} data-testid="case-block-reasons">
      {reasons.map((r, i) => (
        <li key={`${r.ruleId}-${i}`} data-rule={r.ruleId}>
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {lang.startsWith('en') ? r.messageEn || r.messageZh : r.messageZh}
            {r.article ? (
              <span>
                {lang.startsWith('en') ? ' (' : '（'}
                <Citation articles={r.article} ruleId={r.ruleId} secondary={false} />
                {lang.startsWith('en') ? ')' : '）'}
              </span>
            ) : null}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}
