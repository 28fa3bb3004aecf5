// The four numbers (and 诉转案率) per squad or district bureau for one month, exportable, and the tickets part of the
// command centre's and the leaders' homes: this month against last month, and what waits on the centre.
import type { TicketHome, TicketRatesTable, TicketRatesTableQuery } from '@chengguan/contracts';
import { ticketRates, type TicketFacts, type TicketRates as DomainRates } from '@chengguan/domain';
import { sql } from 'kysely';
import type { Actor, Deps } from '../../../context.ts';
import { toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate, shanghaiInstant } from '../../../shared/time.ts';
import { getOrgRowOrFail } from '../../org/index.ts';
import { ticketsQuery } from '../tickets.repository.ts';
import { RATE_FACT_COLUMNS, rateFacts } from './read-tickets.ts';

const OPEN = ['received', 'accepted', 'dispatched', 'handling'] as const;

function monthBounds(month: string): [Date, Date] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [shanghaiInstant(`${month}-01`), shanghaiInstant(`${next}-01`)];
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

const prefix = (path: string) => `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The facts of the month's tickets in the actor's jurisdiction (narrowed to `scopePath`), with their squad and bureau. */
async function monthFacts(deps: Deps, actor: Actor, month: string, scopePath: string | null) {
  const [from, to] = monthBounds(month);
  let q = ticketsQuery(deps.db, actor).where('t.received_at', '>=', from).where('t.received_at', '<', to);
  if (scopePath) q = q.where(sql<boolean>`coalesce(g.path, b.path) LIKE ${prefix(scopePath)}`);
  const rows = await q.select(['t.org_id', 'g.name as org_name', 't.bureau_id', 'b.name as bureau_name', ...RATE_FACT_COLUMNS]).execute();
  return rows.map((r) => ({
    orgId: r.org_id,
    orgName: r.org_name,
    bureauId: r.bureau_id,
    bureauName: r.bureau_name,
    facts: rateFacts(r),
  }));
}

export async function getTicketRatesTable(deps: Deps, actor: Actor, q: TicketRatesTableQuery): Promise<TicketRatesTable> {
  assertPermission(actor, 'ticket:read');
  const groupBy = q.groupBy ?? 'squad';
  const scope = q.orgId ? await getOrgRowOrFail(deps.db, actor, q.orgId) : null;
  const rows = await monthFacts(deps, actor, q.month, scope?.path ?? null);
  const now = deps.clock.now();
  const groups = new Map<string, { orgId: string | null; orgName: string; facts: TicketFacts[] }>();
  for (const r of rows) {
    const key = groupBy === 'squad' ? (r.orgId ?? `bureau:${r.bureauId}`) : r.bureauId;
    const name = groupBy === 'squad' ? (r.orgName ?? `${r.bureauName}（未派中队）`) : r.bureauName;
    const orgId = groupBy === 'squad' ? r.orgId : r.bureauId;
    const g = groups.get(key) ?? { orgId, orgName: name, facts: [] };
    g.facts.push(r.facts);
    groups.set(key, g);
  }
  const out = [...groups.values()]
    .map((g) => ({ orgId: g.orgId, orgName: g.orgName, ...ticketRates(g.facts, now) }))
    .sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN'));
  return {
    month: q.month,
    groupBy,
    rows: out,
    total: ticketRates(
      rows.map((r) => r.facts),
      now,
    ),
  };
}

const pct = (r: DomainRates['onTime']) => (r.percent === null ? null : r.percent / 100);

export async function exportTicketRatesTable(deps: Deps, actor: Actor, q: TicketRatesTableQuery): Promise<Buffer> {
  const table = await getTicketRatesTable(deps, actor, q);
  type Row = TicketRatesTable['rows'][number];
  const columns: XlsxColumn<Row>[] = [
    { header: '月份', width: 10, value: () => table.month },
    { header: table.groupBy === 'squad' ? '中队' : '区局', width: 24, value: (r) => r.orgName },
    { header: '受理数', width: 10, value: (r) => r.received },
    { header: '24小时先行联系率', width: 16, value: (r) => pct(r.firstContact) },
    { header: '及时办结率', width: 12, value: (r) => pct(r.onTime) },
    { header: '实际解决率', width: 12, value: (r) => pct(r.resolution) },
    { header: '市民满意率', width: 12, value: (r) => pct(r.satisfaction) },
    { header: '诉转案率', width: 12, value: (r) => pct(r.conversion) },
    { header: '转为案件数', width: 12, value: (r) => r.conversion.numerator },
  ];
  return toXlsx('诉件指标', columns, [...table.rows, { orgId: null, orgName: '合计', ...table.total }]);
}

/** The tickets part of a home: the rates of this month and last in the user's jurisdiction, and the centre's to-do. */
export async function ticketHome(deps: Deps, actor: Actor): Promise<TicketHome> {
  const now = deps.clock.now();
  const month = shanghaiDate(now).slice(0, 7);
  const lastMonth = previousMonth(month);
  const [thisRows, lastRows] = [await monthFacts(deps, actor, month, null), await monthFacts(deps, actor, lastMonth, null)];
  const count = async (build: (q: ReturnType<typeof ticketsQuery>) => ReturnType<typeof ticketsQuery>) => {
    const r = await build(ticketsQuery(deps.db, actor))
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };
  const toAccept = await count((q) => q.where('t.state', '=', 'received'));
  const toDispatch = await count((q) => q.where('t.state', '=', 'accepted'));
  const overdue = await count((q) => q.where('t.state', 'in', [...OPEN]).where('t.handling_due_at', '<', now));
  const pendingExtensions = await count((q) =>
    q.where((eb) =>
      eb.exists(
        eb.selectFrom('ticket_extensions as x').select('x.id').whereRef('x.ticket_id', '=', 't.id').where('x.status', '=', 'pending'),
      ),
    ),
  );
  return {
    month,
    lastMonth,
    thisMonth: ticketRates(
      thisRows.map((r) => r.facts),
      now,
    ),
    previousMonth: ticketRates(
      lastRows.map((r) => r.facts),
      now,
    ),
    todo: { toAccept, toDispatch, overdue, pendingExtensions },
  };
}
