import type { TablePaginationConfig } from 'antd';

export type Paging = { page: number; pageSize: number };

/**
 * The pagination of a list paged on the server: the total, a size changer, and back to page 1 when the size changes.
 * `totalText` renders 「共 n 条」 in the console's language.
 */
export function serverPagination(
  paging: Paging,
  total: number,
  setPaging: (p: Paging) => void,
  totalText: (n: number) => string,
  pageSizeOptions: number[] = [10, 20, 50, 100],
): TablePaginationConfig {
  return {
    current: paging.page,
    pageSize: paging.pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions,
    showTotal: totalText,
    onChange: (page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
  };
}
