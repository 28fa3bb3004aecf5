import type { Actor } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Permission } from '../auth/index.ts';
import { assertPermission } from '../../shared/access.ts';

/**
 * The legal library, the working calendar and the legal configuration are city-wide reference data: the
 * 市城管执法局 sets the 裁量基准 (浦东非现场规定 Art. 17; 沪营商条例 Art. 72), so only users of the city bureau
 * (the root of the org tree) may change them. A district user with the same role gets 403: the action is
 * forbidden to him, no record is hidden.
 */
export function assertCityWideWrite(actor: Actor, permission: Permission): void {
  assertPermission(actor, permission);
  const depth = actor.jurisdictionPath.split('/').filter(Boolean).length;
  if (depth !== 1) {
    throw new AppError('FORBIDDEN', {
      message: '法制标准库、工作日历和法制配置由市局统一维护',
      messageEn: 'The legal library, calendar and configuration are maintained by the city bureau',
    });
  }
}
