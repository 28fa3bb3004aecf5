import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import type { MessageKey } from './i18n/i18n.tsx';

// ─────────────────────────────────────────────────────────────────────────────
// THE ROUTE TABLE. Every page of the console is one entry here; the side menu,
// the router and the permission check all read this list, in this order.
// A new module (案件 cases, 法规库 law, 执法对象 subjects, 诉件 complaints …) adds
// its entries here — usually under a new group in MENU_GROUPS — and nothing else.
// ─────────────────────────────────────────────────────────────────────────────

export type MenuGroup = { key: string; labelKey: MessageKey; icon: ReactNode };

/** Sub-menus; an entry without a group sits at the top level. */
export const MENU_GROUPS: MenuGroup[] = [
  // e.g. { key: 'cases', labelKey: 'menu.cases', icon: <FileTextOutlined /> },
];

export type AppRoute = {
  /** Path under `/`, no leading slash. */
  path: string;
  labelKey: MessageKey;
  icon: ReactNode;
  /** Shown and reachable only with this permission (from `me.permissions`); omit for every signed-in user. */
  permission?: string;
  group?: string;
  /** false: reachable but not in the menu (detail pages). */
  inMenu?: boolean;
  page: LazyExoticComponent<ComponentType>;
};

export const APP_ROUTES: AppRoute[] = [
  {
    path: 'orgs',
    labelKey: 'menu.orgs',
    icon: <ApartmentOutlined />,
    permission: 'org:read',
    page: lazy(() => import('./pages/org/OrgPage.tsx')),
  },
  {
    path: 'officers',
    labelKey: 'menu.officers',
    icon: <TeamOutlined />,
    permission: 'staff:read',
    page: lazy(() => import('./pages/staff/OfficersPage.tsx')),
  },
  {
    path: 'audit',
    labelKey: 'menu.audit',
    icon: <AuditOutlined />,
    permission: 'audit:read',
    page: lazy(() => import('./pages/audit/AuditPage.tsx')),
  },
  {
    path: 'settings',
    labelKey: 'menu.settings',
    icon: <SettingOutlined />,
    page: lazy(() => import('./pages/settings/SettingsPage.tsx')),
  },
];

export function allowedRoutes(can: (permission: string) => boolean): AppRoute[] {
  return APP_ROUTES.filter((r) => !r.permission || can(r.permission));
}
