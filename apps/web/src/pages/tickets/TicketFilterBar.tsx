import type { ReactNode } from 'react';
import { Button, Card, Checkbox, Flex, Select } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { TICKET_CHANNEL_CODES, TICKET_STATE_CODES } from '@chengguan/contracts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';

/** The filters every ticket list offers (the ticket list, the command centre's queue). */
export type TicketFilterValues = { q?: string; state?: string; channel?: string; open?: boolean; overdue?: boolean; repeated?: boolean };

/**
 * The ticket lists' filter bar: search, open only, overdue, repeated, state, channel and reset. `extra` goes after the
 * open-only box (e.g. the command centre's 已预警); `onReset` restores the page's initial filters.
 */
export function TicketFilterBar<F extends TicketFilterValues>({
  filters,
  setFilter,
  onReset,
  extra,
}: {
  filters: F;
  setFilter: (patch: Partial<F>) => void;
  onReset: () => void;
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  const set = (patch: TicketFilterValues) => setFilter(patch as Partial<F>);
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Flex wrap gap={12} align="center">
        <ListSearch value={filters.q} onSearch={(q) => set({ q })} placeholder={t('ticket.filter.search')} />
        <Checkbox checked={!!filters.open} onChange={(e) => set({ open: e.target.checked || undefined })}>
          {t('ticket.filter.open')}
        </Checkbox>
        {extra}
        <Checkbox checked={!!filters.overdue} onChange={(e) => set({ overdue: e.target.checked || undefined })}>
          {t('ticket.filter.overdue')}
        </Checkbox>
        <Checkbox checked={!!filters.repeated} onChange={(e) => set({ repeated: e.target.checked || undefined })}>
          {t('ticket.filter.repeated')}
        </Checkbox>
        <Select
          allowClear
          placeholder={t('ticket.col.state')}
          value={filters.state}
          onChange={(v: string | undefined) => set({ state: v })}
          options={TICKET_STATE_CODES.map((s) => ({ value: s, label: t(`ticket.state.${s}`) }))}
          style={{ width: 130 }}
        />
        <Select
          allowClear
          placeholder={t('ticket.col.channel')}
          value={filters.channel}
          onChange={(v: string | undefined) => set({ channel: v })}
          options={TICKET_CHANNEL_CODES.map((s) => ({ value: s, label: t(`ticket.channel.${s}`) }))}
          style={{ width: 150 }}
        />
        <Button icon={<ReloadOutlined />} onClick={onReset}>
          {t('common.reset')}
        </Button>
      </Flex>
    </Card>
  );
}
