import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { ApartmentOutlined, AuditOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { FileProtectOutlined, MailOutlined, NotificationOutlined } from '@ant-design/icons';
import { DashboardOutlined, FileSearchOutlined, FolderOpenOutlined, ThunderboltOutlined } from '@ant-design/icons';
import {
  BookOutlined,
  CalculatorOutlined,
  CalendarOutlined,
  CompassOutlined,
  ControlOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  ImportOutlined,
  ProfileOutlined,
  ReadOutlined,
  SafetyOutlined,
  SearchOutlined,
  SlidersOutlined,
} from '@ant-design/icons';
import {
  HomeOutlined,
  ShopOutlined,
  UnorderedListOutlined,
  MergeCellsOutlined,
  DashboardFilled,
  ExperimentOutlined,
} from '@ant-design/icons';
import { DatabaseOutlined, FlagOutlined, FormOutlined } from '@ant-design/icons';
import { AccountBookOutlined, DollarOutlined, ReconciliationOutlined, RollbackOutlined, WalletOutlined } from '@ant-design/icons';
import { AlertOutlined, CarOutlined, EnvironmentOutlined, NodeIndexOutlined } from '@ant-design/icons';
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
  { key: 'cases', labelKey: 'menu.cases', icon: <FolderOpenOutlined /> },
  { key: 'law', labelKey: 'menu.law', icon: <BookOutlined /> },
  { key: 'payments', labelKey: 'menu.payments', icon: <AccountBookOutlined /> },
  { key: 'subjects', labelKey: 'menu.subjects', icon: <ShopOutlined /> },
  { key: 'draws', labelKey: 'menu.draws', icon: <UnorderedListOutlined /> },
  { key: 'inspections', labelKey: 'menu.inspections', icon: <AuditOutlined /> },
  { key: 'tickets', labelKey: 'menu.tickets', icon: <MailOutlined /> },
  { key: 'coordination', labelKey: 'menu.coordination', icon: <ApartmentOutlined /> },
  { key: 'duty', labelKey: 'menu.duty', icon: <CalendarOutlined /> },
  { key: 'supervision', labelKey: 'menu.supervision', icon: <AuditOutlined /> },
  { key: 'community', labelKey: 'menu.community', icon: <HomeOutlined /> },
  { key: 'quality', labelKey: 'menu.quality', icon: <SafetyOutlined /> },
  { key: 'campaigns', labelKey: 'menu.campaigns', icon: <FlagOutlined /> },
  { key: 'cockpit', labelKey: 'menu.cockpit', icon: <DashboardOutlined /> },
  { key: 'offsite', labelKey: 'menu.offsite', icon: <CompassOutlined /> },
  { key: 'waste', labelKey: 'menu.waste', icon: <CarOutlined /> },
];

export type AppRoute = {
  /** Path under `/`, no leading slash. */
  path: string;
  labelKey: MessageKey;
  icon: ReactNode;
  /** Shown and reachable only with this permission (from `me.permissions`); omit for every signed-in user. */
  permission?: string;
  /** A second permission that also opens the page (the squad leader answers in the supervisor's review workspace). */
  orPermission?: string;
  group?: string;
  /** false: reachable but not in the menu (detail pages). */
  inMenu?: boolean;
  page: LazyExoticComponent<ComponentType>;
};

const WASTE_PAGES = {
  WasteSitesPage: lazy(() => import('./pages/waste/WasteSitesPage.tsx')),
  WasteCompaniesPage: lazy(() => import('./pages/waste/WasteCompaniesPage.tsx')),
  WasteVehiclesPage: lazy(() => import('./pages/waste/WasteVehiclesPage.tsx')),
  WastePermitsPage: lazy(() => import('./pages/waste/WastePermitsPage.tsx')),
  WasteCluesPage: lazy(() => import('./pages/waste/WasteCluesPage.tsx')),
  WasteFeedPage: lazy(() => import('./pages/waste/WasteFeedPage.tsx')),
};

export const APP_ROUTES: AppRoute[] = [
  // 首页 (issue 11): first, so that every role lands on its own home after login.
  {
    path: 'home',
    labelKey: 'menu.home',
    icon: <HomeOutlined />,
    page: lazy(() => import('./pages/home/HomePage.tsx')),
  },
  // 案件办理 (issue 4). First, so that an officer lands on his workbench.
  {
    path: 'workbench',
    labelKey: 'menu.workbench',
    icon: <DashboardOutlined />,
    permission: 'case:read',
    group: 'cases',
    page: lazy(() => import('./pages/cases/WorkbenchPage.tsx')),
  },
  {
    path: 'cases',
    labelKey: 'menu.caseList',
    icon: <FileSearchOutlined />,
    permission: 'case:read',
    group: 'cases',
    page: lazy(() => import('./pages/cases/list/CaseListPage.tsx')),
  },
  {
    path: 'summary',
    labelKey: 'menu.summaryTicket',
    icon: <ThunderboltOutlined />,
    permission: 'case:write',
    group: 'cases',
    page: lazy(() => import('./pages/cases/summary/SummaryTicketPage.tsx')),
  },
  {
    path: 'cases/new',
    labelKey: 'case.register',
    icon: <FileSearchOutlined />,
    permission: 'case:write',
    inMenu: false,
    page: lazy(() => import('./pages/cases/register/CaseRegisterPage.tsx')),
  },
  // 强制执行 (issue 5): 待催告 / 已催告 / 可申请 / 临近申请期限 for squad leaders.
  {
    path: 'enforcement',
    labelKey: 'menu.enforcement',
    icon: <FieldTimeOutlined />,
    permission: 'case:read',
    group: 'cases',
    page: lazy(() => import('./pages/enforcement/EnforcementListPage.tsx')),
  },
  {
    path: 'cases/:id',
    labelKey: 'case.caseTitle',
    icon: <FileSearchOutlined />,
    permission: 'case:read',
    inMenu: false,
    page: lazy(() => import('./pages/cases/detail/CasePage.tsx')),
  },
  // 检查 (issue 12): tasks, the visit on a phone, its result, 责令改正, the matter list.
  // 诉件处置 (issue 13): the command centre's queue and map, the officer's own tickets, the jurisdiction's list and the
  // ticket page; the city administrator's categories and the Open311 partner keys.
  {
    path: 'command',
    labelKey: 'menu.command',
    icon: <CompassOutlined />,
    permission: 'ticket:command',
    group: 'tickets',
    page: lazy(() => import('./pages/command/CommandPage.tsx')),
  },
  {
    path: 'ticket-categories',
    labelKey: 'menu.ticketCategories',
    icon: <ControlOutlined />,
    permission: 'config:write',
    group: 'tickets',
    page: lazy(() => import('./pages/tickets/TicketCategoriesPage.tsx')),
  },
  {
    path: 'open311-keys',
    labelKey: 'menu.open311Keys',
    icon: <SafetyOutlined />,
    permission: 'config:write',
    group: 'tickets',
    page: lazy(() => import('./pages/tickets/Open311KeysPage.tsx')),
  },
  {
    path: 'my-tickets',
    labelKey: 'menu.myTickets',
    icon: <FieldTimeOutlined />,
    permission: 'ticket:write',
    group: 'tickets',
    page: lazy(() => import('./pages/tickets/MyTicketsPage.tsx')),
  },
  {
    path: 'tickets',
    labelKey: 'menu.ticketList',
    icon: <ProfileOutlined />,
    permission: 'ticket:read',
    group: 'tickets',
    page: lazy(() => import('./pages/tickets/TicketListPage.tsx')),
  },
  {
    path: 'ticket-rates',
    labelKey: 'conv.table.menu',
    icon: <ProfileOutlined />,
    permission: 'ticket:read',
    group: 'tickets',
    page: lazy(() => import('./pages/tickets/TicketRatesPage.tsx')),
  },
  {
    path: 'tickets/:id',
    labelKey: 'ticket.list.title',
    icon: <ProfileOutlined />,
    permission: 'ticket:read',
    group: 'tickets',
    inMenu: false,
    page: lazy(() => import('./pages/tickets/TicketPage.tsx')),
  },
  // 非现场执法 (issue 14): the device register (A5) and the review queue (技术与法律二审合一).
  {
    path: 'offsite-devices',
    labelKey: 'menu.offsiteDevices',
    icon: <SafetyOutlined />,
    permission: 'offsite:read',
    group: 'offsite',
    page: lazy(() => import('./pages/offsite/DeviceListPage.tsx')),
  },
  {
    path: 'offsite-reviews',
    labelKey: 'menu.offsiteReviews',
    icon: <FileSearchOutlined />,
    permission: 'offsite:read',
    group: 'offsite',
    page: lazy(() => import('./pages/offsite/ReviewQueuePage.tsx')),
  },
  {
    path: 'offsite-reviews/:id',
    labelKey: 'menu.offsiteReviews',
    icon: <FileSearchOutlined />,
    permission: 'offsite:read',
    group: 'offsite',
    inMenu: false,
    page: lazy(() => import('./pages/offsite/ReviewPage.tsx')),
  },
  // 建筑垃圾两点一线 (docs/waste.md): the register, the track clues, the GPS feed with its simulator and the analysis.
  ...(
    [
      ['waste-sites', 'menu.wasteSites', <EnvironmentOutlined />, 'WasteSitesPage'],
      ['waste-companies', 'menu.wasteCompanies', <ShopOutlined />, 'WasteCompaniesPage'],
      ['waste-vehicles', 'menu.wasteVehicles', <CarOutlined />, 'WasteVehiclesPage'],
      ['waste-permits', 'menu.wastePermits', <FileProtectOutlined />, 'WastePermitsPage'],
      ['waste-clues', 'menu.wasteClues', <AlertOutlined />, 'WasteCluesPage'],
      ['waste-feed', 'menu.wasteFeed', <NodeIndexOutlined />, 'WasteFeedPage'],
    ] as const
  ).map(([path, labelKey, icon, file]): AppRoute => ({
    path,
    labelKey,
    icon,
    permission: 'waste:read',
    group: 'waste',
    page: WASTE_PAGES[file],
  })),
  // 综合指挥 (issue 13 §3): joint work orders with partner departments (also the partner's own accounts) and
  // street-wide coordinated actions.
  {
    path: 'joint-orders',
    labelKey: 'menu.jointOrders',
    icon: <ProfileOutlined />,
    permission: 'joint:read',
    group: 'coordination',
    page: lazy(() => import('./pages/coordination/JointOrderListPage.tsx')),
  },
  {
    path: 'joint-orders/:id',
    labelKey: 'menu.jointOrders',
    icon: <ProfileOutlined />,
    permission: 'joint:read',
    group: 'coordination',
    inMenu: false,
    page: lazy(() => import('./pages/coordination/JointOrderPage.tsx')),
  },
  {
    path: 'joint-actions',
    labelKey: 'menu.jointActions',
    icon: <ThunderboltOutlined />,
    permission: 'joint:read',
    group: 'coordination',
    page: lazy(() => import('./pages/coordination/JointActionListPage.tsx')),
  },
  {
    path: 'joint-actions/:id',
    labelKey: 'menu.jointActions',
    icon: <ThunderboltOutlined />,
    permission: 'joint:read',
    group: 'coordination',
    inMenu: false,
    page: lazy(() => import('./pages/coordination/JointActionPage.tsx')),
  },
  // 执法监督 and 考核 (issue 15; docs/supervision.md): the supervisor's home, the review workspace, 考核, my own scores.
  {
    path: 'supervision',
    labelKey: 'menu.supervisionHome',
    icon: <AuditOutlined />,
    permission: 'supervision:read',
    group: 'supervision',
    page: lazy(() => import('./pages/supervision/SupervisionHomePage.tsx')),
  },
  {
    path: 'supervision/review',
    labelKey: 'menu.supervisionReview',
    icon: <FileTextOutlined />,
    permission: 'supervision:read',
    orPermission: 'supervision:answer',
    group: 'supervision',
    page: lazy(() => import('./pages/supervision/ReviewPage.tsx')),
  },
  {
    path: 'supervision/scores',
    labelKey: 'menu.supervisionScores',
    icon: <ProfileOutlined />,
    permission: 'supervision:read',
    group: 'supervision',
    page: lazy(() => import('./pages/supervision/ScoresPage.tsx')),
  },
  {
    path: 'my-scores',
    labelKey: 'menu.myScores',
    icon: <ProfileOutlined />,
    group: 'supervision',
    page: lazy(() => import('./pages/supervision/MyScoresPage.tsx')),
  },
  // 外勤 (issue 17 §1): records kept on the phone without a signal and sent when it returns.
  {
    path: 'field',
    labelKey: 'menu.field',
    icon: <ThunderboltOutlined />,
    permission: 'ticket:write',
    page: lazy(() => import('./pages/field/FieldPage.tsx')),
  },
  // 住宅小区, 上海摊, 城管进社区 (issue 17 §2–4).
  {
    path: 'compounds',
    labelKey: 'menu.compounds',
    icon: <HomeOutlined />,
    permission: 'subject:read',
    group: 'community',
    page: lazy(() => import('./pages/community/CompoundsPage.tsx')),
  },
  {
    path: 'stall-points',
    labelKey: 'menu.stallPoints',
    icon: <ShopOutlined />,
    permission: 'subject:read',
    group: 'community',
    page: lazy(() => import('./pages/community/StallPointsPage.tsx')),
  },
  {
    path: 'workrooms',
    labelKey: 'menu.workrooms',
    icon: <TeamOutlined />,
    permission: 'duty:read',
    group: 'community',
    page: lazy(() => import('./pages/community/WorkroomsPage.tsx')),
  },
  // 信用, 复议诉讼, 教育培训, 规范化中队 (issue 15 §5, §7–§11).
  {
    path: 'training/me',
    labelKey: 'menu.myTraining',
    icon: <ReadOutlined />,
    permission: 'training:learn',
    group: 'quality',
    page: lazy(() => import('./pages/training/MyTrainingPage.tsx')),
  },
  {
    path: 'training/attempts/:id',
    labelKey: 'menu.myTraining',
    icon: <ReadOutlined />,
    permission: 'training:learn',
    group: 'quality',
    inMenu: false,
    page: lazy(() => import('./pages/training/ExamPage.tsx')),
  },
  {
    path: 'training/admin',
    labelKey: 'menu.trainingAdmin',
    icon: <ReadOutlined />,
    permission: 'training:read',
    group: 'quality',
    page: lazy(() => import('./pages/training/TrainingAdminPage.tsx')),
  },
  {
    path: 'credit',
    labelKey: 'menu.credit',
    icon: <SafetyOutlined />,
    permission: 'credit:read',
    group: 'quality',
    page: lazy(() => import('./pages/credit/CreditPage.tsx')),
  },
  {
    path: 'case-reviews',
    labelKey: 'menu.reviews',
    icon: <AuditOutlined />,
    permission: 'review:read',
    group: 'quality',
    page: lazy(() => import('./pages/credit/ReviewsPage.tsx')),
  },
  {
    path: 'squads',
    labelKey: 'menu.squads',
    icon: <TeamOutlined />,
    permission: 'squad:read',
    group: 'quality',
    page: lazy(() => import('./pages/squads/SquadsPage.tsx')),
  },
  // 勤务 (issue 13 §7): the roster editor, the duty map, the month's plan, the duty log.
  {
    path: 'duty/roster',
    labelKey: 'menu.roster',
    icon: <CalendarOutlined />,
    permission: 'duty:read',
    group: 'duty',
    page: lazy(() => import('./pages/duty/RosterPage.tsx')),
  },
  {
    path: 'duty/map',
    labelKey: 'menu.dutyMap',
    icon: <CompassOutlined />,
    permission: 'duty:read',
    group: 'duty',
    page: lazy(() => import('./pages/duty/DutyMapPage.tsx')),
  },
  {
    path: 'duty/plan',
    labelKey: 'menu.dutyPlan',
    icon: <ProfileOutlined />,
    permission: 'duty:read',
    group: 'duty',
    page: lazy(() => import('./pages/duty/DutyPlanPage.tsx')),
  },
  {
    path: 'duty/log',
    labelKey: 'menu.dutyLog',
    icon: <FileTextOutlined />,
    permission: 'duty:read',
    group: 'duty',
    page: lazy(() => import('./pages/duty/DutyLogPage.tsx')),
  },
  // 专项行动 (issue 16 §3) and the data catalogue (§4).
  {
    path: 'campaigns',
    labelKey: 'menu.campaignList',
    icon: <FlagOutlined />,
    permission: 'campaign:read',
    group: 'campaigns',
    page: lazy(() => import('./pages/campaigns/CampaignListPage.tsx')),
  },
  {
    path: 'campaigns/:id',
    labelKey: 'menu.campaignList',
    icon: <FlagOutlined />,
    permission: 'campaign:read',
    group: 'campaigns',
    inMenu: false,
    page: lazy(() => import('./pages/campaigns/CampaignPage.tsx')),
  },
  {
    path: 'campaign-points/:id',
    labelKey: 'menu.campaignList',
    icon: <FlagOutlined />,
    permission: 'campaign:read',
    group: 'campaigns',
    inMenu: false,
    page: lazy(() => import('./pages/campaigns/CampaignPointPage.tsx')),
  },
  {
    path: 'data-catalog',
    labelKey: 'menu.dataCatalog',
    icon: <DatabaseOutlined />,
    permission: 'catalog:read',
    group: 'campaigns',
    page: lazy(() => import('./pages/data-sharing/DataCatalogPage.tsx')),
  },
  {
    path: 'inspection-tasks',
    labelKey: 'menu.inspectionTasks',
    icon: <ProfileOutlined />,
    permission: 'case:read',
    group: 'inspections',
    page: lazy(() => import('./pages/inspections/TasksPage.tsx')),
  },
  {
    path: 'inspection-visit/:subjectId',
    labelKey: 'insp.visit.title',
    icon: <ProfileOutlined />,
    permission: 'case:write',
    group: 'inspections',
    inMenu: false,
    page: lazy(() => import('./pages/inspections/VisitPage.tsx')),
  },
  {
    path: 'inspection-visits/:id',
    labelKey: 'insp.result.title',
    icon: <ProfileOutlined />,
    permission: 'case:read',
    group: 'inspections',
    inMenu: false,
    page: lazy(() => import('./pages/inspections/VisitResultPage.tsx')),
  },
  {
    path: 'rectification-orders',
    labelKey: 'menu.rectifications',
    icon: <FieldTimeOutlined />,
    permission: 'case:read',
    group: 'inspections',
    page: lazy(() => import('./pages/inspections/RectificationsPage.tsx')),
  },
  {
    path: 'inspection-matters',
    labelKey: 'menu.inspectionMatters',
    icon: <ReadOutlined />,
    permission: 'law:read',
    group: 'inspections',
    page: lazy(() => import('./pages/inspections/MattersPage.tsx')),
  },
  // 执法对象 (issue 12): the registry, its detail page, duplicate review, data quality, risk rules.
  {
    path: 'subjects',
    labelKey: 'menu.subjectList',
    icon: <UnorderedListOutlined />,
    permission: 'subject:read',
    group: 'subjects',
    page: lazy(() => import('./pages/subjects/SubjectsPage.tsx')),
  },
  {
    path: 'subjects/:id',
    labelKey: 'menu.subjectList',
    icon: <UnorderedListOutlined />,
    permission: 'subject:read',
    group: 'subjects',
    inMenu: false,
    page: lazy(() => import('./pages/subjects/SubjectPage.tsx')),
  },
  {
    path: 'subject-duplicates',
    labelKey: 'menu.subjectDuplicates',
    icon: <MergeCellsOutlined />,
    permission: 'subject:read',
    group: 'subjects',
    page: lazy(() => import('./pages/subjects/SubjectDuplicatesPage.tsx')),
  },
  {
    path: 'subject-quality',
    labelKey: 'menu.subjectQuality',
    icon: <DashboardFilled />,
    permission: 'subject:read',
    group: 'subjects',
    page: lazy(() => import('./pages/subjects/SubjectQualityPage.tsx')),
  },
  {
    path: 'subject-risk-rules',
    labelKey: 'menu.subjectRiskRules',
    icon: <ExperimentOutlined />,
    permission: 'subject:read',
    group: 'subjects',
    page: lazy(() => import('./pages/subjects/SubjectRiskRulesPage.tsx')),
  },
  // 缴款与执行 (issue 5, payments)
  {
    path: 'payments',
    labelKey: 'menu.paymentOrders',
    icon: <DollarOutlined />,
    permission: 'case:read',
    group: 'payments',
    page: lazy(() => import('./pages/payments/PaymentOrdersPage.tsx')),
  },
  {
    path: 'reconciliation',
    labelKey: 'menu.reconciliation',
    icon: <ReconciliationOutlined />,
    permission: 'payment:reconcile',
    group: 'payments',
    page: lazy(() => import('./pages/payments/ReconciliationPage.tsx')),
  },
  {
    path: 'overpayments',
    labelKey: 'menu.overpayments',
    icon: <RollbackOutlined />,
    permission: 'case:read',
    group: 'payments',
    page: lazy(() => import('./pages/payments/OverpaymentsPage.tsx')),
  },
  {
    path: 'cash-receipts',
    labelKey: 'menu.cashReceipts',
    icon: <WalletOutlined />,
    permission: 'case:read',
    group: 'payments',
    page: lazy(() => import('./pages/payments/CashReceiptsPage.tsx')),
  },
  // 双随机一公开 (issue 12): plans, the wizard, the plan page (the public draw page is outside the layout, App.tsx).
  {
    path: 'inspection-plans',
    labelKey: 'menu.plans',
    icon: <UnorderedListOutlined />,
    permission: 'inspection_plan:read',
    group: 'draws',
    page: lazy(() => import('./pages/random-inspections/PlanListPage.tsx')),
  },
  {
    path: 'inspection-plans/new',
    labelKey: 'menu.planNew',
    icon: <FormOutlined />,
    permission: 'inspection_plan:write',
    group: 'draws',
    page: lazy(() => import('./pages/random-inspections/PlanWizardPage.tsx')),
  },
  {
    path: 'inspection-plans/:id/edit',
    labelKey: 'menu.planNew',
    icon: <FormOutlined />,
    permission: 'inspection_plan:write',
    group: 'draws',
    inMenu: false,
    page: lazy(() => import('./pages/random-inspections/PlanWizardPage.tsx')),
  },
  {
    path: 'inspection-plans/:id',
    labelKey: 'menu.plans',
    icon: <UnorderedListOutlined />,
    permission: 'inspection_plan:read',
    group: 'draws',
    inMenu: false,
    page: lazy(() => import('./pages/random-inspections/PlanPage.tsx')),
  },
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
  // 执法文书 (issue 5): templates and the bureau's seal, for administrators.
  {
    path: 'document-templates',
    labelKey: 'menu.documentTemplates',
    icon: <FileTextOutlined />,
    permission: 'document:admin',
    page: lazy(() => import('./pages/documents/TemplatesPage.tsx')),
  },
  {
    path: 'document-settings',
    labelKey: 'menu.documentSettings',
    icon: <SafetyOutlined />,
    permission: 'document:admin',
    page: lazy(() => import('./pages/documents/SettingsPage.tsx')),
  },
  // 行政执法公示 and the local message outbox (issue 5).
  {
    path: 'disclosures',
    labelKey: 'menu.disclosures',
    icon: <NotificationOutlined />,
    permission: 'disclosure:read',
    page: lazy(() => import('./pages/disclosure/DisclosuresPage.tsx')),
  },
  // 站内消息: every signed-in officer's own messages (alerts of the tickets' clocks).
  {
    path: 'inbox',
    labelKey: 'menu.inbox',
    icon: <NotificationOutlined />,
    page: lazy(() => import('./pages/messages/InboxPage.tsx')),
  },
  {
    path: 'messages',
    labelKey: 'menu.messages',
    icon: <MailOutlined />,
    permission: 'message:read',
    page: lazy(() => import('./pages/messages/OutboxPage.tsx')),
  },
  // 文件完整性: stored files whose bytes no longer match their SM3, the daily scrub (administrators).
  {
    path: 'file-integrity',
    labelKey: 'menu.fileIntegrity',
    icon: <FileProtectOutlined />,
    permission: 'file:integrity',
    page: lazy(() => import('./pages/files/FileIntegrityPage.tsx')),
  },
  // 法制库 (issue 3): library lists, search, calculators (law:read); import (law:write); calendar and configuration (admins).
  {
    path: 'law-search',
    labelKey: 'menu.lawSearch',
    icon: <SearchOutlined />,
    permission: 'law:read',
    group: 'law',
    page: lazy(() => import('./pages/law/search/SearchPage.tsx')),
  },
  {
    path: 'law-discretion',
    labelKey: 'menu.lawDiscretion',
    icon: <CalculatorOutlined />,
    permission: 'law:read',
    group: 'law',
    page: lazy(() => import('./pages/law/discretion/DiscretionPage.tsx')),
  },
  {
    path: 'law-deadlines',
    labelKey: 'menu.lawDeadlines',
    icon: <FieldTimeOutlined />,
    permission: 'law:read',
    group: 'law',
    page: lazy(() => import('./pages/law/deadlines/DeadlinePage.tsx')),
  },
  {
    path: 'law-provisions',
    labelKey: 'menu.lawProvisions',
    icon: <FileTextOutlined />,
    permission: 'law:read',
    group: 'law',
    page: lazy(() => import('./pages/law/library/ProvisionsPage.tsx')),
  },
  {
    path: 'law-offences',
    labelKey: 'menu.lawOffences',
    icon: <ProfileOutlined />,
    permission: 'law:read',
    group: 'law',
    page: lazy(() => import('./pages/law/library/OffencesPage.tsx')),
  },
  {
    path: 'law-standards',
    labelKey: 'menu.lawStandards',
    icon: <SlidersOutlined />,
    permission: 'law:read',
    group: 'law',
    page: lazy(() => import('./pages/law/library/DiscretionStandardsPage.tsx')),
  },
  {
    path: 'law-exemptions',
    labelKey: 'menu.lawExemptions',
    icon: <SafetyOutlined />,
    permission: 'law:read',
    group: 'law',
    page: lazy(() => import('./pages/law/library/ExemptionItemsPage.tsx')),
  },
  {
    path: 'law-guidance',
    labelKey: 'menu.lawGuidance',
    icon: <CompassOutlined />,
    permission: 'law:read',
    group: 'law',
    page: lazy(() => import('./pages/law/library/GuidancePage.tsx')),
  },
  {
    path: 'law-cases',
    labelKey: 'menu.lawCases',
    icon: <ReadOutlined />,
    permission: 'law:read',
    group: 'law',
    page: lazy(() => import('./pages/law/library/GuidingCasesPage.tsx')),
  },
  // 导入执法对象 (issue 12): the city's lists from a spreadsheet.
  {
    path: 'subjects-import',
    labelKey: 'menu.subjectImport',
    icon: <ImportOutlined />,
    permission: 'subject:import',
    group: 'subjects',
    page: lazy(() => import('./pages/subjects/import/SubjectImportPage.tsx')),
  },
  {
    path: 'law-import',
    labelKey: 'menu.lawImport',
    icon: <ImportOutlined />,
    permission: 'law:write',
    group: 'law',
    page: lazy(() => import('./pages/law/import/ImportPage.tsx')),
  },
  {
    path: 'law-calendar',
    labelKey: 'menu.lawCalendar',
    icon: <CalendarOutlined />,
    permission: 'calendar:write',
    group: 'law',
    page: lazy(() => import('./pages/law/calendar/CalendarPage.tsx')),
  },
  {
    path: 'law-config',
    labelKey: 'menu.lawConfig',
    icon: <ControlOutlined />,
    permission: 'config:write',
    group: 'law',
    page: lazy(() => import('./pages/law/config/ConfigPage.tsx')),
  },
  {
    path: 'settings',
    labelKey: 'menu.settings',
    icon: <SettingOutlined />,
    page: lazy(() => import('./pages/settings/SettingsPage.tsx')),
  },
  // 数据驾驶舱 and 统计通报 (docs/cockpit.md).
  {
    path: 'cockpit',
    labelKey: 'menu.cockpit',
    icon: <DashboardOutlined />,
    permission: 'cockpit:read',
    group: 'cockpit',
    page: lazy(() => import('./pages/cockpit/CockpitPage.tsx')),
  },
  {
    path: 'cockpit/screen',
    labelKey: 'menu.cockpitScreen',
    icon: <DashboardFilled />,
    permission: 'cockpit:read',
    group: 'cockpit',
    page: lazy(() => import('./pages/cockpit/CockpitScreenPage.tsx')),
  },
  {
    path: 'cockpit/definitions',
    labelKey: 'menu.cockpitDefinitions',
    icon: <ReadOutlined />,
    permission: 'cockpit:read',
    group: 'cockpit',
    page: lazy(() => import('./pages/cockpit/CockpitDefinitionsPage.tsx')),
  },
  {
    path: 'cockpit/bulletins',
    labelKey: 'menu.bulletins',
    icon: <FileTextOutlined />,
    permission: 'cockpit:read',
    group: 'cockpit',
    page: lazy(() => import('./pages/cockpit/BulletinsPage.tsx')),
  },
];

export function allowedRoutes(can: (permission: string) => boolean): AppRoute[] {
  return APP_ROUTES.filter((r) => !r.permission || can(r.permission) || (!!r.orPermission && can(r.orPermission)));
}
