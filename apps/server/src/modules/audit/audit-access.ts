import type { Actor } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { assertPermission, isCityWide } from '../../shared/access.ts';

/**
 * The checkpoints speak for the whole installation's chain: they are listed, downloaded and written by the city
 * bureau's auditors (audit:verify with the whole tree as jurisdiction).
 */
export function assertCityAuditor(actor: Actor): void {
  assertPermission(actor, 'audit:verify');
  if (!isCityWide(actor)) {
    throw new AppError('FORBIDDEN', {
      message: '审计链锚点属于整个平台，由市局查看和管理',
      messageEn: 'The checkpoints of the audit chain belong to the whole platform and are kept by the city bureau',
    });
  }
}
