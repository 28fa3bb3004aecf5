import { useEffect, useState } from 'react';
import { Input } from 'antd';

/** A text filter applied on Enter or when the field loses focus (not on every keystroke). */
export function TextFilter({
  value,
  onChange,
  placeholder,
  width = 150,
  testId,
}: {
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  placeholder: string;
  width?: number;
  testId?: string;
}) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const apply = () => {
    const v = text.trim() || undefined;
    if (v !== value) onChange(v);
  };
  return (
    <Input
      allowClear
      placeholder={placeholder}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value === '' && value !== undefined) onChange(undefined);
      }}
      onPressEnter={apply}
      onBlur={apply}
      style={{ width }}
      data-testid={testId}
    />
  );
}
