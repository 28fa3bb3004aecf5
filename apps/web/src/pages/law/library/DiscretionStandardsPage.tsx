import { useMemo } from 'react';
import { Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import type { DiscretionStandard, TierLevelCode } from '@chengguan/contracts';
import { useI18n, type Translate } from '../../../i18n/i18n.tsx';
import { formatRange, harmLabel, TIER_COLORS, tierLabel, tierOptions } from '../labels.ts';
import { LibraryPage } from './LibraryPage.tsx';
import { StandardDrawer } from './StandardDrawer.tsx';
import { TextFilter } from './TextFilter.tsx';

/** The machine conditions of a tier as short tags (what the calculator matches). */
function conditionTags(t: Translate, s: DiscretionStandard) {
  const c = s.conditions;
  const yn = (b: boolean) => (b ? t('common.yes') : t('common.no'));
  const tags: string[] = [];
  if (c.firstViolation !== undefined) tags.push(`${t('law.standard.firstViolation')}:${yn(c.firstViolation)}`);
  if (c.correctedPromptly !== undefined) tags.push(`${t('law.standard.correctedPromptly')}:${yn(c.correctedPromptly)}`);
  if (c.mitigation !== undefined) tags.push(`${t('law.standard.mitigation')}:${yn(c.mitigation)}`);
  if (c.harm) tags.push(`${t('law.standard.harm')}:${c.harm.map((h) => harmLabel(t, h)).join('/')}`);
  if (c.aggravatingFactorsAny) tags.push(`${t('law.standard.aggravating')}:${c.aggravatingFactorsAny.join('/')}`);
  return tags;
}

export default function DiscretionStandardsPage() {
  const { t } = useI18n();
  const columns = useMemo<TableColumnsType<DiscretionStandard>>(
    () => [
      {
        title: t('law.standard.offence'),
        key: 'offence',
        width: 240,
        fixed: 'left',
        render: (_, s) => (
          <div>
            <a>{`${s.offenceCode} ${s.offenceName}`}</a>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('law.standard.versionFrom', { from: s.offenceEffectiveFrom })}
              </Typography.Text>
            </div>
          </div>
        ),
      },
      {
        title: t('law.standard.level'),
        dataIndex: 'level',
        width: 90,
        render: (l: TierLevelCode) => <Tag color={TIER_COLORS[l]}>{tierLabel(t, l)}</Tag>,
      },
      { title: t('law.standard.label'), dataIndex: 'label', width: 200 },
      {
        title: t('law.standard.conditionsText'),
        key: 'conditions',
        render: (_, s) => (
          <div>
            {s.conditionsText && (
              <Typography.Paragraph ellipsis={{ rows: 2, tooltip: s.conditionsText }} style={{ margin: 0 }}>
                {s.conditionsText}
              </Typography.Paragraph>
            )}
            <Space size={[4, 4]} wrap>
              {conditionTags(t, s).map((c) => (
                <Tag key={c} style={{ fontSize: 11 }}>
                  {c}
                </Tag>
              ))}
            </Space>
          </div>
        ),
      },
      { title: t('law.standard.range'), key: 'range', width: 170, render: (_, s) => formatRange(t, s.minFen, s.maxFen) },
    ],
    [t],
  );
  return (
    <LibraryPage
      kind="discretion-standards"
      title={t('menu.lawStandards')}
      testId="law-standards"
      columns={columns}
      scrollX={1200}
      searchPlaceholder={t('law.standard.searchPlaceholder')}
      extraFilters={(f, set) => (
        <>
          <TextFilter placeholder={t('law.offence.code')} value={f.offenceCode} onChange={(v) => set({ offenceCode: v })} />
          <Select<TierLevelCode>
            allowClear
            placeholder={t('law.standard.level')}
            options={tierOptions(t)}
            value={f.level}
            onChange={(v) => set({ level: v })}
            style={{ width: 120 }}
          />
        </>
      )}
      renderDrawer={(p) => <StandardDrawer {...p} />}
    />
  );
}
