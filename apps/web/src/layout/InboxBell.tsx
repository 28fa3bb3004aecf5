import { useEffect } from 'react';
import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { Link, useLocation } from 'react-router-dom';
import { inboxApi } from '../api/command.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useLoad } from '../lib/useLoad.ts';

/** The header's 站内消息 bell: the unread count, read again on every page change and once a minute. */
export function InboxBell() {
  const { t } = useI18n();
  const location = useLocation();
  const inbox = useLoad((signal) => inboxApi.list({ page: 1, pageSize: 1 }, signal), location.pathname);
  const { reload } = inbox;
  useEffect(() => {
    const id = setInterval(reload, 60_000);
    return () => clearInterval(id);
  }, [reload]);
  const unread = inbox.data?.unread ?? 0;
  return (
    <Tooltip title={t('header.inbox')}>
      <Link to="/inbox" aria-label={t('header.inbox')} data-testid="header-inbox">
        <Badge count={unread} size="small" overflowCount={99}>
          <Button type="text" icon={<BellOutlined />} />
        </Badge>
      </Link>
    </Tooltip>
  );
}
