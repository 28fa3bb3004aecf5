import type { Key, ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Card, Empty, Flex, Grid, Pagination, Spin, Table, Typography, type TableColumnType, type TableProps } from 'antd';

type Column<T> = TableColumnType<T> & { children?: unknown };

function cellValue<T>(record: T, dataIndex: TableColumnType<T>['dataIndex']): unknown {
  if (dataIndex === undefined || dataIndex === null) return undefined;
  const path = Array.isArray(dataIndex) ? dataIndex : [dataIndex];
  let v: unknown = record;
  for (const k of path) v = v === null || v === undefined ? undefined : (v as Record<string | number, unknown>)[k as string | number];
  return v;
}

function cellContent<T>(col: Column<T>, record: T, index: number): ReactNode {
  const value = cellValue(record, col.dataIndex);
  if (col.render) {
    const out = col.render(value, record, index) as unknown;
    // A render may answer { children, props } (cell spans); the card shows the children.
    if (out && typeof out === 'object' && 'children' in (out as object) && 'props' in (out as object))
      return (out as { children: ReactNode }).children;
    return out as ReactNode;
  }
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value as string | number | boolean);
}

function rowKeyOf<T>(record: T, index: number, rowKey: TableProps<T>['rowKey']): Key {
  if (typeof rowKey === 'function') return rowKey(record, index);
  if (typeof rowKey === 'string') return (record as Record<string, Key>)[rowKey] ?? index;
  return ((record as Record<string, Key>).key as Key | undefined) ?? index;
}

/**
 * A list of the console: a table on a desk, a column of cards on a phone (below antd's `md` breakpoint).
 * Each card shows the row's first column as its title and every other column as a label and its value, drawn by the
 * column's own `render`, so a page defines its columns once. Paging, loading and the empty state are the table's.
 * The cards carry `data-testid="<table's test id>-cards"`, each card `data-testid="list-card"`.
 */
export function DataTable<T extends object>(props: TableProps<T> & { 'data-testid'?: string }) {
  const screens = Grid.useBreakpoint();
  const { t } = useI18n();
  if (screens.md !== false) return <Table<T> {...props} />;

  const { dataSource, columns = [], loading, pagination, rowKey, onRow, expandable } = props;
  const testId = props['data-testid'];
  const cols = (columns as Column<T>[]).filter((c) => !c.hidden && c.children === undefined);
  const [head, ...rest] = cols;
  const rows = [...(dataSource ?? [])];
  const spinning = typeof loading === 'object' ? Boolean(loading.spinning) : Boolean(loading);

  return (
    <Spin spinning={spinning}>
      <div data-testid={testId ? `${testId}-cards` : undefined}>
        {rows.length === 0 && !spinning && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        <Flex vertical gap={8}>
          {rows.map((r, i) => {
            const rowProps = onRow?.(r, i) ?? {};
            return (
              <Card
                key={rowKeyOf(r, i, rowKey)}
                size="small"
                data-testid="list-card"
                title={head ? cellContent(head, r, i) : undefined}
                onClick={rowProps.onClick as never}
                styles={{ header: { minHeight: 40 }, body: { padding: '8px 12px' } }}
              >
                {rest.map((c, ci) => (
                  <Flex key={String(c.key ?? c.dataIndex ?? ci)} gap={8} style={{ padding: '2px 0' }}>
                    <Typography.Text type="secondary" style={{ flex: '0 0 6.5em' }}>
                      {c.title as ReactNode}
                    </Typography.Text>
                    <div style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>{cellContent(c, r, i)}</div>
                  </Flex>
                ))}
                {expandable?.expandedRowRender && (expandable.rowExpandable?.(r) ?? true) && (
                  <details style={{ marginTop: 4 }}>
                    <summary>
                      <Typography.Link>{t('common.details')}</Typography.Link>
                    </summary>
                    {expandable.expandedRowRender(r, i, 0, true)}
                  </details>
                )}
              </Card>
            );
          })}
        </Flex>
        {pagination && pagination.total !== undefined && pagination.total > 0 && (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Pagination
              simple
              size="small"
              current={pagination.current}
              pageSize={pagination.pageSize}
              total={pagination.total}
              onChange={pagination.onChange}
              showTotal={pagination.showTotal}
            />
          </Flex>
        )}
      </div>
    </Spin>
  );
}
