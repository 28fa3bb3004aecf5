import { Type } from '@sinclair/typebox';
import {
  CalendarOverride,
  CalendarOverrideBody,
  CalendarQuery,
  CalendarYear,
  DeadlineBody,
  DeadlineResult,
  DiscretionBody,
  DiscretionResult,
  ErrorBody,
  IsoDate,
  LegalConfigBody,
  LegalConfigOverview,
  LegalConfigQuery,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { calculateDiscretionFor } from './use-cases/calculate-discretion.ts';
import { computeDeadline } from './use-cases/compute-deadline.ts';
import { getCalendarYear } from './use-cases/get-calendar-year.ts';
import { deleteCalendarOverride, setCalendarOverride } from './use-cases/calendar-overrides.ts';
import { createLegalConfigVersion, getLegalConfig } from './use-cases/legal-config.ts';
import type { RouteApp } from '../../platform/server-module.ts';

const DateParams = Type.Object({ date: IsoDate });

/** The discretion calculator, the deadline engine, the working calendar and the legal configuration. */
export function lawToolsRoutes(app: RouteApp, deps: Deps): void {
  app.post(
    '/api/v1/law/discretion',
    {
      schema: {
        tags: ['law'],
        summary: '裁量计算 / discretion calculator',
        body: DiscretionBody,
        response: { 200: DiscretionResult, 400: ErrorBody, 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (request) => calculateDiscretionFor(deps, actorOf(request), request.body),
  );
  app.post(
    '/api/v1/law/deadlines',
    {
      schema: {
        tags: ['law'],
        summary: '期限计算 / deadline engine',
        body: DeadlineBody,
        response: { 200: DeadlineResult, 400: ErrorBody },
      },
    },
    async (request) => computeDeadline(deps, actorOf(request), request.body),
  );
  app.get(
    '/api/v1/law/calendar',
    {
      schema: {
        tags: ['law'],
        summary: '工作日历 / working-day calendar',
        querystring: CalendarQuery,
        response: { 200: CalendarYear, 400: ErrorBody },
      },
    },
    async (request) => getCalendarYear(deps, actorOf(request), request.query.year),
  );
  app.put(
    '/api/v1/law/calendar/overrides/:date',
    {
      schema: {
        tags: ['law'],
        summary: '设置工作日历调整 / set a calendar override',
        params: DateParams,
        body: CalendarOverrideBody,
        response: { 200: CalendarOverride, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => setCalendarOverride(deps, actorOf(request), metaOf(request), request.params.date, request.body),
  );
  app.delete(
    '/api/v1/law/calendar/overrides/:date',
    {
      schema: {
        tags: ['law'],
        summary: '删除工作日历调整 / delete a calendar override',
        params: DateParams,
        response: { 204: Type.Null(), 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      await deleteCalendarOverride(deps, actorOf(request), metaOf(request), request.params.date);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/law/config',
    {
      schema: {
        tags: ['law'],
        summary: '法制配置 / legal configuration',
        querystring: LegalConfigQuery,
        response: { 200: LegalConfigOverview, 400: ErrorBody },
      },
    },
    async (request) => getLegalConfig(deps, actorOf(request), request.query.on),
  );
  app.post(
    '/api/v1/law/config',
    {
      schema: {
        tags: ['law'],
        summary: '新增法制配置版本 / new configuration version',
        body: LegalConfigBody,
        response: { 201: LegalConfigOverview, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => reply.status(201).send(await createLegalConfigVersion(deps, actorOf(request), metaOf(request), request.body)),
  );
}
