/**
 * One officer's session in the load run: his token, his squad's cases, and what he does next. The mix (70% reads,
 * 25% case steps, 5% tickets and evidence uploads) is drawn from a seeded generator, so a run is repeatable in its
 * choices. Steps are taken on live cases of his own squad: the case answers its allowed actions (for his roles, its
 * guards previewed for today), he takes the first one of the ordinary path he can write a valid body for, with the
 * case version he saw (a colleague who moved the case first makes that a 409, counted apart from errors). When his
 * squad has no case he can move, he registers one (the first step of an ordinary case).
 *
 * The transport is a parameter: the load driver speaks HTTP to the server process; the test drives the same
 * sessions through the in-process app (bench/src/load-session.test.ts).
 */
import { CASE_ACTION_ROUTES, type CaseDetail, type CaseListItem, type RoutedCaseAction, type Workbench } from '@chengguan/contracts';
import { idNumberCheckDigit } from '@chengguan/domain';

export const REQUEST_KINDS = ['workbench', 'list', 'case', 'register', 'step', 'upload', 'ticket', 'evidence'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
/** The three parts of the mix and the request kinds each is made of. */
export const MIX_OF_KIND: Record<RequestKind, 'read' | 'step' | 'ticket/evidence'> = {
  workbench: 'read',
  list: 'read',
  case: 'read',
  register: 'step',
  step: 'step',
  upload: 'ticket/evidence',
  ticket: 'ticket/evidence',
  evidence: 'ticket/evidence',
};

export type LoadRequest = {
  method: 'GET' | 'POST';
  url: string;
  token: string;
  body?: unknown;
  /** Raw bytes (file uploads) with their content type, instead of a JSON body. */
  raw?: { contentType: string; bytes: Buffer };
};
export type LoadResponse = { status: number; body: string };
/** Sends one request; answers its status and body (the session parses what it needs). */
export type Transport = (req: LoadRequest) => Promise<LoadResponse>;
/** Told of every request: its kind, status and duration in milliseconds. */
export type Recorder = (kind: RequestKind, status: number, ms: number, note?: string) => void;

/** One officer of the run: his account and a credentialed colleague of his squad (A1: two officers sign). */
export type LoadOfficer = { username: string; id: string; orgId: string; roles: string[]; partnerId: string };

export type SessionOptions = {
  officer: LoadOfficer;
  token: string;
  transport: Transport;
  record: Recorder;
  /** A number in [0, 1): the session's own seeded generator. */
  random: () => number;
  /** Today's legal date (Asia/Shanghai), the date of every step taken now. */
  today: () => string;
  now: () => number;
  /** Tells of an answer that is neither 2xx nor 409 (the load run prints the first few). */
  onError?: (kind: RequestKind, req: LoadRequest, res: LoadResponse) => void;
};

type Known = Pick<
  CaseDetail,
  'id' | 'version' | 'procedure' | 'state' | 'officers' | 'proposal' | 'decision' | 'paidFen' | 'allowedActions'
> & {
  offenceCode: string;
  records: { kind: string }[];
};

/** Offences the session registers, with a fine inside their 裁量基准 tier for a first, ordinary case. */
const ORDINARY_OFFENCES = [{ code: 'SH-LJ-57-4', fineFen: 100_000 }] as const;
const SUMMARY_OFFENCE = { code: 'SH-LJ-57-2', fineFen: 10_000 } as const;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚';
const STREETS = ['陆家嘴环路', '世纪大道', '张杨路', '浦东南路', '东方路', '崂山路', '源深路', '福山路'];
/** The ordinary path, in the order a case moves along it: the first allowed one the session can write is taken. */
const PATH: readonly RoutedCaseAction[] = [
  'submitFiling',
  'approveFiling',
  'concludeInvestigation',
  'reviewCase',
  'issuePriorNotice',
  'waiveStatement',
  'serveDecision',
  'recordPayment',
  'close',
  'archive',
];
/** Filing and concluding need the 笔录 (A1–A3) first: taken when the path's next step is blocked. */
const RECORD_STEPS: readonly RoutedCaseAction[] = ['recordInspection', 'recordQuestioning'];
/** Kept per officer: the cases he knows, newest first (older ones are forgotten). */
const MAX_KNOWN = 40;

const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);

export class OfficerSession {
  private readonly known = new Map<string, Known>();
  /** Case ids of his squad seen in lists and the workbench, not yet read. */
  private readonly seen: string[] = [];
  private photo: string | null = null;
  private uploads = 0;
  constructor(private readonly o: SessionOptions) {}

  /** One operation of the mix (one to three requests). */
  async next(): Promise<void> {
    const r = this.o.random();
    if (r < 0.7) return this.read();
    if (r < 0.95) return this.step();
    return this.o.random() < 0.5 ? this.ticket() : this.evidence();
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.o.random() * list.length)]!;
  }

  private async call(kind: RequestKind, req: Omit<LoadRequest, 'token'>): Promise<LoadResponse | null> {
    const full = { ...req, token: this.o.token };
    const t0 = this.o.now();
    const res = await this.o.transport(full);
    this.o.record(kind, res.status, this.o.now() - t0);
    if (res.status >= 200 && res.status < 300) return res;
    if (res.status !== 409) this.o.onError?.(kind, full, res);
    return null;
  }

  private remember(c: CaseDetail): void {
    this.known.delete(c.id);
    this.known.set(c.id, {
      id: c.id,
      version: c.version,
      procedure: c.procedure,
      state: c.state,
      officers: c.officers,
      proposal: c.proposal,
      decision: c.decision,
      paidFen: c.paidFen,
      allowedActions: c.allowedActions,
      offenceCode: c.offence.code,
      records: c.records.map((r) => ({ kind: r.kind })),
    });
    if (this.known.size > MAX_KNOWN) this.known.delete(this.known.keys().next().value!);
  }

  private notice(ids: string[]): void {
    for (const id of ids) if (!this.known.has(id) && !this.seen.includes(id)) this.seen.push(id);
    while (this.seen.length > MAX_KNOWN) this.seen.shift();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Reads: the workbench, a case list with filters the console offers, one case.

  private async read(): Promise<void> {
    const r = this.o.random();
    if (r < 0.3) return this.workbench();
    if (r < 0.65) return this.list();
    await this.readCase();
  }

  private async workbench(): Promise<void> {
    const res = await this.call('workbench', { method: 'GET', url: '/api/v1/cases/workbench' });
    if (!res) return;
    const w = JSON.parse(res.body) as Workbench;
    this.notice(w.myTasks.items.map((t) => t.case.id));
  }

  private listQuery(): string {
    const q = new URLSearchParams({ page: String(1 + Math.floor(this.o.random() * 3)), pageSize: this.pick(['20', '50']) });
    const r = this.o.random();
    // The console's filter bar: state, procedure, my cases, overdue, a date range, a search word; combined.
    if (r < 0.25) q.set('state', this.pick(['registered', 'filing_pending', 'investigating', 'prior_notice_served', 'decided']));
    if (this.o.random() < 0.2) q.set('procedure', this.pick(['ordinary', 'summary']));
    if (this.o.random() < 0.3) q.set('mine', 'true');
    if (this.o.random() < 0.1) q.set('overdue', 'true');
    if (this.o.random() < 0.2) {
      const today = this.o.today();
      q.set('from', `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`);
      q.set('to', today);
    }
    if (this.o.random() < 0.1) q.set('q', this.pick(['王', '李', '路', '沪']));
    return q.toString();
  }

  private async list(): Promise<void> {
    const res = await this.call('list', { method: 'GET', url: `/api/v1/cases?${this.listQuery()}` });
    if (!res) return;
    const page = JSON.parse(res.body) as { items: CaseListItem[] };
    this.notice(page.items.filter((c) => c.orgId === this.o.officer.orgId && c.procedure === 'ordinary').map((c) => c.id));
  }

  private async readCase(id?: string): Promise<Known | null> {
    const caseId = id ?? this.seen.shift() ?? this.pickKnown()?.id;
    if (!caseId) return this.workbench().then(() => null);
    const res = await this.call('case', { method: 'GET', url: `/api/v1/cases/${caseId}` });
    if (!res) return null;
    const c = JSON.parse(res.body) as CaseDetail;
    this.remember(c);
    return this.known.get(c.id) ?? null;
  }

  private pickKnown(): Known | undefined {
    const all = [...this.known.values()];
    return all.length ? this.pick(all) : undefined;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Steps: the next legal step of a live ordinary case of his squad, or a new case.

  /** The step he can take on the case now, with its body; null when none of his allowed actions is one he writes. */
  nextStep(c: Known): { action: RoutedCaseAction; body: Record<string, unknown> } | null {
    // Steps move ordinary cases; a 当场 ticket is decided in its one call (closing it needs the B2 filing first).
    if (c.procedure !== 'ordinary') return null;
    const allowed = new Set(c.allowedActions.filter((a) => a.allowed && a.path !== null).map((a) => a.action));
    const date = this.o.today();
    const base = { date, expectedVersion: c.version };
    for (const action of PATH) {
      if (!allowed.has(action)) continue;
      const body = this.bodyFor(action, c, base);
      if (body) return { action, body };
    }
    // The path is blocked (the 笔录 are missing): record the one the case has fewest of.
    const officerIds = this.signingOfficers(c);
    if (!officerIds) return null;
    const count = (k: string) => c.records.filter((r) => r.kind === k).length;
    const records = RECORD_STEPS.filter((a) => allowed.has(a)).sort(
      (a, b) =>
        count(a === 'recordInspection' ? 'inspection' : 'questioning') - count(b === 'recordInspection' ? 'inspection' : 'questioning'),
    );
    const action = records[0];
    if (!action) return null;
    return {
      action,
      body: { ...base, officerIds, credentialsShown: true, officersSigned: true, partySigned: true, content: '现场检查、询问情况记录。' },
    };
  }

  /** A1: two handling officers with a valid credential sign the 笔录. */
  private signingOfficers(c: Known): string[] | null {
    const valid = c.officers.filter((o) => o.credentialStatus === 'valid').map((o) => o.officerId);
    return valid.length >= 2 ? valid.slice(0, 2) : null;
  }

  private bodyFor(action: RoutedCaseAction, c: Known, base: { date: string; expectedVersion: number }): Record<string, unknown> | null {
    const fine = ORDINARY_OFFENCES.find((o) => o.code === c.offenceCode)?.fineFen;
    switch (action) {
      case 'submitFiling':
      case 'approveFiling':
      case 'close':
      case 'archive':
        return base;
      case 'concludeInvestigation':
        return { ...base, report: '调查终结，事实清楚，证据确凿。' };
      case 'reviewCase':
        // The proposal must lie in the offence's 裁量基准 tier: only for the offences whose tier the session knows.
        return fine === undefined ? null : { ...base, proposedOutcome: 'penalty', proposedPenalty: { penalties: ['fine'], fineFen: fine } };
      case 'issuePriorNotice': {
        const proposed = c.proposal?.penalty;
        if (!proposed || fine === undefined) return null;
        return {
          ...base,
          proposed,
          contents: {
            proposedPenaltyStated: true,
            factsStated: true,
            reasonsStated: true,
            legalBasisStated: true,
            statementRightsStated: true,
            // Stating the hearing right where the law does not demand it gives the party more, never less (D4).
            hearingRightStated: true,
          },
        };
      }
      case 'waiveStatement':
        return { ...base, waivesHearing: true };
      case 'serveDecision':
        return { ...base, method: 'direct' };
      case 'recordPayment': {
        const due = (c.decision?.penalty?.fineFen ?? 0) - c.paidFen;
        return due > 0 ? { ...base, amountFen: due } : null;
      }
      default:
        return null;
    }
  }

  private async step(): Promise<void> {
    let c = [...this.known.values()].reverse().find((k) => this.nextStep(k) !== null);
    if (!c && this.seen.length > 0) c = (await this.readCase()) ?? undefined;
    const next = c ? this.nextStep(c) : null;
    if (!c || !next) return this.register();
    const res = await this.call('step', {
      method: 'POST',
      url: `/api/v1/cases/${c.id}/${CASE_ACTION_ROUTES[next.action].path}`,
      body: next.body,
    });
    // A colleague moved the case first (409): forget it; it is read afresh when met again.
    if (res) this.remember(JSON.parse(res.body) as CaseDetail);
    else this.known.delete(c.id);
  }

  private party() {
    const first17 = `310115${1960 + Math.floor(this.o.random() * 40)}0${1 + Math.floor(this.o.random() * 9)}1${Math.floor(this.o.random() * 10)}${String(Math.floor(this.o.random() * 1000)).padStart(3, '0')}`;
    const name = this.pick([...SURNAMES]) + this.pick([...GIVEN]) + (this.o.random() < 0.5 ? this.pick([...GIVEN]) : '');
    return { type: 'natural_person', name, idType: 'id_card', idNumber: first17 + idNumberCheckDigit(first17) };
  }

  private location(): string {
    return `${this.pick(STREETS)} ${1 + Math.floor(this.o.random() * 999)} 号`;
  }

  private async register(): Promise<void> {
    const date = this.o.today();
    const offence = this.pick(ORDINARY_OFFENCES);
    const res = await this.call('register', {
      method: 'POST',
      url: '/api/v1/cases',
      body: {
        date,
        discoveredOn: date,
        source: 'patrol',
        offenceCode: offence.code,
        party: this.party(),
        act: { actDate: date },
        location: this.location(),
        facts: '管理责任人未将分类投放的生活垃圾分类驳运。',
        officerIds: [this.o.officer.id, this.o.officer.partnerId],
      },
    });
    if (res) this.remember(JSON.parse(res.body) as CaseDetail);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Tickets and evidence: a photo uploaded, then a 当场处罚 ticket or a case's evidence step.

  private async upload(): Promise<string | null> {
    this.uploads += 1;
    const bytes = Buffer.concat([JPEG_HEAD, Buffer.from(`${this.o.officer.username} photo ${this.uploads} ${this.o.random()}`)]);
    const res = await this.call('upload', { method: 'POST', url: '/api/v1/files', raw: { contentType: 'image/jpeg', bytes } });
    if (!res) return null;
    this.photo = (JSON.parse(res.body) as { sm3: string }).sm3;
    return this.photo;
  }

  private async ticket(): Promise<void> {
    const photo = await this.upload();
    if (!photo) return;
    const date = this.o.today();
    const res = await this.call('ticket', {
      method: 'POST',
      url: '/api/v1/cases/summary',
      body: {
        date,
        offenceCode: SUMMARY_OFFENCE.code,
        party: this.party(),
        location: this.location(),
        facts: '经责令改正后仍混合投放生活垃圾。',
        photos: [photo],
        officerIds: [this.o.officer.id, this.o.officer.partnerId],
        penalty: { penalties: ['fine'], fineFen: SUMMARY_OFFENCE.fineFen },
        flags: { correctionOrdered: true, refusedToCorrect: true },
        partySigned: true,
      },
    });
    if (res) this.remember(JSON.parse(res.body) as CaseDetail);
  }

  private async evidence(): Promise<void> {
    const c = [...this.known.values()]
      .reverse()
      .find((k) => k.allowedActions.some((a) => a.action === 'addEvidence' && a.allowed && a.path !== null));
    if (!c) return this.ticket();
    const sm3 = await this.upload();
    if (!sm3) return;
    const res = await this.call('evidence', {
      method: 'POST',
      url: `/api/v1/cases/${c.id}/${CASE_ACTION_ROUTES.addEvidence.path}`,
      body: { date: this.o.today(), expectedVersion: c.version, evidenceType: 'audio_visual', title: '现场照片', fileSm3: sm3 },
    });
    if (res) this.remember(JSON.parse(res.body) as CaseDetail);
    else this.known.delete(c.id);
  }
}
