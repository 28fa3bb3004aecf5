// Routes of 非现场执法 (docs/offsite.md). Public (the device's signature, not a user token): the intake. Authenticated,
// role × jurisdiction on every one: the scenes, the device register, the deliveries (refused ones with the reason), the
// review queue and its media, the simulator.
import { Type } from '@sinclair/typebox';
import {
  ConfirmOffsiteBody,
  CreateOffsiteDeviceBody,
  DismissOffsiteBody,
  ErrorBody,
  ExchangeHeaders,
  OffsiteConnector,
  OffsiteDelivery,
  OffsiteDeliveryListQuery,
  OffsiteDevice,
  OffsiteDeviceListQuery,
  OffsiteEventAnswer,
  OffsiteEventBody,
  OffsiteIdParams,
  OffsiteReviewDetail,
  OffsiteReviewListQuery,
  OffsiteReviewSummary,
  OffsiteScene,
  OffsiteSimulatorBody,
  OffsiteSimulatorResult,
  Page,
  SceneCodeParams,
  Sm3Hex,
  UpdateOffsiteDeviceBody,
  UpdateOffsiteSceneBody,
  Uuid,
  type OffsiteDeliveryListQuery as DeliveryQuery,
  type OffsiteDeviceListQuery as DeviceQuery,
  type OffsiteReviewListQuery as ReviewQuery,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { keepWritesOnRefusal } from '../../db/unit-of-work.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { listWithExportRoutes } from '../../http/xlsx.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { sendStoredFile } from '../files/index.ts';
import { createDevice, exportDevices, getDevice, listDevices, listScenes, updateDevice, updateScene } from './devices.ts';
import { INTAKE_PATH, receiveDeviceEvent } from './intake.ts';
import { listDeliveries, offsiteConnector } from './deliveries.ts';
import { confirmReview, dismissReview, exportReviews, getReview, getReviewMedia, listReviews } from './reviews.ts';
import { playSimulator } from './simulator.ts';

const TAGS = ['offsite'];
const ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export function publicOffsiteRoutes(app: RouteApp, deps: Deps): void {
  app.post(
    INTAKE_PATH,
    {
      bodyLimit: 12 * 1024 * 1024,
      schema: {
        tags: TAGS,
        summary: '非现场执法设备事件上报（验签、防重放；同一事件编号只受理一次；不予受理的说明规则）/ device event intake (signed)',
        security: [],
        headers: ExchangeHeaders,
        body: OffsiteEventBody,
        response: { 200: OffsiteEventAnswer, 400: ErrorBody, 401: ErrorBody, 422: OffsiteEventAnswer },
      },
    },
    async (request, reply) => {
      const a = await receiveDeviceEvent(deps, request.headers, request.body);
      // Nothing lost: the refused delivery and its reason stay although the answer is 422.
      if (a.result === 'refused') keepWritesOnRefusal();
      return reply.status(a.result === 'refused' ? 422 : 200).send(a);
    },
  );
}

export function offsiteRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/offsite/scenes',
    {
      schema: {
        tags: TAGS,
        summary: '非现场执法场景及对应违法行为 / off-site scenes',
        response: { 200: Type.Array(OffsiteScene), 403: ErrorBody },
      },
    },
    async (request) => listScenes(deps, actorOf(request)),
  );
  app.patch(
    '/api/v1/offsite/scenes/:code',
    {
      schema: {
        tags: TAGS,
        summary: '设置非现场执法场景（市局管理员：违法行为、浦东清单、合并时间窗）/ configure a scene',
        params: SceneCodeParams,
        body: UpdateOffsiteSceneBody,
        response: { 200: OffsiteScene, ...ERRORS },
      },
    },
    async (request) => updateScene(deps, actorOf(request), metaOf(request), request.params.code, request.body),
  );
  listWithExportRoutes<DeviceQuery>(app, {
    path: '/api/v1/offsite/devices',
    tags: TAGS,
    summary: '非现场执法设备台账（管辖范围；筛选、分页；A5 缺项）/ the device register',
    exportSummary: '导出设备台账（Excel）/ export the device register',
    filename: '非现场执法设备.xlsx',
    querystring: OffsiteDeviceListQuery,
    response: { 200: Page(OffsiteDevice), 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    list: (actor, q) => listDevices(deps, actor, q),
    exportXlsx: (actor, q) => exportDevices(deps, actor, q),
  });
  app.post(
    '/api/v1/offsite/devices',
    {
      schema: {
        tags: TAGS,
        summary: '登记设备（法制审核、社会公布、技术检定）/ register a device',
        body: CreateOffsiteDeviceBody,
        response: { 201: OffsiteDevice, ...ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await createDevice(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.get(
    '/api/v1/offsite/devices/:id',
    {
      schema: {
        tags: TAGS,
        summary: '设备（含 A5 缺项）/ a device',
        params: OffsiteIdParams,
        response: { 200: OffsiteDevice, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => getDevice(deps, actorOf(request), request.params.id),
  );
  app.patch(
    '/api/v1/offsite/devices/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改设备登记 / update a device',
        params: OffsiteIdParams,
        body: UpdateOffsiteDeviceBody,
        response: { 200: OffsiteDevice, ...ERRORS },
      },
    },
    async (request) => updateDevice(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/offsite/connector',
    {
      schema: {
        tags: TAGS,
        summary: '设备接入状态（是否模拟）/ the device connector',
        response: { 200: OffsiteConnector, 403: ErrorBody },
      },
    },
    async (request) => offsiteConnector(deps, actorOf(request)),
  );
  app.get(
    '/api/v1/offsite/deliveries',
    {
      schema: {
        tags: TAGS,
        summary: '设备上报记录（含不予受理及原因）/ deliveries from devices',
        querystring: OffsiteDeliveryListQuery,
        response: { 200: Page(OffsiteDelivery), 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => listDeliveries(deps, actorOf(request), request.query as DeliveryQuery),
  );
  app.post(
    '/api/v1/offsite/simulator/play',
    {
      schema: {
        tags: TAGS,
        summary: '模拟设备：按种子上报一批事件（经签名接口）/ simulator: play device events',
        body: OffsiteSimulatorBody,
        response: { 200: OffsiteSimulatorResult, ...ERRORS },
      },
    },
    async (request) => playSimulator(deps, actorOf(request), metaOf(request), request.body),
  );
  listWithExportRoutes<ReviewQuery>(app, {
    path: '/api/v1/offsite/reviews',
    tags: TAGS,
    summary: '非现场执法审核队列（二审合一；管辖范围；筛选、分页）/ the review queue',
    exportSummary: '导出审核队列（Excel）/ export the review queue',
    filename: '非现场执法审核.xlsx',
    querystring: OffsiteReviewListQuery,
    response: { 200: Page(OffsiteReviewSummary), 400: ErrorBody, 403: ErrorBody },
    list: (actor, q) => listReviews(deps, actor, q),
    exportXlsx: (actor, q) => exportReviews(deps, actor, q),
  });
  app.get(
    '/api/v1/offsite/reviews/:id',
    {
      schema: {
        tags: TAGS,
        summary: '审核事项（影像、设备 A5 状态、场景违法行为、合并的重复事件）/ a review item',
        params: OffsiteIdParams,
        response: { 200: OffsiteReviewDetail, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => getReview(deps, actorOf(request), request.params.id),
  );
  app.get(
    '/api/v1/offsite/reviews/:id/media/:sm3',
    {
      schema: {
        tags: TAGS,
        summary: '审核事项的图像或视频（读取时校验 SM3）/ an image or video of the item',
        params: Type.Object({ id: Uuid, sm3: Sm3Hex }),
        response: { 404: ErrorBody },
      },
    },
    async (request, reply) =>
      sendStoredFile(reply, await getReviewMedia(deps, actorOf(request), metaOf(request), request.params.id, request.params.sm3), {
        inline: true,
      }),
  );
  app.post(
    '/api/v1/offsite/reviews/:id/confirm',
    {
      schema: {
        tags: TAGS,
        summary: '确认违法：立案（来源非现场执法）、影像入证据、告知当事人 / confirm: register the case',
        params: OffsiteIdParams,
        body: ConfirmOffsiteBody,
        response: { 200: OffsiteReviewDetail, ...ERRORS },
      },
    },
    async (request) => confirmReview(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/offsite/reviews/:id/dismiss',
    {
      schema: {
        tags: TAGS,
        summary: '不予立案（说明理由）/ dismiss with a reason',
        params: OffsiteIdParams,
        body: DismissOffsiteBody,
        response: { 200: OffsiteReviewDetail, ...ERRORS },
      },
    },
    async (request) => dismissReview(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
}
