import { useState, type ReactNode } from 'react';
import { Badge, Button, Grid } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * A list's filters: shown as they are on a desk; on a phone folded behind one 「筛选」 button (with the number of
 * filters set), so the first screen shows the list and not its filters.
 */
export function FilterPanel({ active, children }: { active: number; children: ReactNode }) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const [open, setOpen] = useState(false);
  if (screens.md !== false) return <>{children}</>;
  return (
    <>
      <Badge count={active} size="small" offset={[-4, 4]}>
        <Button icon={<FilterOutlined />} onClick={() => setOpen((o) => !o)} style={{ marginBottom: 12 }} data-testid="filters-toggle">
          {open ? t('common.filtersHide') : t('common.filters')}
        </Button>
      </Badge>
      {open && children}
    </>
  );
}

/** How many of a list's filters are set (for the folded panel's badge). */
export function countSet(filters: object): number {
  return Object.values(filters).filter((v) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)).length;
}
