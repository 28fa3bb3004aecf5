/**
 * The ceiling of a load run: the same officers, the same concurrency and the same mix (70% reads, 25% case steps, 5%
 * tickets and evidence uploads), as hand-written SQL through node-postgres (a pool of the server's size), with no HTTP
 * and no framework. Each request kind is the statements the platform needs for it, at their simplest:
 *
 *   workbench  the open cases (his own for a field officer, his squad's for a leader), their count, their deadlines
 *              and lead officers
 *   list       a filtered page of the squad's cases, its count, deadlines and lead officers
 *   case       the case with its squad, party, officers and credentials, events, evidence, 笔录, documents, deadlines
 *   register   party, case, officers, event, deadline, hash-chained audit row — one transaction
 *   step       the case locked at its version, updated with its snapshot, an event, a record or a numbered document
 *              where the step makes one, the deadline, the audit row — one transaction
 *   upload     the bytes written to disk and the file row
 *   ticket     number from the squad's range, party, case, officers, three events, evidence, document, deadline,
 *              audit row — one transaction
 *   evidence   the case locked at its version, event, evidence row, audit row — one transaction
 *
 * Its writes go to cases of its own, registered during the run (never the city's), and are deleted afterwards;
 * its audit rows stay, chained like the platform's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { auditRowHash, CURRENT_AUDIT_HASH_VERSION, GENESIS_HASH, idNumberCheckDigit } from '@chengguan/domain';
import { sm3Hex } from '../../apps/server/src/shared/sm3.ts';
import { makeIdGenerator, SYSTEM_CLOCK } from '../../apps/server/src/context.ts';
import type { LoadOfficer, RequestKind } from './load-session.ts';

const AUDIT_CHAIN_LOCK = 7_301_002;
const ACTIVE = ['registered', 'filing_pending', 'investigating', 'investigation_concluded', 'case_reviewed', 'prior_notice_served'];
/** The ordinary path the ceiling's own cases follow, with what each step writes besides the case and its event. */
const PATH: { action: string; to: string; writes?: 'inspection' | 'questioning' | 'filing' | 'prior_notice' }[] = [
  { action: 'recordInspection', to: 'registered', writes: 'inspection' },
  { action: 'submitFiling', to: 'filing_pending' },
  { action: 'approveFiling', to: 'investigating', writes: 'filing' },
  { action: 'recordQuestioning', to: 'investigating', writes: 'questioning' },
  { action: 'concludeInvestigation', to: 'investigation_concluded' },
  { action: 'reviewCase', to: 'case_reviewed' },
  { action: 'issuePriorNotice', to: 'prior_notice_served', writes: 'prior_notice' },
  { action: 'waiveStatement', to: 'prior_notice_served' },
];

export type CeilingOptions = {
  pool: pg.Pool;
  officers: readonly LoadOfficer[];
  random: (i: number) => () => number;
  today: () => string;
  record: (kind: RequestKind, status: number, ms: number) => void;
  onError: (kind: RequestKind, e: unknown) => void;
};

type Squad = { orgId: string; bureauId: string; path: string; caseIds: string[] };
type Own = { id: string; version: number; step: number; bureauId: string; orgId: string };

export class Ceiling {
  private readonly newId = makeIdGenerator(SYSTEM_CLOCK);
  private readonly squads = new Map<string, Squad>();
  private readonly made = { cases: [] as string[], parties: [] as string[], files: [] as string[] };
  private snapshot = '{}';
  private readonly filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'load-ceiling-files-'));
  private readonly range = new Map<string, string>();

  constructor(private readonly o: CeilingOptions) {}

  /** The squads' paths and bureaus, recent cases to read, a snapshot of real size to write, a ticket range each. */
  async prepare(tag: string): Promise<void> {
    const orgIds = [...new Set(this.o.officers.map((o) => o.orgId))];
    const orgs = await this.o.pool.query<{ id: string; path: string; bureau_id: string | null }>(
      'SELECT id, path, bureau_id FROM orgs WHERE id = ANY($1)',
      [orgIds],
    );
    for (const g of orgs.rows) {
      const cases = await this.o.pool.query<{ id: string }>(`SELECT id FROM cases WHERE org_id = $1 ORDER BY updated_at DESC LIMIT 40`, [
        g.id,
      ]);
      this.squads.set(g.id, { orgId: g.id, bureauId: g.bureau_id ?? g.id, path: g.path, caseIds: cases.rows.map((c) => c.id) });
      const range = this.newId();
      await this.o.pool.query(
        `INSERT INTO summary_ticket_ranges (id, bureau_id, org_id, prefix, first_number, last_number, next_number, digits)
         VALUES ($1, $2, $3, $4, 1, 999999, 1, 6)`,
        [range, g.bureau_id ?? g.id, g.id, `基线当罚〔${tag}〕`],
      );
      this.range.set(g.id, range);
    }
    const snap = await this.o.pool.query<{ snapshot: unknown }>(
      `SELECT snapshot FROM cases WHERE procedure = 'ordinary' ORDER BY updated_at DESC LIMIT 1`,
    );
    this.snapshot = JSON.stringify(snap.rows[0]?.snapshot ?? {});
  }

  /** Runs officer `i`'s loop until `stop()` answers true, with `pause()` (his think time) after each operation. */
  async officer(i: number, stop: () => boolean, pause: () => Promise<void> | undefined = () => undefined): Promise<void> {
    const me = this.o.officers[i]!;
    const squad = this.squads.get(me.orgId)!;
    const random = this.o.random(i);
    const own: Own[] = [];
    const leader = me.roles.includes('squad_leader');
    while (!stop()) {
      const r = random();
      if (r < 0.7) {
        const k = random();
        if (k < 0.3) await this.timed('workbench', () => this.workbench(me, squad, leader));
        else if (k < 0.65) await this.timed('list', () => this.list(squad, me, random));
        else {
          const ids = [...squad.caseIds, ...own.map((c) => c.id)];
          if (ids.length > 0) await this.timed('case', () => this.readCase(ids[Math.floor(random() * ids.length)]!));
          else await this.timed('workbench', () => this.workbench(me, squad, leader));
        }
      } else if (r < 0.95) {
        const c = own.find((x) => x.step < PATH.length);
        if (c) await this.timed('step', () => this.step(me, c));
        else await this.timed('register', async () => void own.push(await this.register(me, squad, random)));
      } else {
        const sm3 = await this.timed('upload', () => this.upload(me, squad, random));
        const c = own.find((x) => x.step < PATH.length);
        if (random() < 0.5 || !c) await this.timed('ticket', () => this.ticket(me, squad, sm3 ?? '', random));
        else await this.timed('evidence', () => this.evidence(me, c, sm3 ?? ''));
      }
      if (own.length > 40) own.splice(0, own.length - 40);
      await pause();
    }
  }

  private async timed<T>(kind: RequestKind, f: () => Promise<T>): Promise<T | null> {
    const t0 = performance.now();
    try {
      const v = await f();
      this.o.record(kind, 200, performance.now() - t0);
      return v;
    } catch (e) {
      this.o.record(kind, 500, performance.now() - t0);
      this.o.onError(kind, e);
      return null;
    }
  }

  private async tx<T>(f: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.o.pool.connect();
    try {
      await c.query('BEGIN');
      const v = await f(c);
      await c.query('COMMIT');
      return v;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Reads

  private async pageOf(where: string, params: unknown[], limit: number, offset: number): Promise<void> {
    const from = `FROM cases c JOIN orgs g ON g.id = c.org_id WHERE ${where}`;
    const [page] = await Promise.all([
      this.o.pool.query<{ id: string }>(
        `SELECT c.*, g.name AS org_name, g.path AS org_path ${from} ORDER BY c.updated_at DESC, c.id DESC LIMIT ${limit} OFFSET ${offset}`,
        params,
      ),
      this.o.pool.query(`SELECT count(*) ${from}`, params),
    ]);
    const ids = page.rows.map((r) => r.id);
    if (ids.length === 0) return;
    await Promise.all([
      this.o.pool.query('SELECT * FROM case_deadlines WHERE case_id = ANY($1)', [ids]),
      this.o.pool.query(
        `SELECT co.case_id, o.name FROM case_officers co JOIN officers o ON o.id = co.officer_id WHERE co.case_id = ANY($1) AND co.role = 'lead'`,
        [ids],
      ),
    ]);
  }

  private async workbench(me: LoadOfficer, squad: Squad, leader: boolean): Promise<void> {
    const mine = leader ? '' : ' AND EXISTS (SELECT 1 FROM case_officers o WHERE o.case_id = c.id AND o.officer_id = $3)';
    await this.pageOf(`g.path LIKE $1 AND c.state = ANY($2)${mine}`, [`${squad.path}%`, ACTIVE, ...(leader ? [] : [me.id])], 200, 0);
  }

  private async list(squad: Squad, me: LoadOfficer, random: () => number): Promise<void> {
    const params: unknown[] = [`${squad.path}%`];
    const where = ['g.path LIKE $1'];
    const add = (clause: (n: number) => string, v: unknown) => {
      params.push(v);
      where.push(clause(params.length));
    };
    if (random() < 0.25) add((n) => `c.state = $${n}`, ACTIVE[Math.floor(random() * ACTIVE.length)]);
    if (random() < 0.2) add((n) => `c.procedure = $${n}`, random() < 0.5 ? 'ordinary' : 'summary');
    if (random() < 0.3) add((n) => `EXISTS (SELECT 1 FROM case_officers o WHERE o.case_id = c.id AND o.officer_id = $${n})`, me.id);
    if (random() < 0.1) add((n) => `c.has_overdue = $${n}`, true);
    if (random() < 0.2) {
      const today = this.o.today();
      add((n) => `c.discovered_on >= $${n}`, `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`);
      add((n) => `c.discovered_on <= $${n}`, today);
    }
    if (random() < 0.1) add((n) => `(c.case_number ILIKE $${n} OR c.party_name ILIKE $${n} OR c.location ILIKE $${n})`, '%王%');
    const pageSize = random() < 0.5 ? 20 : 50;
    await this.pageOf(where.join(' AND '), params, pageSize, Math.floor(random() * 3) * pageSize);
  }

  private async readCase(id: string): Promise<void> {
    const c = await this.o.pool.query<{ party_id: string }>(
      'SELECT c.*, g.name AS org_name, g.path AS org_path FROM cases c JOIN orgs g ON g.id = c.org_id WHERE c.id = $1',
      [id],
    );
    const row = c.rows[0];
    if (!row) return;
    const officers = await this.o.pool.query<{ officer_id: string }>('SELECT officer_id, role FROM case_officers WHERE case_id = $1', [id]);
    const officerIds = officers.rows.map((o) => o.officer_id);
    await Promise.all([
      this.o.pool.query('SELECT * FROM parties WHERE id = $1', [row.party_id]),
      this.o.pool.query('SELECT o.id, o.name, o.active, g.path FROM officers o JOIN orgs g ON g.id = o.org_id WHERE o.id = ANY($1)', [
        officerIds,
      ]),
      this.o.pool.query('SELECT officer_id, number, domains, valid_from, valid_to, revoked FROM credentials WHERE officer_id = ANY($1)', [
        officerIds,
      ]),
      this.o.pool.query(
        'SELECT e.*, o.name AS actor_name FROM case_events e LEFT JOIN officers o ON o.id = e.actor_id WHERE e.case_id = $1 ORDER BY e.seq',
        [id],
      ),
      this.o.pool.query('SELECT * FROM case_evidence WHERE case_id = $1 ORDER BY created_at', [id]),
      this.o.pool.query('SELECT * FROM case_records WHERE case_id = $1 ORDER BY recorded_on', [id]),
      this.o.pool.query('SELECT * FROM case_documents WHERE case_id = $1 ORDER BY issued_on', [id]),
      this.o.pool.query('SELECT * FROM case_deadlines WHERE case_id = $1', [id]),
    ]);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Writes

  private async audit(c: pg.PoolClient, me: LoadOfficer, bureauId: string, action: string, entityId: string, data: object) {
    await c.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const last = await c.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    const seq = Number(last.rows[0]?.seq ?? 0) + 1;
    const prev = last.rows[0]?.hash ?? GENESIS_HASH;
    const row = {
      seq,
      id: this.newId(),
      at: new Date().toISOString(),
      actorId: me.id,
      bureauId,
      action,
      entityType: 'case',
      entityId,
      data,
      ip: '127.0.0.1',
      correlationId: null,
      hashVersion: CURRENT_AUDIT_HASH_VERSION,
    };
    const hash = auditRowHash(prev, row, sm3Hex);
    await c.query(
      `INSERT INTO audit_log (seq, id, at, actor_id, bureau_id, action, entity_type, entity_id, data, ip, correlation_id, hash_version, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [seq, row.id, row.at, me.id, bureauId, action, 'case', entityId, JSON.stringify(data), row.ip, null, row.hashVersion, prev, hash],
    );
  }

  private async event(
    c: pg.PoolClient,
    me: LoadOfficer,
    caseId: string,
    bureauId: string,
    action: string,
    from: string | null,
    to: string | null,
    version: number | null,
  ) {
    const id = this.newId();
    await c.query(
      `INSERT INTO case_events (id, case_id, bureau_id, action, from_state, to_state, legal_date, at, actor_id, version, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now(), $8, $9, $10)`,
      [id, caseId, bureauId, action, from, to, this.o.today(), me.id, version, JSON.stringify({ date: this.o.today() })],
    );
    return id;
  }

  private async deadline(c: pg.PoolClient, caseId: string, squad: { bureauId: string; orgId: string }, kind: string) {
    await c.query(
      `INSERT INTO case_deadlines (case_id, kind, bureau_id, org_id, due_date, basis, state, holder)
       VALUES ($1, $2, $3, $4, $5, '{"ruleId":"E4"}'::jsonb, 'running', 'agency')
       ON CONFLICT (case_id, kind) DO UPDATE SET due_date = excluded.due_date, state = excluded.state`,
      [caseId, kind, squad.bureauId, squad.orgId, this.o.today()],
    );
  }

  private async newCase(c: pg.PoolClient, me: LoadOfficer, squad: Squad, procedure: string, state: string, random: () => number) {
    const partyId = this.newId();
    const caseId = this.newId();
    const first17 = `310115${1960 + Math.floor(random() * 40)}0${1 + Math.floor(random() * 9)}1${Math.floor(random() * 10)}${String(Math.floor(random() * 1000)).padStart(3, '0')}`;
    await c.query(
      `INSERT INTO parties (id, bureau_id, type, name, id_type, id_number) VALUES ($1, $2, 'natural_person', '王明', 'id_card', $3)`,
      [partyId, squad.bureauId, `${first17}${idNumberCheckDigit(first17)}-${partyId.slice(-6)}`],
    );
    await c.query(
      `INSERT INTO cases (id, bureau_id, org_id, procedure, state, source, offence_code, offence_name, party_id, party_type, party_name,
                          act_id, act_date, location, facts, discovered_on, snapshot)
       VALUES ($1, $2, $3, $4, $5, 'patrol', 'SH-LJ-57-4', '未分类驳运生活垃圾', $6, 'natural_person', '王明', $9, $7, '陆家嘴环路 1 号',
               '管理责任人未将分类投放的生活垃圾分类驳运。', $7, $8::jsonb)`,
      [caseId, squad.bureauId, squad.orgId, procedure, state, partyId, this.o.today(), this.snapshot, caseId],
    );
    await c.query(`INSERT INTO case_officers (case_id, officer_id, role) VALUES ($1, $2, 'lead'), ($1, $3, 'assist')`, [
      caseId,
      me.id,
      me.partnerId,
    ]);
    this.made.cases.push(caseId);
    this.made.parties.push(partyId);
    return caseId;
  }

  private async register(me: LoadOfficer, squad: Squad, random: () => number): Promise<Own> {
    return this.tx(async (c) => {
      const id = await this.newCase(c, me, squad, 'ordinary', 'registered', random);
      await this.event(c, me, id, squad.bureauId, 'register', null, 'registered', 1);
      await this.deadline(c, id, squad, 'filing');
      await this.audit(c, me, squad.bureauId, 'case.register', id, { offenceCode: 'SH-LJ-57-4' });
      return { id, version: 1, step: 0, bureauId: squad.bureauId, orgId: squad.orgId };
    });
  }

  private async lockAt(c: pg.PoolClient, own: Own): Promise<void> {
    const r = await c.query('SELECT id FROM cases WHERE id = $1 AND version = $2 FOR UPDATE', [own.id, own.version]);
    if (r.rowCount !== 1) throw new Error(`case ${own.id} is not at version ${own.version}`);
  }

  private async step(me: LoadOfficer, own: Own): Promise<void> {
    const s = PATH[own.step]!;
    await this.tx(async (c) => {
      await this.lockAt(c, own);
      await c.query(`UPDATE cases SET state = $2, version = version + 1, snapshot = $3::jsonb, updated_at = now() WHERE id = $1`, [
        own.id,
        s.to,
        this.snapshot,
      ]);
      const eventId = await this.event(
        c,
        me,
        own.id,
        own.bureauId,
        s.action,
        PATH[own.step - 1]?.to ?? 'registered',
        s.to,
        own.version + 1,
      );
      if (s.writes === 'inspection' || s.writes === 'questioning') {
        await c.query(
          `INSERT INTO case_records (id, case_id, bureau_id, event_id, kind, recorded_on, officer_ids, credentials_shown, officers_signed, party_signed, witness_signed)
           VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], true, true, true, false)`,
          [this.newId(), own.id, own.bureauId, eventId, s.writes, this.o.today(), [me.id, me.partnerId]],
        );
      } else if (s.writes) {
        const n = await c.query<{ last_value: number }>(
          `INSERT INTO doc_number_sequences (bureau_id, year, doc_type, last_value) VALUES ($1, $2, $3, 1)
           ON CONFLICT (bureau_id, year, doc_type) DO UPDATE SET last_value = doc_number_sequences.last_value + 1 RETURNING last_value`,
          [own.bureauId, Number(this.o.today().slice(0, 4)), `ceiling-${s.writes}`],
        );
        await c.query(
          `INSERT INTO case_documents (id, case_id, bureau_id, event_id, doc_type, number, issued_on) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            this.newId(),
            own.id,
            own.bureauId,
            eventId,
            s.writes,
            `基线${own.bureauId.slice(0, 4)}〔${n.rows[0]!.last_value}〕`,
            this.o.today(),
          ],
        );
      }
      await this.deadline(c, own.id, own, 'decision');
      await this.audit(c, me, own.bureauId, `case.${s.action}`, own.id, { date: this.o.today() });
    });
    own.version += 1;
    own.step += 1;
  }

  private async upload(me: LoadOfficer, squad: Squad, random: () => number): Promise<string> {
    const bytes = Buffer.from(`ceiling ${me.username} ${random()}`);
    const hash = sm3Hex(bytes);
    // As the platform's file store: written under a temporary name, then renamed to its hash. Synchronously: with the
    // embedded engine in this process, its queries keep the event loop busy and an asynchronous write waits seconds.
    const tmp = path.join(this.filesDir, `${hash}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, path.join(this.filesDir, hash));
    await this.o.pool.query(
      `INSERT INTO files (sm3, size, mime, bureau_id, created_by) VALUES ($1, $2, 'image/jpeg', $3, $4) ON CONFLICT (sm3) DO NOTHING`,
      [hash, bytes.length, squad.bureauId, me.id],
    );
    this.made.files.push(hash);
    return hash;
  }

  private async ticket(me: LoadOfficer, squad: Squad, photo: string, random: () => number): Promise<void> {
    await this.tx(async (c) => {
      await c.query('UPDATE summary_ticket_ranges SET next_number = next_number + 1 WHERE id = $1 RETURNING next_number', [
        this.range.get(squad.orgId),
      ]);
      const id = await this.newCase(c, me, squad, 'summary', 'summary_decided', random);
      await this.event(c, me, id, squad.bureauId, 'register', null, 'summary_draft', 1);
      const ev = await this.event(c, me, id, squad.bureauId, 'addEvidence', 'summary_draft', 'summary_draft', 2);
      await c.query(
        `INSERT INTO case_evidence (id, case_id, bureau_id, event_id, evidence_type, title, file_sm3, size, mime, collected_on)
         VALUES ($1, $2, $3, $4, 'audio_visual', '现场照片', $5, 11, 'image/jpeg', $6)`,
        [this.newId(), id, squad.bureauId, ev, photo, this.o.today()],
      );
      const dec = await this.event(c, me, id, squad.bureauId, 'issueSummaryDecision', 'summary_draft', 'summary_decided', 3);
      await c.query(
        `INSERT INTO case_documents (id, case_id, bureau_id, event_id, doc_type, number, issued_on) VALUES ($1, $2, $3, $4, 'summary_decision', $5, $6)`,
        [this.newId(), id, squad.bureauId, dec, `基线当罚${id.slice(-8)}`, this.o.today()],
      );
      await this.deadline(c, id, squad, 'payment');
      await this.audit(c, me, squad.bureauId, 'case.summary', id, { fineFen: 10_000 });
    });
  }

  private async evidence(me: LoadOfficer, own: Own, sm3Hash: string): Promise<void> {
    await this.tx(async (c) => {
      await this.lockAt(c, own);
      await c.query('UPDATE cases SET version = version + 1, snapshot = $2::jsonb, updated_at = now() WHERE id = $1', [
        own.id,
        this.snapshot,
      ]);
      const ev = await this.event(c, me, own.id, own.bureauId, 'addEvidence', null, null, own.version + 1);
      await c.query(
        `INSERT INTO case_evidence (id, case_id, bureau_id, event_id, evidence_type, title, file_sm3, size, mime, collected_on)
         VALUES ($1, $2, $3, $4, 'audio_visual', '现场照片', $5, 11, 'image/jpeg', $6)`,
        [this.newId(), own.id, own.bureauId, ev, sm3Hash, this.o.today()],
      );
      await this.audit(c, me, own.bureauId, 'case.addEvidence', own.id, { fileSm3: sm3Hash });
    });
    own.version += 1;
  }

  /** Deletes the cases, parties, files and ranges the ceiling made (its audit rows stay in the chain). */
  async cleanUp(): Promise<void> {
    await this.o.pool.query('DELETE FROM cases WHERE id = ANY($1)', [this.made.cases]);
    await this.o.pool.query('DELETE FROM parties WHERE id = ANY($1)', [this.made.parties]);
    await this.o.pool.query(
      'DELETE FROM files f WHERE sm3 = ANY($1) AND NOT EXISTS (SELECT 1 FROM case_evidence e WHERE e.file_sm3 = f.sm3)',
      [this.made.files],
    );
    await this.o.pool.query('DELETE FROM summary_ticket_ranges WHERE id = ANY($1)', [[...this.range.values()]]);
    fs.rmSync(this.filesDir, { recursive: true, force: true });
  }
}
