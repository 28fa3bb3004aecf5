// One writer = one officer's phone: it loops over realistic writes of its squad, each logical request with a fresh
// Idempotency-Key that also marks its effect in the database (the case's facts, or the step's note). A request that
// loses its answer is handed to the retrier and the writer turns to other work, as an officer would; the case waits
// and is taken up again once the retry brings a 2xx (a refusal closes it). So cases reach the later steps across
// several crashes.
import { CASE_ACTION_ROUTES, type RoutedCaseAction } from '@chengguan/contracts';
import {
  calendarFromChineseDays,
  idNumberCheckDigit,
  sm3Hex,
  subtractWorkingDays,
  withoutUnverifiedNote,
  type RandomSource,
} from '@chengguan/domain';
import { isDefinitive, isSuccess, markerText, sendOnce, type Effect, type LogicalRequest, type Retrier } from './ledger.ts';
import type { ServerProcess } from './server-process.ts';
import type { Team, User } from './teams.ts';

type LawBasisTexts = { violatedProvision: string; penaltyProvision: string };
const lawBasisOf = (caseJson: Json): LawBasisTexts => caseJson.lawBasis as LawBasisTexts;

/** A 1×1 PNG; each photo appends a text of its own, so every upload has bytes (and an SM3) of its own. */
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

/** One request to make: its body may carry the key (the marker of its effect). */
type Planned = { label: string; user: User; path: string; make: (key: string) => { body: Json | Buffer; effect: Effect } };

type Sent = { kind: 'answered'; json: Json } | { kind: 'refused' } | { kind: 'retrying'; req: LogicalRequest; settled: Promise<void> };

/** An ordinary case of this writer: the requests still to make, in order; `waiting` while a retry decides the last one. */
type OpenCase = { id: string; plan: Planned[]; next: number; waiting: boolean };

export class Writer {
  private count = 0;
  private readonly open: OpenCase[] = [];

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
      const resumable = this.open.filter((c) => !c.waiting);
      let progressed: boolean;
      if (resumable.length > 0 && this.rand() < 0.6)
        progressed = await this.advance(resumable[Math.floor(this.rand() * resumable.length)]!);
      else progressed = this.rand() < 0.4 ? await this.summaryTicket() : await this.registerCase();
      // A refusal (a 4xx) would otherwise spin; refusals show in the report.
      if (!progressed) await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Sends one logical request once. Without a definitive answer it goes to the retrier. */
  private async send(p: Planned): Promise<Sent> {
    const key = `drill-${this.ctx.seed}-w${this.index}-${++this.count}`;
    const { body, effect } = p.make(key);
    const req: LogicalRequest = {
      key,
      label: p.label,
      writer: this.index,
      token: p.user.token,
      path: p.path,
      contentType: Buffer.isBuffer(body) ? 'image/png' : 'application/json',
      body: Buffer.isBuffer(body) ? body : JSON.stringify(body),
      effect,
      attempts: [],
      final: null,
      retry: null,
    };
    this.ctx.ledger.push(req);
    const a = await sendOnce(this.ctx.server.baseUrl, req, { timeoutMs: this.ctx.requestTimeoutMs, retry: false, now: this.ctx.now });
    if (!isDefinitive(a.answer)) return { kind: 'retrying', req, settled: this.ctx.retrier.adopt(req) };
    req.final = a.answer;
    return isSuccess(a.answer) ? { kind: 'answered', json: a.answer.json as Json } : { kind: 'refused' };
  }

  /** Takes a case's next requests until it is done, refused, or waits for a retry. */
  private async advance(c: OpenCase): Promise<boolean> {
    while (c.next < c.plan.length) {
      const sent = await this.send(c.plan[c.next]!);
      if (sent.kind === 'answered') {
        c.next++;
        continue;
      }
      if (sent.kind === 'refused') {
        this.close(c);
        return false;
      }
      c.waiting = true;
      void sent.settled.then(() => {
        c.waiting = false;
        if (isSuccess(sent.req.final)) c.next++;
        else this.close(c);
      });
      return true;
    }
    this.close(c);
    return true;
  }

  private close(c: OpenCase): void {
    const i = this.open.indexOf(c);
    if (i >= 0) this.open.splice(i, 1);
  }

  private photo(user: User, text: string): { planned: Planned; sm3: string } {
    const bytes = Buffer.concat([PNG, Buffer.from(text)]);
    const sm3 = sm3Hex(bytes);
    return { planned: { label: 'upload', user, path: '/api/v1/files', make: () => ({ body: bytes, effect: { kind: 'file', sm3 } }) }, sm3 };
  }

  private step(user: User, caseId: string, action: RoutedCaseAction, body: Json): Planned {
    return {
      label: action,
      user,
      path: `/api/v1/cases/${caseId}/${CASE_ACTION_ROUTES[action].path}`,
      make: (key) => ({ body: { ...body, note: key }, effect: { kind: 'event', marker: key, caseId, action } }),
    };
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

  /**
   * 当场处罚 on the starter library's 违则 marked 未核实 (E12): a photo, the draft (register and evidence), the legal
   * reviewer's confirmation of the article, then the decision with its payment order — each its own logical request.
   */
  private async summaryTicket(): Promise<boolean> {
    const [o1, o2] = this.team.officers;
    const photo = this.photo(o1, `ticket ${this.index}-${this.count}`);
    if ((await this.send(photo.planned)).kind !== 'answered') return false;
    const today = this.ctx.dates.today;
    const sent = await this.send({
      label: 'summary-draft',
      user: o1,
      path: '/api/v1/cases/summary-drafts',
      make: (key) => ({
        body: {
          date: today,
          offenceCode: 'SH-LJ-57-2',
          party: this.party(),
          location: '陆家嘴东路 88 号垃圾厢房',
          facts: `经责令改正后仍将湿垃圾与干垃圾混合投放。${markerText(key)}`,
          photos: [photo.sm3],
          officerIds: [o1.id, o2.id],
          flags: { correctionOrdered: true, refusedToCorrect: true },
        },
        effect: { kind: 'case', marker: key },
      }),
    });
    return this.takeUp(sent, (json) => {
      const id = String(json.id);
      const basis = lawBasisOf(json);
      return [
        this.step(this.team.legal, id, 'confirmLegalBasis', {
          date: today,
          violatedProvision: withoutUnverifiedNote(basis.violatedProvision),
          penaltyProvision: withoutUnverifiedNote(basis.penaltyProvision),
        }),
        {
          label: 'issueSummaryDecision',
          user: o1,
          path: `/api/v1/cases/${id}/summary-decision`,
          make: (key) => ({
            body: {
              date: today,
              note: key,
              officerIds: [o1.id, o2.id],
              penalty: { penalties: ['fine'], fineFen: 10_000 },
              partySigned: true,
            },
            effect: { kind: 'event', marker: key, caseId: id, action: 'issueSummaryDecision' },
          }),
        },
      ];
    });
  }

  /**
   * A case made by `sent`: once it has its id (at once, or when a retry brings the answer) the writer takes on the plan
   * `planOf` makes for it.
   */
  private takeUp(sent: Sent, planOf: (json: Json) => Planned[]): boolean | Promise<boolean> {
    const take = (json: unknown) => {
      const id = (json as { id?: string } | null)?.id;
      if (id) this.open.push({ id, plan: planOf(json as Json), next: 0, waiting: false });
    };
    if (sent.kind === 'refused') return false;
    if (sent.kind === 'retrying') {
      void sent.settled.then(() => isSuccess(sent.req.final) && take(sent.req.final?.json));
      return true;
    }
    take(sent.json);
    const added = this.open[this.open.length - 1];
    return added ? this.advance(added) : false;
  }

  /** 登记 a 普通程序 case; once it has its id (at once, or when a retry brings the answer) the writer takes it on. */
  private async registerCase(): Promise<boolean> {
    const [o1, o2] = this.team.officers;
    const d = this.ctx.dates.back;
    const party = this.party();
    const sent = await this.send({
      label: 'register',
      user: o1,
      path: '/api/v1/cases',
      make: (key) => ({
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
      }),
    });
    return this.takeUp(sent, (json) => this.ordinaryPlan(String(json.id), String(party.name), lawBasisOf(json)));
  }

  /** 普通程序 from the inspection to the served decision, dated as demo case B is (working days back). */
  private ordinaryPlan(id: string, partyName: string, basis: LawBasisTexts): Planned[] {
    const [o1, o2] = this.team.officers;
    const { leader, bureauLeader, legal } = this.team;
    const d = this.ctx.dates.back;
    const signed = (date: string) => ({
      date,
      officerIds: [o1.id, o2.id],
      credentialsShown: true,
      officersSigned: true,
      partySigned: true,
      content: '执法人员出示执法证件，对现场进行检查并拍照取证。',
    });
    const fine = { penalties: ['fine'], fineFen: 100_000 };
    const plan: Planned[] = [
      this.step(o1, id, 'recordInspection', signed(d(16))),
      this.step(o1, id, 'submitFiling', { date: d(16) }),
      this.step(leader, id, 'approveFiling', { date: d(15) }),
    ];
    // One to three pieces of evidence: steps that may repeat in a state are the ones a re-run can double.
    const pieces = 1 + Math.floor(this.rand() * 3);
    for (let i = 0; i < pieces; i++) {
      const photo = this.photo(o1, `case ${id} photo ${i + 1}`);
      plan.push(photo.planned);
      plan.push(
        this.step(o1, id, 'addEvidence', { date: d(15), evidenceType: 'audio_visual', title: `现场照片 ${i + 1}`, fileSm3: photo.sm3 }),
      );
    }
    const contents = {
      proposedPenaltyStated: true,
      factsStated: true,
      reasonsStated: true,
      legalBasisStated: true,
      statementRightsStated: true,
      hearingRightStated: false,
    };
    plan.push(
      this.step(o1, id, 'recordQuestioning', { ...signed(d(14)), interviewee: partyName }),
      this.step(o1, id, 'concludeInvestigation', { date: d(13) }),
      this.step(leader, id, 'reviewCase', { date: d(12), proposedOutcome: 'penalty', proposedPenalty: fine }),
      this.step(o1, id, 'issuePriorNotice', { date: d(11), proposed: fine, contents }),
      this.step(legal, id, 'confirmLegalBasis', {
        date: d(10),
        violatedProvision: withoutUnverifiedNote(basis.violatedProvision),
        penaltyProvision: withoutUnverifiedNote(basis.penaltyProvision),
      }),
      this.step(bureauLeader, id, 'decide', {
        date: d(6),
        outcome: 'penalty',
        penalty: fine,
        citesHearingRecord: false,
        educationRecorded: false,
      }),
      this.step(o1, id, 'serveDecision', { date: d(5), method: 'direct' }),
    );
    return plan;
  }
}
