import { useEffect, useState } from 'react';
import { Input } from 'antd';

/**
 * The free-text filter of a list: searches on Enter or the button, clears the filter when emptied, and follows the
 * list's filter when it changes elsewhere (a reset, a link).
 */
export function ListSearch({
  value,
  onSearch,
  placeholder,
  width = 240,
  testId,
}: {
  value: string | undefined;
  onSearch: (q: string | undefined) => void;
  placeholder: string;
  width?: number;
  testId?: string;
}) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <Input.Search
      allowClear
      placeholder={placeholder}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value === '') onSearch(undefined);
      }}
      onSearch={(v) => onSearch(v.trim() || undefined)}
      style={{ width }}
      data-testid={testId}
    />
  );
}
