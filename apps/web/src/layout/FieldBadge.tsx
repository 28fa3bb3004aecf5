import { useEffect, useState } from 'react';
import { Badge, Button, Tooltip } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth/auth.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { flushQueue, onQueueChange, waitingCount } from '../field/field-queue.ts';
import { pageConnection } from '../field/connection.ts';

/**
 * The header's count of field records waiting on this phone; sends them whenever the platform answers again
 * (field/connection.ts).
 */
export function FieldBadge() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [count, setCount] = useState(0);
  useEffect(() => {
    const read = () => void waitingCount().then(setCount, () => setCount(0));
    read();
    const off = onQueueChange(read);
    const send = () => {
      if (me) void flushQueue(me.id);
    };
    const connection = pageConnection();
    const unsubscribe = connection.subscribe((reachable) => reachable && send());
    if (connection.reachable()) send();
    return () => {
      off();
      unsubscribe();
    };
  }, [me]);
  return (
    <Tooltip title={t('field.badge')}>
      <Link to="/field" aria-label={t('field.badge')} data-testid="header-field">
        <Badge count={count} size="small" overflowCount={99}>
          <Button type="text" icon={<CloudUploadOutlined />} />
        </Badge>
      </Link>
    </Tooltip>
  );
}
