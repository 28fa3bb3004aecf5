import { useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { Select, Spin } from 'antd';
import type { Offence } from '@chengguan/contracts';
import { libraryApi } from '../../../api/law.ts';

type Option = { value: string; label: string };

const offences = libraryApi('offences');

/** 案由 label: code, name and, per version, the first day in force. */
export function offenceOptionLabel(o: Pick<Offence, 'code' | 'name'>, versionFrom?: string): string {
  return versionFrom ? `${o.code} ${o.name}（${versionFrom} 起）` : `${o.code} ${o.name}`;
}

/**
 * A searchable offence picker; the search runs on the server. `by: 'code'` offers one entry per code (the
 * calculator picks the version itself, 处罚法 Art. 37); `by: 'id'` offers every version.
 */
export function OffenceSelect({
  by,
  value,
  onChange,
  initialOption,
  placeholder,
  allowClear,
  style,
  id,
  testId,
  onPicked,
  onlyIllegal,
  size,
  wrapOptions,
}: {
  by: 'code' | 'id';
  value?: string;
  onChange?: (v: string | undefined) => void;
  initialOption?: Option;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  id?: string;
  testId?: string;
  onPicked?: (o: Offence | undefined) => void;
  /** Leave out versions under which the act is no longer illegal (case pickers). */
  onlyIllegal?: boolean;
  size?: 'large' | 'middle';
  /** Options as wide as the field, long names wrapped (phone screens). */
  wrapOptions?: boolean;
}) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Offence[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    const ctl = new AbortController();
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      setLoading(true);
      offences
        .list({ q: q.trim() || undefined, page: 1, pageSize: 30 }, ctl.signal)
        .then((p) => setFound(onlyIllegal ? p.items.filter((o) => o.illegal) : p.items))
        .catch(() => undefined)
        .finally(() => {
          if (!ctl.signal.aborted) setLoading(false);
        });
    }, 250);
    return () => {
      ctl.abort();
      window.clearTimeout(timer.current);
    };
  }, [q, onlyIllegal]);

  const options = useMemo(() => {
    const seen = new Set<string>();
    const out: Option[] = [];
    for (const o of found) {
      const v = by === 'code' ? o.code : o.id;
      if (seen.has(v)) continue;
      seen.add(v);
      out.push({ value: v, label: offenceOptionLabel(o, by === 'id' ? o.effectiveFrom : undefined) });
    }
    if (initialOption && !seen.has(initialOption.value)) out.unshift(initialOption);
    return out;
  }, [found, by, initialOption]);

  return (
    <Select
      id={id}
      showSearch
      allowClear={allowClear}
      value={value}
      placeholder={placeholder}
      filterOption={false}
      onSearch={setQ}
      onChange={(v: string | undefined) => {
        onChange?.(v);
        onPicked?.(found.find((o) => (by === 'code' ? o.code : o.id) === v));
      }}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
      options={options}
      style={style}
      size={size}
      popupMatchSelectWidth={wrapOptions ?? false}
      {...(wrapOptions
        ? {
            optionRender: (o: { label?: ReactNode }) => <div style={{ whiteSpace: 'normal', wordBreak: 'break-all' }}>{o.label}</div>,
          }
        : {})}
      data-testid={testId}
    />
  );
}
