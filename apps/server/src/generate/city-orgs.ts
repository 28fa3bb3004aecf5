// The city's organisation: 市局 with its 执法总队, 机场执法支队 and 自贸区临港新片区综合执法大队, 16 district bureaus
// (each with a 机动大队) and 249 street/town squads, about 7,900 officers with roles, 执法证 and login accounts
// (REQUIREMENTS.md: 249 squads, 7,900 officers trained online, 85 % of them at street/town level).
// Every account gets the same argon2 hash of the bench password, computed once.
import type { EnforcementDomain, OrgKind, Role } from '@chengguan/contracts';
import { addYears, type RandomSource } from '@chengguan/domain';
import { hashPassword } from '../modules/auth/index.ts';
import { ORG_COLUMNS as ORG_READ_COLUMNS } from '../modules/org/index.ts';
import { ALL_DOMAINS, FIELD_DOMAINS, GIVEN_F, GIVEN_M, MOBILE_PREFIXES, SURNAMES, TITLES } from '../seed/demo-data.ts';
import { shanghaiInstant } from '../shared/time.ts';
import { firstDay } from './options.ts';
import { type GeneratorPart, outputKey } from './registry.ts';

export type CityOfficer = {
  id: string;
  name: string;
  orgId: string;
  username: string;
  roles: Role[];
  credential: { number: string; domains: EnforcementDomain[]; validFrom: string; validTo: string; revoked: boolean };
};

export type CitySquad = {
  id: string;
  code: string;
  name: string;
  bureauId: string;
  path: string;
  weight: number;
  leaders: CityOfficer[];
  field: CityOfficer[];
};

export type CityBureau = {
  id: string;
  code: string;
  name: string;
  shortName: string;
  /** The name printed on 文号 (defaultPattern reads the bureau's short name). */
  regionCode: string;
  districtName: string | null;
  leaders: CityOfficer[];
  legal: CityOfficer[];
  /** The district's command centre (指挥中心): takes in, accepts, dispatches and closes tickets. */
  commanders: CityOfficer[];
  squads: CitySquad[];
};

export type City = { bureaus: CityBureau[]; squads: CitySquad[]; officers: number; cityBureauId: string };

export const CITY = outputKey<City>('city');

/** 16 districts: name, code, region code (GB/T 2260), street/town squads, relative case load per squad. */
export const DISTRICTS = [
  ['黄浦', 'HP', '310101', 10, 1.3],
  ['徐汇', 'XH', '310104', 13, 1.1],
  ['长宁', 'CN', '310105', 10, 1.0],
  ['静安', 'JA', '310106', 14, 1.2],
  ['普陀', 'PT', '310107', 10, 1.0],
  ['虹口', 'HK', '310109', 8, 1.1],
  ['杨浦', 'YP', '310110', 12, 1.0],
  ['闵行', 'MH', '310112', 18, 1.0],
  ['宝山', 'BS', '310113', 15, 0.95],
  ['嘉定', 'JD', '310114', 15, 0.9],
  ['浦东新区', 'PD', '310115', 46, 1.0],
  ['金山', 'JS', '310116', 13, 0.7],
  ['松江', 'SJ', '310117', 21, 0.85],
  ['青浦', 'QP', '310118', 11, 0.85],
  ['奉贤', 'FX', '310120', 14, 0.75],
  ['崇明', 'CM', '310151', 19, 0.5],
] as const;

const CITY_NAME = '上海市城市管理行政执法局';
const CITY_UNITS = [
  { code: 'SH-ZD', name: `${CITY_NAME}执法总队`, shortName: '执法总队', officers: 150 },
  { code: 'SH-JC', name: `${CITY_NAME}机场执法支队`, shortName: '机场执法支队', officers: 40 },
  { code: 'SH-LG', name: '中国（上海）自由贸易试验区临港新片区综合执法大队', shortName: '临港综合执法大队', officers: 40 },
] as const;

const ORG_COLUMNS = [...ORG_READ_COLUMNS, 'created_at', 'updated_at'] as const;
const OFFICER_COLUMNS = [
  'id',
  'org_id',
  'bureau_id',
  'name',
  'employee_no',
  'gender',
  'phone',
  'title',
  'active',
  'username',
  'password_hash',
  'password_changed_at',
  'must_change_password',
  'created_at',
  'updated_at',
] as const;
const CREDENTIAL_COLUMNS = [
  'id',
  'officer_id',
  'number',
  'domains',
  'valid_from',
  'valid_to',
  'revoked',
  'created_at',
  'updated_at',
] as const;

type Org = { id: string; path: string; bureauId: string; depth: number };

function personName(rand: RandomSource): { name: string; gender: 'M' | 'F' } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const gender = rand() < 0.7 ? 'M' : 'F';
  const given = gender === 'M' ? GIVEN_M : GIVEN_F;
  return { name: pick(SURNAMES) + pick(given) + (rand() < 0.6 ? pick(given) : ''), gender };
}

export const cityOrgsPart: GeneratorPart = {
  name: 'city-orgs',
  after: [],
  run: async (ctx) => {
    const { options, random: rand, writer } = ctx;
    const since = shanghaiInstant(firstDay(options));
    const createdAt = new Date(since.getTime() - 86_400_000);
    const passwordSetAt = shanghaiInstant(options.until);
    // The published bench password: one hash for every account, its salt from the seed (same seed, same rows).
    const hash = await hashPassword(options.password, Buffer.from(Array.from({ length: 16 }, () => Math.floor(rand() * 256))));
    const orgs = writer.table('orgs', ORG_COLUMNS);
    const officers = writer.table('officers', OFFICER_COLUMNS);
    const roles = writer.table('officer_roles', ['officer_id', 'role']);
    const credentials = writer.table('credentials', CREDENTIAL_COLUMNS);
    let ms = createdAt.getTime();
    const nextId = () => ctx.idAt(ms++);
    const validFrom = addYears(firstDay(options), -1);
    const validTo = addYears(options.until, 3);
    const serials = new Map<string, number>();

    const addOrg = (
      parent: Org | null,
      kind: OrgKind,
      name: string,
      shortName: string,
      code: string,
      region: string | null,
      sort: number,
    ) => {
      const id = nextId();
      const org: Org = {
        id,
        path: `${parent?.path ?? '/'}${id}/`,
        bureauId: kind === 'city_bureau' || kind === 'district_bureau' || kind === 'special_unit' ? id : parent!.bureauId,
        depth: (parent?.depth ?? -1) + 1,
      };
      orgs.add([
        id,
        parent?.id ?? null,
        org.bureauId,
        kind,
        name,
        shortName,
        code,
        region,
        org.path,
        org.depth,
        sort,
        true,
        createdAt,
        createdAt,
      ]);
      return org;
    };
    let officerCount = 0;
    const addOfficer = (
      org: Org,
      region: string,
      prefix: string,
      username: string,
      role: Role,
      domains: EnforcementDomain[],
    ): CityOfficer => {
      const id = nextId();
      const serial = (serials.get(region) ?? 0) + 1;
      serials.set(region, serial);
      const { name, gender } = personName(rand);
      const phone = MOBILE_PREFIXES[Math.floor(rand() * MOBILE_PREFIXES.length)]! + String(Math.floor(rand() * 1e8)).padStart(8, '0');
      officers.add([
        id,
        org.id,
        org.bureauId,
        name,
        `${prefix}-${String(serial).padStart(5, '0')}`,
        gender,
        phone,
        TITLES[role],
        true,
        username,
        hash,
        passwordSetAt,
        false,
        createdAt,
        createdAt,
      ]);
      roles.add([id, role]);
      // 执法证: region code + 5-digit serial, valid over the whole generated history.
      const credential = { number: `${region}${String(serial).padStart(5, '0')}`, domains, validFrom, validTo, revoked: false };
      credentials.add([nextId(), id, credential.number, domains, validFrom, validTo, false, createdAt, createdAt]);
      officerCount++;
      return { id, name, orgId: org.id, username, roles: [role], credential };
    };
    const staff = (n: number) => Math.max(1, Math.round(n * options.staffScale));
    const nn = (i: number) => String(i).padStart(2, '0');

    const city = addOrg(null, 'city_bureau', CITY_NAME, '市城管执法局', 'SH', '310000', 0);
    const cityOfficers: [string, Role, number][] = [
      ['admin', 'admin', 3],
      ['leader', 'bureau_leader', 5],
      ['legal', 'legal_reviewer', 10],
      ['super', 'supervisor', 20],
      ['command', 'commander', 10],
    ];
    for (const [word, role, n] of cityOfficers)
      for (let i = 1; i <= staff(n); i++) addOfficer(city, '310000', 'SH', `sh_${word}${nn(i)}`, role, ALL_DOMAINS);
    for (const [i, u] of CITY_UNITS.entries()) {
      const unit = addOrg(city, 'special_unit', u.name, u.shortName, u.code, '310000', (i + 1) * 10);
      const prefix = u.code.toLowerCase().replace('-', '_');
      addOfficer(unit, '310000', u.code, `${prefix}_leader`, 'bureau_leader', ALL_DOMAINS);
      for (let k = 1; k <= staff(u.officers); k++) addOfficer(unit, '310000', u.code, `${prefix}_${nn(k)}`, 'field_officer', ALL_DOMAINS);
    }

    const bureaus: CityBureau[] = [];
    const allSquads: CitySquad[] = [];
    for (const [d, [district, code, region, squadCount, load]] of DISTRICTS.entries()) {
      const name = district.endsWith('新区') ? `${district}城市管理行政执法局` : `${district}区城市管理行政执法局`;
      const shortName = `沪${district.slice(0, 1)}城管`;
      const bureau = addOrg(city, 'district_bureau', name, shortName, code, region, 100 + d * 10);
      const p = code.toLowerCase();
      const leaders: CityOfficer[] = [];
      const legal: CityOfficer[] = [];
      for (let i = 1; i <= 3; i++) leaders.push(addOfficer(bureau, region, code, `${p}_leader${nn(i)}`, 'bureau_leader', ALL_DOMAINS));
      for (let i = 1; i <= staff(6); i++) legal.push(addOfficer(bureau, region, code, `${p}_legal${nn(i)}`, 'legal_reviewer', ALL_DOMAINS));
      const commanders: CityOfficer[] = [];
      for (let i = 1; i <= staff(6); i++)
        commanders.push(addOfficer(bureau, region, code, `${p}_command${nn(i)}`, 'commander', ALL_DOMAINS));
      for (let i = 1; i <= staff(6); i++) addOfficer(bureau, region, code, `${p}_super${nn(i)}`, 'supervisor', ALL_DOMAINS);
      for (let i = 1; i <= 2; i++) addOfficer(bureau, region, code, `${p}_admin${nn(i)}`, 'admin', ALL_DOMAINS);
      const brigade = addOrg(bureau, 'brigade', `${name}机动大队`, `${district}机动大队`, `${code}-JD`, null, 5);
      for (let i = 1; i <= staff(30); i++) addOfficer(brigade, region, code, `${p}_jd_${nn(i)}`, 'field_officer', FIELD_DOMAINS);
      const squads: CitySquad[] = [];
      for (let s = 1; s <= squadCount; s++) {
        const squadCode = `${code}-S${nn(s)}`;
        const squadName = `${district}第${s}街镇中队`;
        const org = addOrg(bureau, 'squad', squadName, `${district}${s}中队`, squadCode, null, 10 + s * 10);
        const sp = squadCode.toLowerCase().replace('-', '_');
        const squadLeaders = [
          addOfficer(org, region, code, `${sp}_leader`, 'squad_leader', ALL_DOMAINS),
          addOfficer(org, region, code, `${sp}_deputy`, 'squad_leader', ALL_DOMAINS),
        ];
        // 20–34 field officers a squad (≈ 27 on average: 85 % of ~7,900 over 249 squads); at least two (rule A1).
        const headCount = Math.max(2, staff(20 + Math.floor(rand() * 15)));
        const field: CityOfficer[] = [];
        for (let k = 1; k <= headCount; k++) field.push(addOfficer(org, region, code, `${sp}_${nn(k)}`, 'field_officer', ALL_DOMAINS));
        const squad: CitySquad = {
          id: org.id,
          code: squadCode,
          name: squadName,
          bureauId: bureau.id,
          path: org.path,
          weight: load * (0.6 + rand() * 0.8),
          leaders: squadLeaders,
          field,
        };
        squads.push(squad);
        allSquads.push(squad);
      }
      bureaus.push({
        id: bureau.id,
        code,
        name,
        shortName,
        regionCode: region,
        districtName: district,
        leaders,
        legal,
        commanders,
        squads,
      });
    }
    ctx.outputs.set(CITY, { bureaus, squads: allSquads, officers: officerCount, cityBureauId: city.id });
    await writer.flush();
    return { bureaus: bureaus.length, squads: allSquads.length, officers: officerCount };
  },
};
