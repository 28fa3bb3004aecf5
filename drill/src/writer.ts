// One writer = one officer's phone: it loops over realistic writes of its squad, each logical request with a fresh
// Idempotency-Key that also marks its effect in the database (the case's facts, or the step's note). A request that
// loses its answer is handed to the retrier and the writer moves on to new work, as an officer would.
import { CASE_ACTION_ROUTES, type RoutedCaseAction } from '@chengguan/contracts';
import { calendarFromChineseDays, idNumberCheckDigit, sm3Hex, subtractWorkingDays, type RandomSource } from '@chengguan/domain';
import { isDefinitive, isSuccess, markerText, sendOnce, type Effect, type LogicalRequest, type Retrier } from './ledger.ts';
import type { ServerProcess } from './server-process.ts';
import type { Team, User } from './teams.ts';

/** A 1×1 PNG; each photo appends its key, so every upload has bytes (and an SM3) of its own. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '周', '吴', '徐'];
const GIVEN = ['伟', '芳', '磊', '静', '强', '敏', '军', '丽', '洋', '艳'];

/** Legal dates counted back in working days from today (Asia/Shanghai), as the demo cases are. */
export type DrillDates = { today: string; back(workingDays: number): string };

export function drillDates(now: Date): DrillDates {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    now,
  );
  const calendar = calendarFromChineseDays();
  return { today, back: (n) => (n === 0 ? today : subtractWorkingDays(calendar, today, n)) };
}

export type WriterContext = {
  seed: number;
  server: ServerProcess;
  retrier: Retrier;
  ledger: LogicalRequest[];
  dates: DrillDates;
  requestTimeoutMs: number;
  now: () => number;
  /** True once the last kill is due: finish the current request and start nothing new. */
  stopping: () => boolean;
};

type Json = Record<string, unknown>;

export class Writer {
  private count = 0;

  constructor(
    private readonly ctx: WriterContext,
    readonly index: number,
    private readonly team: Team,
    private readonly rand: RandomSource,
  ) {}

  async run(): Promise<void> {
    for (;;) {
      await this.ctx.server.ready();
      if (this.ctx.stopping()) return;
      const completed = this.rand() < 0.4 ? await this.summaryTicket() : await this.ordinaryCase();
      // A refused chain (a 4xx) would otherwise spin; it shows in the report's refusals.
      if (!completed) await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Sends one logical request once; null unless it was answered 2xx (then the writer goes on with the answer). */
  private async send(label: string, user: User, path: string, make: (key: string) => { body: Json | Buffer; effect: Effect }) {
    const key = `drill-${this.ctx.seed}-w${this.index}-${++this.count}`;
    const { body, effect } = make(key);
    const req: LogicalRequest = {
      key,
      label,
      writer: this.index,
      token: user.token,
      path,
      contentType: Buffer.isBuffer(body) ? 'image/png' : 'application/json',
      body: Buffer.isBuffer(body) ? body : JSON.stringify(body),
      effect,
      attempts: [],
      final: null,
      retry: null,
    };
    this.ctx.ledger.push(req);
    const a = await sendOnce(this.ctx.server.baseUrl, req, { timeoutMs: this.ctx.requestTimeoutMs, retry: false, now: this.ctx.now });
    if (!isDefinitive(a.answer)) {
      this.ctx.retrier.adopt(req);
      return null;
    }
    req.final = a.answer;
    return isSuccess(a.answer) ? (a.answer.json as Json) : null;
  }

  private async upload(user: User): Promise<string | null> {
    const r = await this.send('upload', user, '/api/v1/files', (key) => {
      const bytes = Buffer.concat([PNG, Buffer.from(key)]);
      return { body: bytes, effect: { kind: 'file', sm3: sm3Hex(bytes) } };
    });
    return r ? (r.sm3 as string) : null;
  }

  private step(user: User, caseId: string, action: RoutedCaseAction, body: Json) {
    return this.send(action, user, `/api/v1/cases/${caseId}/${CASE_ACTION_ROUTES[action].path}`, (key) => ({
      body: { ...body, note: key },
      effect: { kind: 'event', marker: key, caseId, action },
    }));
  }

  private party(): Json {
    const pick = <T>(list: readonly T[]) => list[Math.floor(this.rand() * list.length)]!;
    const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(this.rand() * 40 * 365) * 86_400_000);
    const first17 = `310115${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(100 + Math.floor(this.rand() * 900))}`;
    return {
      type: 'natural_person',
      name: pick(SURNAMES) + pick(GIVEN) + pick(GIVEN),
      idType: 'id_card',
      idNumber: first17 + idNumberCheckDigit(first17),
      phone: `139${String(Math.floor(this.rand() * 1e8)).padStart(8, '0')}`,
      address: '上海市浦东新区世纪大道100号',
    };
  }

  /** 当场处罚: a photo, then the ticket in one call (register, evidence, decision, its payment order). */
  private async summaryTicket(): Promise<boolean> {
    const [o1, o2] = this.team.officers;
    const photo = await this.upload(o1);
    if (!photo) return false;
    const ticket = await this.send('summary', o1, '/api/v1/cases/summary', (key) => ({
      body: {
        date: this.ctx.dates.today,
        offenceCode: 'SH-LJ-57-2',
        party: this.party(),
        location: '陆家嘴东路 88 号垃圾厢房',
        facts: `经责令改正后仍将湿垃圾与干垃圾混合投放。${markerText(key)}`,
        photos: [photo],
        officerIds: [o1.id, o2.id],
        penalty: { penalties: ['fine'], fineFen: 10_000 },
        flags: { correctionOrdered: true, refusedToCorrect: true },
        partySigned: true,
      },
      effect: { kind: 'case', marker: key },
    }));
    return ticket !== null;
  }

  /** 普通程序 from registration to the served decision, as demo case B is taken (dates in working days back). */
  private async ordinaryCase(): Promise<boolean> {
    const [o1, o2] = this.team.officers;
    const { leader, bureauLeader } = this.team;
    const d = this.ctx.dates.back;
    const party = this.party();
    const signed = (date: string) => ({
      date,
      officerIds: [o1.id, o2.id],
      credentialsShown: true,
      officersSigned: true,
      partySigned: true,
      content: '执法人员出示执法证件，对现场进行检查并拍照取证。',
    });
    const fine = { penalties: ['fine'], fineFen: 100_000 };
    const registered = await this.send('register', o1, '/api/v1/cases', (key) => ({
      body: {
        date: d(16),
        discoveredOn: d(16),
        source: 'patrol',
        offenceCode: 'SH-LJ-57-4',
        party,
        act: { actDate: d(17) },
        location: '浦东新区陆家嘴环路 1000 号',
        facts: `管理责任人未将分类投放的生活垃圾分类驳运。${markerText(key)}`,
        officerIds: [o1.id, o2.id],
      },
      effect: { kind: 'case', marker: key },
    }));
    if (!registered) return false;
    const id = registered.id as string;
    if (!(await this.step(o1, id, 'recordInspection', signed(d(16))))) return false;
    if (!(await this.step(o1, id, 'submitFiling', { date: d(16) }))) return false;
    if (!(await this.step(leader, id, 'approveFiling', { date: d(15) }))) return false;
    // One to three pieces of evidence: steps that may repeat in a state are the ones a re-run can double.
    const pieces = 1 + Math.floor(this.rand() * 3);
    for (let i = 0; i < pieces; i++) {
      const photo = await this.upload(o1);
      if (!photo) return false;
      const evidence = { date: d(15), evidenceType: 'audio_visual', title: `现场照片 ${i + 1}`, fileSm3: photo };
      if (!(await this.step(o1, id, 'addEvidence', evidence))) return false;
    }
    if (!(await this.step(o1, id, 'recordQuestioning', { ...signed(d(14)), interviewee: party.name }))) return false;
    if (!(await this.step(o1, id, 'concludeInvestigation', { date: d(13) }))) return false;
    if (!(await this.step(leader, id, 'reviewCase', { date: d(12), proposedOutcome: 'penalty', proposedPenalty: fine }))) return false;
    const contents = {
      proposedPenaltyStated: true,
      factsStated: true,
      reasonsStated: true,
      legalBasisStated: true,
      statementRightsStated: true,
      hearingRightStated: false,
    };
    if (!(await this.step(o1, id, 'issuePriorNotice', { date: d(11), proposed: fine, contents }))) return false;
    const decision = { date: d(6), outcome: 'penalty', penalty: fine, citesHearingRecord: false, educationRecorded: false };
    if (!(await this.step(bureauLeader, id, 'decide', decision))) return false;
    return (await this.step(o1, id, 'serveDecision', { date: d(5), method: 'direct' })) !== null;
  }
}
