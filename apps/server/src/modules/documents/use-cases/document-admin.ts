// Administration of documents, without code changes: templates (city default by the 市局 administrator, a
// bureau's override by that bureau's administrator), versioned (a save or a revert is a new version), checked on
// save (unknown placeholders, statutory contents); and the bureau's names, seal and leader's signature.
import {
  DOCUMENT_KIND_TITLES,
  DOCUMENT_KINDS,
  type DocumentKind,
  type DocumentSettings,
  type DocumentSettingsBody,
  type DocumentTemplateBody,
  type PreviewTemplateBody,
  type RevertTemplateBody,
  type SaveTemplateBody,
  type TemplateDetail,
  type TemplateList,
  type TemplateScopeQuery,
  type TemplateSummary,
  type TemplateVersion,
} from '@chengguan/contracts';
import {
  BUREAU_KINDS,
  DEFAULT_TEMPLATES,
  DOCUMENT_FIELDS,
  formatCitationZh,
  missingTemplateContents,
  renderTemplate,
  requiredItemsOf,
  reviewBodyName,
  sampleDocumentData,
  validateTemplate,
} from '@chengguan/domain';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { decidingBodyOf, inJurisdiction, loadCaseOrFail } from '../../cases/index.ts';
import { addHolder, findFile, heldBy, readStoredFileOrFail, storeFile } from '../../files/index.ts';
import { findOrg, type OrgRow } from '../../org/index.ts';
import { defaultAgencyName } from '../document-data.ts';
import { keyFingerprint } from '../document-signing.ts';
import { effectiveTemplate } from '../document-templates.ts';
import {
  findKey,
  findSettings,
  insertTemplate,
  latestTemplatesOf,
  lockTemplate,
  type TemplateRow,
  templateVersions,
  upsertSettings,
} from '../documents.repository.ts';
import { prepareCaseDocument, sealImages } from '../issue-document.ts';
import { renderPdf } from '../pdf/render-pdf.ts';

const isCityUser = (actor: Actor) => actor.jurisdictionPath.split('/').filter(Boolean).length === 1;

/** The bureau an administrator acts for: his own, or (city administrator) any bureau in his jurisdiction. */
async function targetBureauOrFail(db: Executor, actor: Actor, bureauId: string | undefined): Promise<OrgRow> {
  const id = bureauId ?? actor.bureauId ?? actor.orgId;
  const org = await findOrg(db, id);
  if (!org || !inJurisdiction(actor, org.path)) throw new AppError('NOT_FOUND');
  if (!(BUREAU_KINDS as ReadonlySet<string>).has(org.kind)) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'bureauId',
      message: 'bureauId：只能为区局、市局或专业执法单位设置',
      messageEn: 'bureauId: must be a bureau (district, city or special unit)',
      details: [{ field: 'bureauId', message: '不是执法局', messageEn: 'not a bureau' }],
    });
  }
  if (!isCityUser(actor) && org.id !== actor.bureauId) throw new AppError('FORBIDDEN');
  return org;
}

/** scope city: the 市局 administrator only; scope bureau: that bureau's administrator (or the city's). */
async function scopeOrFail(db: Executor, actor: Actor, scope: 'city' | 'bureau', bureauId: string | undefined): Promise<string | null> {
  assertPermission(actor, 'document:admin');
  if (scope === 'city') {
    if (!isCityUser(actor)) {
      throw new AppError('FORBIDDEN', {
        message: '市级默认文书模板由市局管理员维护；区局可在本局范围内另存覆盖版本',
        messageEn: 'The city default templates are maintained by the city bureau; a district may save its own override',
      });
    }
    return null;
  }
  return (await targetBureauOrFail(db, actor, bureauId)).id;
}

const toVersion = (r: TemplateRow): TemplateVersion => ({
  version: r.version,
  scope: r.bureau_id ? 'bureau' : 'city',
  bureauId: r.bureau_id,
  body: (r.body as DocumentTemplateBody | null) ?? null,
  note: r.note,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
});

const builtinVersion = (kind: DocumentKind): TemplateVersion => ({
  version: 0,
  scope: 'city',
  bureauId: null,
  body: DEFAULT_TEMPLATES[kind],
  note: '内置默认模板',
  createdBy: null,
  createdAt: null,
});

export async function listTemplates(deps: Deps, actor: Actor, q: TemplateScopeQuery): Promise<TemplateList> {
  assertPermission(actor, 'document:admin');
  const bureauId = isCityUser(actor) && !q.bureauId ? null : (await targetBureauOrFail(deps.db, actor, q.bureauId)).id;
  const [city, own] = await Promise.all([latestTemplatesOf(deps.db, null), bureauId ? latestTemplatesOf(deps.db, bureauId) : []]);
  const items = DOCUMENT_KINDS.map((kind): TemplateSummary => {
    const c = city.find((r) => r.kind === kind);
    const b = own.find((r) => r.kind === kind);
    const effective: TemplateSummary['effective'] = b?.body ? 'bureau' : c ? 'city' : 'builtin';
    const latest = [b, c].filter((r): r is TemplateRow => !!r).sort((x, y) => +new Date(y.created_at) - +new Date(x.created_at))[0];
    return {
      kind,
      title: DOCUMENT_KIND_TITLES[kind].zh,
      titleEn: DOCUMENT_KIND_TITLES[kind].en,
      effective,
      cityVersion: c?.version ?? 0,
      bureauVersion: b?.version ?? null,
      updatedAt: latest ? new Date(latest.created_at).toISOString() : null,
    };
  });
  return { canEditCity: isCityUser(actor), bureauId, items };
}

export async function getTemplate(deps: Deps, actor: Actor, kind: DocumentKind, q: TemplateScopeQuery): Promise<TemplateDetail> {
  const scope = q.scope ?? (isCityUser(actor) && !q.bureauId ? 'city' : 'bureau');
  const bureauId = await scopeOrFail(deps.db, actor, scope, q.bureauId);
  const versions = (await templateVersions(deps.db, kind, bureauId)).map(toVersion);
  let current: TemplateVersion;
  if (versions[0]?.body) current = versions[0];
  else {
    const eff = await effectiveTemplate(deps.db, kind, null);
    current = eff.scope === 'builtin' ? builtinVersion(kind) : (await templateVersions(deps.db, kind, null)).map(toVersion)[0]!;
  }
  return {
    kind,
    scope,
    bureauId,
    current,
    versions: scope === 'city' ? [...versions, builtinVersion(kind)] : versions,
    builtin: DEFAULT_TEMPLATES[kind],
    placeholders: Object.entries(DOCUMENT_FIELDS).map(([path, f]) => ({ path, label: f.label, kind: f.type })),
    required: requiredItemsOf(kind),
  };
}

/** 400 naming the placeholder (unknown path, bad syntax) or the statutory item the template leaves out. */
export function assertValidTemplate(kind: DocumentKind, body: DocumentTemplateBody): void {
  const problems = validateTemplate(body);
  if (problems.length > 0) {
    const p = problems[0]!;
    throw new AppError('VALIDATION_FAILED', {
      field: `template.${p.field}`,
      message: `template.${p.field}：${p.messageZh}`,
      messageEn: `template.${p.field}: ${p.messageEn}`,
      details: problems.map((x) => ({ field: `template.${x.field}`, message: x.messageZh, messageEn: x.messageEn })),
    });
  }
  const missing = missingTemplateContents(kind, body);
  if (missing.length > 0) {
    const m = missing[0]!;
    throw new AppError('VALIDATION_FAILED', {
      field: 'template.blocks',
      rule: `${m.ruleId} ${m.article}`,
      message: `文书模板缺少法定内容 {{${m.path}}}：${m.textZh}，请在模板中加入（依据${formatCitationZh(m.article)}）`,
      messageEn: `template.blocks: the template lacks the required item {{${m.path}}} (${m.ruleId}, ${m.article}: ${m.textEn})`,
      details: missing.map((x) => ({
        field: 'template.blocks',
        message: `{{${x.path}}} ${x.textZh}（依据${formatCitationZh(x.article)}）`,
        messageEn: `${x.ruleId} ${x.article}: {{${x.path}}} ${x.textEn}`,
      })),
    });
  }
}

async function nextVersion(db: Executor, kind: DocumentKind, bureauId: string | null): Promise<number> {
  const rows = await templateVersions(db, kind, bureauId);
  return (rows[0]?.version ?? 0) + 1;
}

export async function saveTemplate(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  kind: DocumentKind,
  body: SaveTemplateBody,
): Promise<TemplateDetail> {
  const bureauId = await scopeOrFail(deps.db, actor, body.scope, body.bureauId);
  assertValidTemplate(kind, body.template);
  await deps.db.transaction().execute(async (trx) => {
    await lockTemplate(trx, kind, bureauId);
    const version = await nextVersion(trx, kind, bureauId);
    await insertTemplate(trx, {
      id: deps.newId(),
      bureau_id: bureauId,
      kind,
      version,
      body: JSON.stringify(body.template),
      note: body.note ?? null,
      created_by: actor.id,
    });
    await recordAudit(trx, deps, actor, meta, {
      action: 'document.template.save',
      entityType: 'document_template',
      entityId: null,
      bureauId: bureauId ?? actor.bureauId,
      data: { kind, scope: body.scope, bureauId, version, note: body.note ?? null },
    });
  });
  return getTemplate(deps, actor, kind, { scope: body.scope, ...(body.bureauId ? { bureauId: body.bureauId } : {}) });
}

/** A revert is a new version: the chosen old body, or (no version) the built-in (city) / the city default (bureau). */
export async function revertTemplate(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  kind: DocumentKind,
  body: RevertTemplateBody,
): Promise<TemplateDetail> {
  const bureauId = await scopeOrFail(deps.db, actor, body.scope, body.bureauId);
  await deps.db.transaction().execute(async (trx) => {
    await lockTemplate(trx, kind, bureauId);
    const versions = await templateVersions(trx, kind, bureauId);
    let restored: DocumentTemplateBody | null;
    if (body.toVersion !== undefined) {
      const v = versions.find((r) => r.version === body.toVersion);
      if (!v) {
        throw new AppError('VALIDATION_FAILED', {
          field: 'toVersion',
          message: `toVersion：版本 ${body.toVersion} 不存在`,
          messageEn: `toVersion: there is no version ${body.toVersion}`,
          details: [{ field: 'toVersion', message: '版本不存在', messageEn: 'no such version' }],
        });
      }
      restored = (v.body as DocumentTemplateBody | null) ?? null;
    } else restored = bureauId ? null : DEFAULT_TEMPLATES[kind];
    const version = (versions[0]?.version ?? 0) + 1;
    await insertTemplate(trx, {
      id: deps.newId(),
      bureau_id: bureauId,
      kind,
      version,
      body: restored === null ? null : JSON.stringify(restored),
      note:
        body.toVersion !== undefined
          ? `恢复至版本 ${body.toVersion}`
          : bureauId
            ? '撤销本局覆盖，恢复使用市级默认模板'
            : '恢复内置默认模板',
      created_by: actor.id,
    });
    await recordAudit(trx, deps, actor, meta, {
      action: 'document.template.revert',
      entityType: 'document_template',
      entityId: null,
      bureauId: bureauId ?? actor.bureauId,
      data: { kind, scope: body.scope, bureauId, version, toVersion: body.toVersion ?? null },
    });
  });
  return getTemplate(deps, actor, kind, { scope: body.scope, ...(body.bureauId ? { bureauId: body.bureauId } : {}) });
}

/** 「样稿」 PDF of a template (the one given, or the one in force) with sample data or a real case's; not stored. */
export async function previewTemplate(deps: Deps, actor: Actor, kind: DocumentKind, body: PreviewTemplateBody): Promise<Buffer> {
  assertPermission(actor, 'document:admin');
  const bureau = await targetBureauOrFail(deps.db, actor, body.bureauId);
  const template = body.template ?? (await effectiveTemplate(deps.db, kind, bureau.id)).body;
  const problems = validateTemplate(template);
  if (problems.length > 0) assertValidTemplate(kind, template);
  if (body.caseId) {
    const loaded = await loadCaseOrFail(deps, deps.db, actor, body.caseId);
    // The real case's data, this template: prepare with the case, then re-render with the given template.
    const doc = await prepareCaseDocument(deps.db, deps, loaded, {
      caseId: body.caseId,
      kind,
      id: '00000000-0000-0000-0000-000000000000',
      verify: null,
      watermark: '样稿',
      allocate: false,
      templateOverride: template,
      skipRequiredCheck: true,
    });
    return doc.pdf.bytes;
  }
  const settings = await findSettings(deps.db, bureau.id);
  const agency = settings?.agency_name || defaultAgencyName(bureau.name);
  const data = sampleDocumentData(agency, reviewBodyName(decidingBodyOf(bureau)));
  const images = await sealImages(deps, deps.db, settings);
  const pdf = await renderPdf({
    document: renderTemplate(template, data),
    documentId: 'preview',
    agencyName: agency,
    number: data.doc.number,
    createdAt: deps.clock.now(),
    verify: null,
    seal: { png: images.seal, name: agency },
    leaderSignaturePng: images.signature,
    watermark: '样稿',
  });
  return pdf.bytes;
}

// ---------------------------------------------------------------------------------------------------------
// Seal, signature and the names printed

export async function getDocumentSettings(deps: Deps, actor: Actor, bureauId: string | undefined): Promise<DocumentSettings> {
  assertPermission(actor, 'document:admin');
  const bureau = await targetBureauOrFail(deps.db, actor, bureauId);
  const [s, key] = await Promise.all([findSettings(deps.db, bureau.id), findKey(deps.db, bureau.id)]);
  return {
    bureauId: bureau.id,
    bureauName: bureau.name,
    agencyName: s?.agency_name || defaultAgencyName(bureau.name),
    addressLine: s?.address_line ?? null,
    phoneLine: s?.phone_line ?? null,
    paymentMethod: s?.payment_method ?? null,
    sealSm3: s?.seal_sm3 ?? null,
    signatureSm3: s?.signature_sm3 ?? null,
    keyFingerprint: key ? keyFingerprint(key.public_key) : null,
    updatedAt: s ? new Date(s.updated_at).toISOString() : null,
  };
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A seal or signature must be a PNG the bureau uploaded itself (its hash alone gives no right to a file). */
async function assertPng(deps: Deps, bureauId: string, sm3: string | null | undefined, field: string): Promise<void> {
  if (!sm3) return;
  const [row, held] = await Promise.all([findFile(deps.db, sm3), heldBy(deps.db, [sm3], 'bureau', bureauId)]);
  if (!row || !held.has(sm3) || row.mime !== 'image/png') {
    throw new AppError('VALIDATION_FAILED', {
      field,
      message: `${field}：须为已上传的 PNG 图片`,
      messageEn: `${field}: must be an uploaded PNG image`,
      details: [{ field, message: '须为已上传的 PNG 图片', messageEn: 'must be an uploaded PNG image' }],
    });
  }
}

export async function saveDocumentSettings(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: DocumentSettingsBody,
): Promise<DocumentSettings> {
  assertPermission(actor, 'document:admin');
  const bureau = await targetBureauOrFail(deps.db, actor, body.bureauId);
  await assertPng(deps, bureau.id, body.sealSm3, 'sealSm3');
  await assertPng(deps, bureau.id, body.signatureSm3, 'signatureSm3');
  await deps.db.transaction().execute(async (trx) => {
    const before = await findSettings(trx, bureau.id);
    const next = {
      bureau_id: bureau.id,
      agency_name: body.agencyName.trim(),
      address_line: body.addressLine === undefined ? (before?.address_line ?? null) : body.addressLine,
      phone_line: body.phoneLine === undefined ? (before?.phone_line ?? null) : body.phoneLine,
      payment_method: body.paymentMethod === undefined ? (before?.payment_method ?? null) : body.paymentMethod,
      seal_sm3: body.sealSm3 === undefined ? (before?.seal_sm3 ?? null) : body.sealSm3,
      signature_sm3: body.signatureSm3 === undefined ? (before?.signature_sm3 ?? null) : body.signatureSm3,
      updated_by: actor.id,
    };
    await upsertSettings(trx, next);
    await recordAudit(trx, deps, actor, meta, {
      action: 'document.settings.save',
      entityType: 'document_settings',
      entityId: bureau.id,
      bureauId: bureau.id,
      data: {
        agencyName: next.agency_name,
        sealSm3: next.seal_sm3,
        signatureSm3: next.signature_sm3,
        sealChanged: next.seal_sm3 !== (before?.seal_sm3 ?? null),
        signatureChanged: next.signature_sm3 !== (before?.signature_sm3 ?? null),
      },
    });
  });
  return getDocumentSettings(deps, actor, bureau.id);
}

/** A seal or signature PNG (≤ 2 MB) for the bureau's settings; returns its SM3 for DocumentSettingsBody. */
export async function uploadSettingsImage(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  bureauId: string | undefined,
  bytes: Buffer,
): Promise<{ sm3: string; size: number }> {
  assertPermission(actor, 'document:admin');
  const bureau = await targetBureauOrFail(deps.db, actor, bureauId);
  if (!bytes.subarray(0, 8).equals(PNG_MAGIC) || bytes.length > 2 * 1024 * 1024) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'body',
      message: 'body：请上传不超过 2 MB 的 PNG 图片（建议透明背景）',
      messageEn: 'body: upload a PNG image of at most 2 MB (transparent background recommended)',
      details: [{ field: 'body', message: '须为 PNG 图片', messageEn: 'must be a PNG image' }],
    });
  }
  const sm3 = await deps.db.transaction().execute(async (trx) => {
    const stored = await storeFile(deps, trx, { bytes, mime: 'image/png', bureauId: bureau.id, createdBy: actor.id });
    await addHolder(trx, stored, 'bureau', bureau.id);
    await recordAudit(trx, deps, actor, meta, {
      action: 'document.settings.image_upload',
      entityType: 'file',
      entityId: null,
      bureauId: bureau.id,
      data: { sm3: stored, size: bytes.length },
    });
    return stored;
  });
  return { sm3, size: bytes.length };
}

/**
 * The seal or signature image the settings of a bureau in the actor's jurisdiction refer to (the settings page shows
 * an upload not yet saved from the administrator's own copy). Any other hash is 404.
 */
export async function settingsImage(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  bureauId: string | undefined,
  sm3: string,
): Promise<Buffer> {
  assertPermission(actor, 'document:admin');
  const bureau = await targetBureauOrFail(deps.db, actor, bureauId);
  const settings = await findSettings(deps.db, bureau.id);
  if (!settings || (settings.seal_sm3 !== sm3 && settings.signature_sm3 !== sm3)) throw new AppError('NOT_FOUND');
  return readStoredFileOrFail(deps, sm3, { actor, meta, objectType: 'document_settings', objectId: bureau.id });
}
