import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { Select, Spin, Tag, Typography } from 'antd';
import type { SubjectKindCode, SubjectListItem } from '@chengguan/contracts';
import { subjectApi } from '../../api/subjects.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { kindLabel } from './labels.ts';

/** What a picker knows of a subject: enough to label it and to fit the matters to its kind. */
export type PickedSubject = Pick<SubjectListItem, 'id' | 'name'> & {
  kind?: SubjectKindCode;
  code?: string | null;
  address?: string | null;
};

const optionLabel = (s: PickedSubject) => (s.code ? `${s.name}（${s.code}）` : s.name);

/**
 * One live 执法对象 of the user's jurisdiction, searched on the server (name, 一店一码, credit code or address) as he
 * types; each option shows the name, the kind, the address and the code. The value is the subject's id. `initial`
 * labels a value already chosen (a saved plan's recusal, the task the drawer was opened from).
 */
export function SubjectSelect({
  value,
  onChange,
  onPicked,
  initial,
  kind,
  orgId,
  placeholder,
  style,
  id,
  testId,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  onPicked?: (s: PickedSubject | undefined) => void;
  initial?: PickedSubject | null;
  kind?: SubjectKindCode;
  orgId?: string;
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<SubjectListItem[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    const ctl = new AbortController();
    window.clearTimeout(timer.current);
    // Debounced: one request once the user pauses typing, the older one cancelled.
    timer.current = window.setTimeout(() => {
      setLoading(true);
      subjectApi
        .list({ q: q.trim() || undefined, kind, orgId, status: 'active', page: 1, pageSize: 20 }, ctl.signal)
        .then((p) => setFound(p.items))
        .catch(() => undefined)
        .finally(() => {
          if (!ctl.signal.aborted) setLoading(false);
        });
    }, 300);
    return () => {
      ctl.abort();
      window.clearTimeout(timer.current);
    };
  }, [q, kind, orgId]);

  const options = useMemo(() => {
    const list: PickedSubject[] = [...found];
    if (initial && !found.some((s) => s.id === initial.id)) list.unshift(initial);
    return list.map((s) => ({ value: s.id, label: optionLabel(s), subject: s }));
  }, [found, initial]);

  return (
    <Select
      id={id}
      showSearch
      allowClear
      value={value}
      placeholder={placeholder ?? t('subject.pickPlaceholder')}
      filterOption={false}
      onSearch={setQ}
      onChange={(v: string | undefined) => {
        onChange?.(v);
        onPicked?.(options.find((o) => o.value === v)?.subject);
        if (v === undefined) setQ('');
      }}
      notFoundContent={loading ? <Spin size="small" /> : t('subject.pickNone')}
      options={options}
      optionRender={(o) => {
        const s = (o.data as { subject: PickedSubject }).subject;
        return (
          <div style={{ whiteSpace: 'normal' }} data-testid="subject-option">
            <div>
              {s.name} {s.kind && <Tag style={{ marginInlineStart: 4 }}>{kindLabel(t, s.kind)}</Tag>}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[s.address, s.code].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
        );
      }}
      style={style}
      popupMatchSelectWidth={420}
      data-testid={testId}
    />
  );
}
