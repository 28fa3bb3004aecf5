import type { Offence } from '@chengguan/contracts';
import { OffenceSelect } from '../../law/components/OffenceSelect.tsx';

/**
 * 案由 picker of the case forms: one entry per code (the server picks the version in force on the day of the act,
 * 处罚法 Art. 37), only versions under which the act is illegal, full width with wrapped names for phones.
 */
export function OffenceSearch({
  testId = 'offence-search',
  ...props
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
  return <OffenceSelect by="code" onlyIllegal wrapOptions style={{ width: '100%' }} testId={testId} {...props} />;
}
