import { LEGAL_CONFIG_KEYS, type LegalConfigBody, type LegalConfigOverview, type LegalConfigValues } from '@chengguan/contracts';
import type { LegalConfig, VerificationMark } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { assertCityWideWrite } from '../law.access.ts';
import { DEFAULTS_EFFECTIVE_FROM, loadConfigVersions, type StoredConfig, toConfigVersion, valuesOf, versionOn } from '../law-config.ts';
import { insertConfigVersion } from '../law-settings.repository.ts';
import { SHANGHAI_DEFAULTS } from '@chengguan/domain';

function overview(versions: StoredConfig[], on: string): LegalConfigOverview {
  const list =
    versions.length > 0
      ? versions
      : [
          {
            id: '00000000-0000-7000-8000-000000000000',
            effectiveFrom: DEFAULTS_EFFECTIVE_FROM,
            config: SHANGHAI_DEFAULTS,
            note: '上海市默认值',
            createdAt: new Date(0),
            createdByName: null,
          },
        ];
  const dtos = list.map((v, i) => toConfigVersion(v, list[i + 1]));
  const current = versionOn(list, on)!;
  return { on, current: dtos[list.indexOf(current)]!, versions: dtos };
}

/** The configuration in force on a date (default today) and every version, each value with its source and mark. */
export async function getLegalConfig(deps: Deps, actor: Actor, on?: string): Promise<LegalConfigOverview> {
  assertPermission(actor, 'law:read');
  const day = on ?? shanghaiDate(deps.clock.now());
  return overview(await loadConfigVersions(deps.db), day);
}

/**
 * A new version from `effectiveFrom` (today or later: cases already decided keep the version they were judged
 * by). Values not given are copied from the version in force that day; a changed value without a source is
 * marked U with the administrator as its source.
 */
export async function createLegalConfigVersion(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: LegalConfigBody,
): Promise<LegalConfigOverview> {
  assertCityWideWrite(actor, 'config:write');
  const today = shanghaiDate(deps.clock.now());
  if (body.effectiveFrom < today)
    throw fieldError(
      'effectiveFrom',
      `新版本不能追溯生效（早于今天 ${today}）`,
      `a new version cannot take effect before today (${today})`,
    );
  const given = Object.entries(body.values).filter(([k, v]) => v !== undefined && (LEGAL_CONFIG_KEYS as string[]).includes(k)) as [
    keyof LegalConfigValues,
    unknown,
  ][];
  if (given.length === 0) throw fieldError('values', '至少修改一项配置', 'change at least one value');
  for (const key of Object.keys(body.sources ?? {})) {
    if (!(LEGAL_CONFIG_KEYS as string[]).includes(key)) throw fieldError(`sources.${key}`, '未知的配置项', 'unknown configuration key');
  }
  return deps.db.transaction().execute(async (trx) => {
    const versions = await loadConfigVersions(trx);
    if (versions.some((v) => v.effectiveFrom === body.effectiveFrom)) {
      throw new AppError('DUPLICATE', {
        field: 'effectiveFrom',
        message: `effectiveFrom：${body.effectiveFrom} 已有配置版本`,
        messageEn: `effectiveFrom: a version already starts on ${body.effectiveFrom}`,
      });
    }
    const base = versionOn(versions, body.effectiveFrom)?.config ?? SHANGHAI_DEFAULTS;
    const sources = { ...base.sources };
    const values = { ...valuesOf(base) } as Record<string, unknown>;
    for (const [key, value] of given) {
      values[key] = value;
      const src = body.sources?.[key];
      sources[key] = src
        ? { mark: src.mark as VerificationMark, source: src.source }
        : { mark: 'U', source: `管理员设置（${actor.name}，${today}）` };
    }
    const config = { ...(values as LegalConfigValues), sources } as LegalConfig;
    const id = deps.newId();
    await insertConfigVersion(trx, {
      id,
      effective_from: body.effectiveFrom,
      config: JSON.stringify(config),
      note: body.note.trim(),
      created_by: actor.id,
    });
    await recordAudit(trx, deps, actor, meta, {
      action: 'law.config.create',
      entityType: 'law.config',
      entityId: id,
      data: { effectiveFrom: body.effectiveFrom, changed: Object.fromEntries(given), note: body.note },
    });
    return overview(await loadConfigVersions(trx), today);
  });
}
