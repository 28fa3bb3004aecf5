// Who may grant which role to whom, and which roles one person may not hold together (segregation of duties).
// Pure rules: the server applies them to every creation and update of an officer and offers the console only the
// roles the user may grant. Rule IDs R1–R5; each reason carries its source and verification mark (V/P/U as in
// shared/LEGAL-RULES.md §0).
//
// Scope: a role held by an officer of the city bureau's own units (市局机关: the city administrator, the city legal
// reviewer who maintains the law library …) is a city role; a role held inside a district bureau or a special unit
// is a bureau role. The city administrator is an administrator whose jurisdiction is the whole city.
import { ROLES, type Role } from '@chengguan/contracts';

export type GrantScope = 'city' | 'bureau';

export type RuleSource = { cite: string; mark: 'V' | 'P' | 'U' };

export type RoleGrantRuleId = 'R1' | 'R2' | 'R3' | 'R4' | 'R5';

export type RoleConflict = { roles: readonly [Role, Role]; zh: string; en: string; sources: readonly RuleSource[] };

export type ReservedRole = { role: Role; zh: string; en: string; sources: readonly RuleSource[] };

const ART_57: RuleSource = { cite: '行政处罚法第五十七条（调查终结，行政机关负责人审查调查结果并作出决定）', mark: 'V' };
const ART_58: RuleSource = { cite: '行政处罚法第五十八条（未经法制审核或者审核未通过的，不得作出决定）', mark: 'V' };
const GUOBAN_118: RuleSource = {
  cite: '国办发〔2018〕118号 重大执法决定法制审核制度（审核由法制审核机构而非执法承办机构进行；原文未核实，见 LEGAL-RULES §9 第11项）',
  mark: 'U',
};
const DENGBAO: RuleSource = {
  cite: 'GB/T 22239-2019 网络安全等级保护基本要求 第三级：授予管理用户所需的最小权限，实现管理用户的权限分离；系统管理员与审计管理员分设',
  mark: 'U',
};
const SUPERVISION: RuleSource = {
  cite: '《城市管理执法办法》（住房和城乡建设部令第34号）执法监督（条文未核实，见 LEGAL-RULES 6.5）',
  mark: 'U',
};

/** The roles that handle cases (承办): they register, investigate and take the officers' steps of the case machine. */
const HANDLERS: readonly Role[] = ['field_officer', 'squad_leader'];
/** The people a 督察 supervises: every role that handles, reviews, dispatches or decides cases. */
const SUPERVISED: readonly Role[] = ['field_officer', 'squad_leader', 'legal_reviewer', 'commander', 'bureau_leader'];

const ROLE_ZH: Record<Role, string> = {
  field_officer: '执法队员',
  squad_leader: '中队长',
  legal_reviewer: '法制审核员',
  commander: '指挥中心值班员',
  supervisor: '督察',
  bureau_leader: '局领导',
  admin: '系统管理员',
  partner: '协作部门账户',
};

const ROLE_EN: Record<Role, string> = {
  field_officer: 'field officer',
  squad_leader: 'squad leader',
  legal_reviewer: 'legal reviewer',
  commander: 'commander',
  supervisor: 'supervisor',
  bureau_leader: 'bureau leader',
  admin: 'administrator',
  partner: 'partner department account',
};

/** R5: the pairs of roles one person may not hold together, each with its reason and source. */
export const ROLE_CONFLICTS: readonly RoleConflict[] = [
  ...HANDLERS.map((handler): RoleConflict => ({
    roles: [handler, 'legal_reviewer'],
    zh: `${ROLE_ZH[handler]}承办案件，不能同时担任法制审核员：法制审核须由案件承办人员以外的人员进行`,
    en: `A ${ROLE_EN[handler]} handles cases and cannot also be a legal reviewer: the legal review is done by someone other than the handlers`,
    sources: [ART_58, GUOBAN_118],
  })),
  ...HANDLERS.map((handler): RoleConflict => ({
    roles: [handler, 'bureau_leader'],
    zh: `${ROLE_ZH[handler]}承办案件，不能同时担任作出处罚决定的局领导：调查终结后由行政机关负责人审查调查结果并作出决定，承办与决定分离`,
    en: `A ${ROLE_EN[handler]} handles cases and cannot also be the bureau leader who decides them: the agency head reviews the investigation and decides`,
    sources: [ART_57],
  })),
  {
    roles: ['legal_reviewer', 'bureau_leader'],
    zh: '法制审核员不能同时担任局领导：法制审核是作出决定前的把关，审核人与决定人不能是同一人',
    en: 'A legal reviewer cannot also be a bureau leader: the review checks the decision before it is made, so reviewer and decider differ',
    sources: [ART_58],
  },
  ...SUPERVISED.map((role): RoleConflict => ({
    roles: ['supervisor', role],
    zh: `督察不能同时担任被督察的${ROLE_ZH[role]}：监督者不能监督自己`,
    en: `A supervisor cannot also be a ${ROLE_EN[role]}, one of the people he supervises`,
    sources: [SUPERVISION, DENGBAO],
  })),
  {
    roles: ['supervisor', 'admin'],
    zh: '督察不能同时担任系统管理员：查看审计日志的人与被审计的管理员分设（三员分立）',
    en: 'A supervisor cannot also be an administrator: the one who reads the audit log is not the administrator it records',
    sources: [DENGBAO],
  },
  // A partner department's account (交警, 房管 …) is not bureau staff: it holds no bureau role besides.
  ...(['field_officer', 'squad_leader', 'legal_reviewer', 'commander', 'supervisor', 'bureau_leader', 'admin'] as const).map(
    (role): RoleConflict => ({
      roles: ['partner', role],
      zh: `协作部门账户不能同时担任${ROLE_ZH[role]}：协作部门人员不是本局执法人员，只办理本部门的联合工单`,
      en: `A partner department account cannot also be a ${ROLE_EN[role]}: partner staff are not the bureau's officers and handle only their unit's joint orders`,
      sources: [DENGBAO],
    }),
  ),
  {
    roles: ['admin', 'bureau_leader'],
    zh: '系统管理员不能同时担任局领导：设立账户、分配角色的人不能同时掌握处罚决定权',
    en: 'An administrator cannot also be a bureau leader: whoever creates accounts and grants roles does not also decide penalties',
    sources: [DENGBAO, ART_57],
  },
];

/** R4: roles only the city administrator grants or revokes, wherever the officer works. */
export const CITY_GRANTED_ROLES: readonly ReservedRole[] = [
  {
    role: 'admin',
    zh: '管理员角色只能由市局管理员授予或撤销：区局管理员若能设立管理员，即可用自设的第二个管理员账户给自己授权',
    en: 'Only the city administrator grants or revokes the administrator role: a district administrator who could make administrators could grant himself roles through a second account',
    sources: [DENGBAO],
  },
  {
    role: 'bureau_leader',
    zh: '局领导角色只能由市局管理员授予或撤销：行政机关负责人作出处罚决定，其任命不由本局系统管理员设定',
    en: 'Only the city administrator grants or revokes the bureau leader role: the agency head decides penalties and is not appointed by his own bureau’s administrator',
    sources: [ART_57, DENGBAO],
  },
  {
    role: 'supervisor',
    zh: '督察角色只能由市局管理员授予或撤销：被督察的区局管理员不能挑选督察自己的人',
    en: 'Only the city administrator grants or revokes the supervisor role: a district administrator does not choose who supervises him',
    sources: [SUPERVISION, DENGBAO],
  },
];

const RESERVED = new Set<Role>(CITY_GRANTED_ROLES.map((r) => r.role));

export type Granter = {
  id: string;
  roles: readonly Role[];
  /** 'city' when his jurisdiction is the whole city. */
  scope: GrantScope;
};

export type RoleChange = {
  granter: Granter;
  /** The officer whose roles change; null for one being created. */
  granteeId: string | null;
  /** 'city' when the officer is (or is being put) in one of the city bureau's own units. */
  granteeScope: GrantScope;
  before: readonly Role[];
  after: readonly Role[];
};

export type RoleGrantRefusal = { rule: RoleGrantRuleId; roles: Role[]; zh: string; en: string };

const isCityAdministrator = (g: Granter) => g.scope === 'city' && g.roles.includes('admin');

/** The pairs of `roles` that R5 forbids, in the order of ROLE_CONFLICTS. */
export function roleConflictsIn(roles: readonly Role[]): RoleConflict[] {
  const held = new Set(roles);
  return ROLE_CONFLICTS.filter((c) => held.has(c.roles[0]) && held.has(c.roles[1]));
}

/**
 * Every rule the change breaks (empty when it may be made). Only the roles that change are granted or revoked:
 * a role kept as it was is not checked against R3/R4, so an administrator may edit other fields of any officer he
 * reaches. R5 is checked on the resulting set whenever the roles change.
 */
export function roleChangeRefusals(change: RoleChange): RoleGrantRefusal[] {
  const { granter, before, after } = change;
  const granted = after.filter((r) => !before.includes(r));
  const revoked = before.filter((r) => !after.includes(r));
  const changed = [...granted, ...revoked];
  if (changed.length === 0) return [];
  const refusals: RoleGrantRefusal[] = [];
  if (change.granteeId !== null && change.granteeId === granter.id) {
    refusals.push({
      rule: 'R1',
      roles: changed,
      zh: '不能更改自己的角色，须由其他有权限的管理员办理',
      en: 'Nobody changes his own roles; another administrator with the authority must do it',
    });
  }
  if (!granter.roles.includes('admin')) {
    refusals.push({ rule: 'R2', roles: changed, zh: '只有管理员可以授予或撤销角色', en: 'Only an administrator grants or revokes roles' });
  } else if (!isCityAdministrator(granter)) {
    if (change.granteeScope === 'city') {
      refusals.push({
        rule: 'R3',
        roles: changed,
        zh: '市局机关人员的角色（如市局管理员、维护法制库的市局法制审核员）只能由市局管理员授予或撤销',
        en: 'Roles of the city bureau’s own staff (the city administrator, the city legal reviewer who maintains the law library …) are granted only by the city administrator',
      });
    }
    for (const reserved of CITY_GRANTED_ROLES) {
      if (changed.includes(reserved.role)) refusals.push({ rule: 'R4', roles: [reserved.role], zh: reserved.zh, en: reserved.en });
    }
  }
  for (const conflict of roleConflictsIn(after)) {
    refusals.push({ rule: 'R5', roles: [...conflict.roles], zh: conflict.zh, en: conflict.en });
  }
  return refusals;
}

/**
 * The roles this granter may grant to or revoke from an officer of that scope (R2–R4); empty for himself (R1).
 * R5 depends on the whole set and is not reflected here.
 */
export function grantableRoles(granter: Granter, granteeScope: GrantScope, granteeId: string | null = null): Role[] {
  if (granteeId !== null && granteeId === granter.id) return [];
  if (!granter.roles.includes('admin')) return [];
  if (isCityAdministrator(granter)) return [...ROLES];
  if (granteeScope === 'city') return [];
  return ROLES.filter((r) => !RESERVED.has(r));
}

/**
 * Resetting the password of an account, or deactivating it, hands its roles to whoever does it next: an administrator
 * who may not grant one of the holder's roles may not administer that account either (R4 applied to the account).
 * Null when allowed.
 */
export function accountAdministrationRefusal(
  granter: Granter,
  holder: { id: string; roles: readonly Role[]; scope: GrantScope },
): RoleGrantRefusal | null {
  if (holder.id === granter.id) return null;
  const allowed = new Set(grantableRoles(granter, holder.scope));
  const beyond = holder.roles.filter((r) => !allowed.has(r));
  if (beyond.length === 0) return null;
  const names = beyond.map((r) => ROLE_ZH[r]).join('、');
  return {
    rule: 'R4',
    roles: beyond,
    zh: `该人员担任${names}，其账户（重置密码、停用）只能由有权授予该角色的管理员办理`,
    en: `This officer holds ${beyond.map((r) => ROLE_EN[r]).join(', ')}; only an administrator who may grant that role resets the password or deactivates the account`,
  };
}

/**
 * The scope of a unit: 'city' for the city bureau's own units (their 区局 — `bureau_id` — is the root of the tree),
 * 'bureau' inside a district bureau or a special unit.
 */
export function unitScope(unit: { path: string; bureauId: string | null }): GrantScope {
  const root = unit.path.split('/').filter(Boolean)[0];
  return unit.bureauId !== null && unit.bureauId === root ? 'city' : 'bureau';
}
