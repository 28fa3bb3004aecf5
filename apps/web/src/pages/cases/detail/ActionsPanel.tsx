import { Button, Card, Collapse, Empty, Flex, Typography } from 'antd';
import { CASE_ACTION_ROUTES, type AllowedAction, type CaseDetail, type RoutedCaseAction } from '@chengguan/contracts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { BlockReasons } from '../components/BlockReasons.tsx';
import { actionLabel } from '../labels.ts';

/** What the case page can open: an action's form, or the decision on a 当场 draft (its own route and form). */
export type OpenableAction = RoutedCaseAction | 'issueSummaryDecision';

function openable(a: AllowedAction['action']): OpenableAction | null {
  return a in CASE_ACTION_ROUTES || a === 'issueSummaryDecision' ? (a as OpenableAction) : null;
}

/** The server says an action is someone else's (another role, a permission this user lacks). */
const OTHERS_RULES = new Set(['ROLE', 'PERMISSION']);
const forOthers = (a: AllowedAction) => !a.allowed && a.blockedBy.some((r) => OTHERS_RULES.has(r.ruleId));

type Citations = ReadonlyMap<string, CaseDetail['progress']['stillNeeded'][number]['citation']>;

function ActionItem({
  a,
  primary,
  onOpen,
  citations,
}: {
  a: AllowedAction;
  primary: boolean;
  onOpen: (a: OpenableAction) => void;
  citations: Citations;
}) {
  const { t } = useI18n();
  const routed = openable(a.action);
  return (
    <div data-testid={`case-action-${a.action}`} data-allowed={a.allowed}>
      <Button
        block
        type={a.allowed ? 'primary' : 'default'}
        ghost={a.allowed && !primary}
        disabled={!a.allowed || !routed}
        onClick={() => routed && onOpen(routed)}
        data-testid={`case-action-btn-${a.action}`}
      >
        {actionLabel(t, a.action)}
      </Button>
      {!a.allowed && <BlockReasons reasons={a.blockedBy} citations={citations} />}
    </div>
  );
}

/**
 * The server's allowedActions for this user: the actions that leave the current state, enabled when allowed,
 * disabled with what blocks them underneath (the citation in the Chinese form, the rule ID on hover). Actions that belong to another role are
 * folded away so that a phone screen shows the officer's own next steps first. Nothing here decides anything.
 */
export function ActionsPanel({ detail, onOpen }: { detail: CaseDetail; onOpen: (a: OpenableAction) => void }) {
  const { t } = useI18n();
  const shown = detail.allowedActions
    .filter((a) => a.availableInState && a.path !== null)
    .sort((a, b) => Number(b.allowed) - Number(a.allowed));
  const mine = shown.filter((a) => !forOthers(a));
  const others = shown.filter(forOthers);
  const citations: Citations = new Map(detail.progress.stillNeeded.map((n) => [n.ruleId, n.citation]));
  return (
    <Card size="small" title={t('case.actions')} data-testid="case-actions">
      {mine.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.noActions')} />}
      <Flex vertical gap={12}>
        {mine.map((a, i) => (
          <ActionItem key={a.action} a={a} primary={i === 0} onOpen={onOpen} citations={citations} />
        ))}
      </Flex>
      {others.length > 0 && (
        <Collapse
          ghost
          size="small"
          style={{ marginTop: 8 }}
          items={[
            {
              key: 'others',
              label: (
                <Typography.Text type="secondary">
                  {t('case.othersActions')}（{others.length}）
                </Typography.Text>
              ),
              children: (
                <Flex vertical gap={12}>
                  {others.map((a) => (
                    <ActionItem key={a.action} a={a} primary={false} onOpen={onOpen} citations={citations} />
                  ))}
                </Flex>
              ),
            },
          ]}
        />
      )}
      {!detail.canWrite && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
          {t('case.readOnly')}
        </Typography.Text>
      )}
    </Card>
  );
}
