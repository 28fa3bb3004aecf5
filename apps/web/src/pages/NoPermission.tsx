import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/auth.tsx';
import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import { roleLabel } from '../i18n/labels.ts';

/**
 * A page of the console the user's roles do not open: says so and names the permission he lacks, instead of a
 * 404 that reads like a broken link. The API still refuses every call (403/404); this page only explains.
 */
export function NoPermission({ permission, pageKey }: { permission: string; pageKey: MessageKey }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const roles = (me?.roles ?? []).map((r) => roleLabel(t, r)).join('、');
  // Every permission of the route table has a label (perm.*); an unknown one shows as the page's name only.
  const permKey = `perm.${permission}` as MessageKey;
  return (
    <div data-testid="no-permission" data-permission={permission}>
      <Result
        status="403"
        title={t('common.noPermission')}
        subTitle={t('common.noPermissionText', { roles, permission: t(permKey), page: t(pageKey) })}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('common.backHome')}
          </Button>
        }
      />
    </div>
  );
}
