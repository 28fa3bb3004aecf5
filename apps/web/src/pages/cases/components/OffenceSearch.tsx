import { useEffect, useMemo, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import type { Offence } from '@chengguan/contracts';
import { casesApi } from '../../../api/cases.ts';

/**
 * 案由 picker: types a word, the server searches the law library. One entry per code (the server picks the version
 * in force on the day of the act, 处罚法 Art. 37); `onPicked` hands the offence to show its provision and range.
 */
export function OffenceSearch({
  value,
  onChange,
  onPicked,
  placeholder,
  allowClear,
  id,
  testId = 'offence-search',
  size,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  onPicked?: (o: Offence | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  testId?: string;
  size?: 'large' | 'middle';
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
      casesApi
        .offences(q.trim() || undefined, ctl.signal)
        .then((p) => setFound(p.items.filter((o) => o.illegal)))
        .catch(() => undefined)
        .finally(() => {
          if (!ctl.signal.aborted) setLoading(false);
        });
    }, 250);
    return () => {
      ctl.abort();
      window.clearTimeout(timer.current);
    };
  }, [q]);

  const options = useMemo(() => {
    const seen = new Set<string>();
    return found
      .filter((o) => (seen.has(o.code) ? false : (seen.add(o.code), true)))
      .map((o) => ({ value: o.code, label: `${o.code} ${o.name}` }));
  }, [found]);

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
        onPicked?.(found.find((o) => o.code === v));
      }}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
      options={options}
      size={size}
      style={{ width: '100%' }}
      popupMatchSelectWidth
      optionRender={(o) => <div style={{ whiteSpace: 'normal', wordBreak: 'break-all' }}>{o.label}</div>}
      data-testid={testId}
    />
  );
}
