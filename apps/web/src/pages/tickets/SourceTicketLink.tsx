import { Link } from 'react-router-dom';
import { ticketsApi } from '../../api/tickets.ts';
import { useAuth } from '../../auth/auth.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useLoad } from '../../lib/useLoad.ts';

/**
 * 来源诉件: on the page of a case registered from a complaint, the ticket it was converted from (诉转案), for users who
 * may read tickets; nothing otherwise.
 */
export function SourceTicketLink({ caseId, source }: { caseId: string; source: string }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const look = source === 'complaint' && can('ticket:read');
  const found = useLoad((signal) => (look ? ticketsApi.sourceOfCase(caseId, signal) : Promise.resolve(null)), `${caseId}:${String(look)}`);
  const ticket = found.data?.items[0];
  if (!ticket) return null;
  return (
    <Link to={`/tickets/${ticket.id}`} data-testid="case-source-ticket" style={{ marginLeft: 8 }}>
      {t('conv.sourceTicket', { number: ticket.number })}
    </Link>
  );
}
