import { TicketList } from './TicketListPage.tsx';

/** 我的诉件: the officer's own open tickets, with their countdowns (the phone view of issue 13 §8). */
export default function MyTicketsPage() {
  return <TicketList mine />;
}
