import { useMemo } from 'react';
import { Select, Typography } from 'antd';
import type { InspectionMatter } from '@chengguan/contracts';
import { inspectionsApi } from '../../api/inspections.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad, type Loaded } from '../../lib/useLoad.ts';

const matterLabel = (m: Pick<InspectionMatter, 'code' | 'nameZh'>) => `${m.nameZh}（${m.code}）`;

/**
 * Matters of the 检查事项清单 in use that apply to at least one of `kinds` (all of them while no kind is chosen), by
 * name and code; each option and, under the field, each chosen matter shows its legal basis. The value is the list
 * of codes. A chosen code that no longer fits stays visible by its code, so the user sees what to take out.
 */
export function MatterSelect({
  value,
  onChange,
  kinds,
  source,
  id,
  testId,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  kinds?: readonly string[];
  /** The list, when the page loads it itself (to name the chosen matters elsewhere); else the field loads it. */
  source?: Loaded<InspectionMatter[]>;
  id?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const own = useLoad(
    (signal) => (source ? Promise.resolve([]) : inspectionsApi.matters({ active: true }, signal)),
    source ? 'given' : 'active-matters',
  );
  const matters = source ?? own;
  const fitting = useMemo(
    () => (matters.data ?? []).filter((m) => !kinds?.length || m.subjectKinds.some((k) => kinds.includes(k))),
    [matters.data, kinds],
  );
  const chosen = (value ?? []).map((c) => (matters.data ?? []).find((m) => m.code === c)).filter((m) => m !== undefined);
  return (
    <>
      <Select
        id={id}
        mode="multiple"
        allowClear
        value={value}
        onChange={(v: string[]) => onChange?.(v)}
        loading={matters.loading}
        optionFilterProp="label"
        placeholder={t('insp.matterPick.placeholder')}
        notFoundContent={matters.loading ? undefined : t('insp.matterPick.none')}
        options={fitting.map((m) => ({ value: m.code, label: matterLabel(m), matter: m }))}
        optionRender={(o) => {
          const m = (o.data as { matter: InspectionMatter }).matter;
          return (
            <div style={{ whiteSpace: 'normal' }} data-testid="matter-option">
              <div>{matterLabel(m)}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('insp.matterPick.basis')}：{m.legalBasisZh}
              </Typography.Text>
            </div>
          );
        }}
        data-testid={testId}
      />
      {chosen.length > 0 && (
        <ul style={{ margin: '6px 0 0', paddingInlineStart: 18, fontSize: 12, color: 'rgba(0,0,0,0.55)' }} data-testid="matter-bases">
          {chosen.map((m) => (
            <li key={m.code}>
              {m.nameZh}：{m.legalBasisZh}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
