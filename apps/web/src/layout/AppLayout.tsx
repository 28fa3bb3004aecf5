import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Drawer, Grid, Layout, Menu, Select, Space, Tooltip, Typography, type MenuProps } from 'antd';
import { GlobalOutlined, LogoutOutlined, MenuOutlined, SafetyCertificateFilled, UserOutlined } from '@ant-design/icons';
import { useAuth } from '../auth/auth.tsx';
import { LANGS, useI18n, type Lang } from '../i18n/i18n.tsx';
import { allowedRoutes, MENU_GROUPS } from '../routes.tsx';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { InboxBell } from './InboxBell.tsx';
import { FieldBadge } from './FieldBadge.tsx';

const { Header, Sider, Content } = Layout;
const LANG_NAMES: Record<Lang, string> = { 'zh-CN': '简体中文', 'en-US': 'English' };

function useMenuItems(): MenuProps['items'] {
  const { can } = useAuth();
  const { t } = useI18n();
  return useMemo(() => {
    const routes = allowedRoutes(can).filter((r) => r.inMenu !== false);
    type Item = NonNullable<MenuProps['items']>[number];
    const items: Item[] = [];
    const groups = new Map<string, Item[]>();
    for (const r of routes) {
      const item: Item = { key: `/${r.path}`, icon: r.icon, label: <Link to={`/${r.path}`}>{t(r.labelKey)}</Link> };
      if (!r.group) {
        items.push(item);
        continue;
      }
      const group = MENU_GROUPS.find((g) => g.key === r.group);
      if (!group) continue;
      if (!groups.has(group.key)) {
        const children: Item[] = [];
        groups.set(group.key, children);
        items.push({ key: `group:${group.key}`, icon: group.icon, label: t(group.labelKey), children });
      }
      groups.get(group.key)?.push(item);
    }
    return items;
  }, [can, t]);
}

function Brand({ collapsed }: { collapsed: boolean }) {
  const { t } = useI18n();
  return (
    <div style={{ height: 56, display: 'flex', alignItems: 'center', gap: 8, padding: '0 20px', color: '#fff', overflow: 'hidden' }}>
      <SafetyCertificateFilled style={{ fontSize: 24, color: '#f5c242' }} />
      {!collapsed && <span style={{ fontWeight: 600, fontSize: 15, whiteSpace: 'nowrap' }}>{t('app.brand')}</span>}
    </div>
  );
}

export function AppLayout() {
  const { me, logout } = useAuth();
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);
  const items = useMenuItems();
  const selected = '/' + (location.pathname.split('/')[1] ?? '');

  const onLogout = async () => {
    setLoggingOut(true);
    await logout().catch(() => undefined);
    // A full page load: nothing of this user's data stays in memory for the next one.
    window.location.assign('/login');
  };

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[selected]}
      defaultOpenKeys={MENU_GROUPS.map((g) => `group:${g.key}`)}
      items={items}
      onClick={() => setDrawerOpen(false)}
      data-testid="side-menu"
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!mobile && (
        <Sider
          breakpoint="lg"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={216}
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <Brand collapsed={collapsed} />
          {menu}
        </Sider>
      )}
      {mobile && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          width={240}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          <Brand collapsed={false} />
          {menu}
        </Drawer>
      )}
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: mobile ? '0 12px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            borderBottom: '1px solid #f0f0f0',
            height: 56,
            lineHeight: '56px',
          }}
        >
          {mobile && <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} data-testid="menu-toggle" />}
          <Typography.Text strong ellipsis style={{ flex: 1, minWidth: 0 }}>
            {mobile ? t('app.brand') : t('app.subtitle')}
          </Typography.Text>
          <Space size={mobile ? 4 : 12} align="center">
            <Tooltip title={me?.orgName}>
              <Space size={4} data-testid="header-user">
                <UserOutlined />
                <span data-testid="header-user-name">{me?.name}</span>
                {!mobile && (
                  <Typography.Text type="secondary" data-testid="header-org-name">
                    {me?.orgName}
                  </Typography.Text>
                )}
              </Space>
            </Tooltip>
            <FieldBadge />
            <InboxBell />
            <Select<Lang>
              size="small"
              value={lang}
              onChange={setLang}
              variant="borderless"
              suffixIcon={<GlobalOutlined />}
              popupMatchSelectWidth={false}
              options={LANGS.map((l) => ({ value: l, label: LANG_NAMES[l] }))}
              aria-label={t('lang.label')}
              data-testid="lang-switch"
            />
            <Tooltip title={t('header.logout')}>
              <Button type="text" icon={<LogoutOutlined />} loading={loggingOut} onClick={() => void onLogout()} data-testid="logout">
                {mobile ? null : t('header.logout')}
              </Button>
            </Tooltip>
          </Space>
        </Header>
        {me?.mustChangePassword && !location.pathname.startsWith('/settings') && (
          <Alert
            banner
            type="warning"
            message={t('header.mustChangePassword')}
            action={
              <Button size="small" type="link" onClick={() => navigate('/settings')}>
                {t('header.goSettings')}
              </Button>
            }
          />
        )}
        <Content style={{ padding: mobile ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
