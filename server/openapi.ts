/**
 * Generates the OpenAPI 3.1 document from the zod schemas the routes validate with (zod's own
 * toJSONSchema, whose draft 2020-12 output is what OpenAPI 3.1 uses). Each operation below names the
 * schemas of its path, query and body; responses are described by their shape in docs/api.md and here
 * by their status codes and the one error schema.
 */
import { z } from 'zod';
import {
  createSchema as alertChannelCreateBody,
  deliveriesQuerySchema as alertChannelDeliveriesQuery,
  keySchema as alertChannelParams,
  patchSchema as alertChannelUpdateBody,
} from './alert-channels.routes.js';
import {
  idSchema as alertParams,
  listQuerySchema as alertsQuery,
  muteBodySchema as alertMuteBody,
} from './alerts.routes.js';
import type { ApiSchemas } from './api-schemas.js';

type JsonSchema = Record<string, unknown>;

interface OperationSpec {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Express-style path under /api/v1 (`/regions/:region/days/:date`). */
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  admin?: boolean;
  /** Content types of the 200 answer besides JSON. */
  produces?: string[];
  created?: boolean;
  noContent?: boolean;
}

export function listOperations(schemas: ApiSchemas): OperationSpec[] {
  return [
    {
      method: 'get',
      path: '/regions',
      summary: 'Regions with data',
      tag: 'tallies',
      query: schemas.regionsQuery,
    },
    {
      method: 'get',
      path: '/tallies',
      summary: 'Daily, weekly or monthly series for one or more regions',
      tag: 'tallies',
      query: schemas.talliesQuery,
    },
    {
      method: 'get',
      path: '/regions/:region/days/:date',
      summary: "One region's day: every window, communities, weapons, disagreements, provenance",
      tag: 'tallies',
      params: schemas.dayParams,
      query: schemas.dayQuery,
    },
    {
      method: 'get',
      path: '/communities',
      summary: 'Communities ranked over a period',
      tag: 'communities',
      query: schemas.communitiesQuery,
    },
    {
      method: 'get',
      path: '/communities/:code/tallies',
      summary: "One community's daily series",
      tag: 'communities',
      params: schemas.communityParams,
      query: schemas.communityTalliesQuery,
    },
    {
      method: 'get',
      path: '/reports',
      summary: 'Fetched reports and their extraction results, newest first',
      tag: 'reports',
      query: schemas.reportsQuery,
    },
    {
      method: 'get',
      path: '/briefings/:date',
      summary: 'The daily briefing',
      tag: 'briefings',
      params: schemas.briefingParams,
      query: schemas.briefingQuery,
      produces: ['text/csv', 'text/markdown', 'text/html', 'application/pdf'],
    },
    {
      method: 'get',
      path: '/sources',
      summary: 'Sources and their health',
      tag: 'sources',
      query: schemas.sourcesQuery,
    },
    {
      method: 'post',
      path: '/sources',
      summary: 'Add a source',
      tag: 'sources',
      body: schemas.sourceCreateBody,
      admin: true,
      created: true,
    },
    {
      method: 'patch',
      path: '/sources/:key',
      summary: 'Change a source',
      tag: 'sources',
      params: schemas.sourceParams,
      body: schemas.sourceUpdateBody,
      admin: true,
    },
    {
      method: 'post',
      path: '/jobs/:name/run',
      summary: 'Run a job now and wait for its summary',
      tag: 'jobs',
      params: schemas.jobParams,
      admin: true,
    },
    { method: 'get', path: '/alerts', summary: 'Alerts, filtered', tag: 'alerts', query: alertsQuery },
    { method: 'get', path: '/alerts/:id', summary: 'One alert', tag: 'alerts', params: alertParams },
    {
      method: 'post',
      path: '/alerts/:id/ack',
      summary: 'Acknowledge an alert',
      tag: 'alerts',
      params: alertParams,
      admin: true,
    },
    {
      method: 'post',
      path: '/alerts/:id/mute',
      summary: 'Mute an alert',
      tag: 'alerts',
      params: alertParams,
      body: alertMuteBody,
      admin: true,
    },
    {
      method: 'get',
      path: '/alert-channels',
      summary: 'Alert delivery channels',
      tag: 'alerts',
      admin: true,
    },
    {
      method: 'post',
      path: '/alert-channels',
      summary: 'Add an alert channel',
      tag: 'alerts',
      body: alertChannelCreateBody,
      admin: true,
      created: true,
    },
    {
      method: 'get',
      path: '/alert-channels/:key',
      summary: 'One alert channel',
      tag: 'alerts',
      params: alertChannelParams,
      admin: true,
    },
    {
      method: 'patch',
      path: '/alert-channels/:key',
      summary: 'Change an alert channel',
      tag: 'alerts',
      params: alertChannelParams,
      body: alertChannelUpdateBody,
      admin: true,
    },
    {
      method: 'delete',
      path: '/alert-channels/:key',
      summary: 'Remove an alert channel',
      tag: 'alerts',
      params: alertChannelParams,
      admin: true,
      noContent: true,
    },
    {
      method: 'get',
      path: '/alert-channels/:key/deliveries',
      summary: "A channel's delivery attempts",
      tag: 'alerts',
      params: alertChannelParams,
      query: alertChannelDeliveriesQuery,
      admin: true,
    },
  ];
}

function toJsonSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  delete json.$schema;
  return json;
}

function toParameters(schema: z.ZodType | undefined, location: 'path' | 'query'): JsonSchema[] {
  if (schema === undefined) return [];
  const json = toJsonSchema(schema);
  const properties = (json['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    const parameter: JsonSchema = {
      name,
      in: location,
      required: location === 'path' || (required.has(name) && rest['default'] === undefined),
      schema: rest,
    };
    if (typeof description === 'string') parameter['description'] = description;
    return parameter;
  });
}

const ERROR_RESPONSE = { $ref: '#/components/responses/Error' };

function toOperation(spec: OperationSpec): JsonSchema {
  const responses: Record<string, unknown> = {};
  const content: Record<string, unknown> = { 'application/json': { schema: { type: 'object' } } };
  for (const type of spec.produces ?? []) content[type] = { schema: { type: 'string' } };
  if (spec.noContent) responses['204'] = { description: 'Done' };
  else responses[spec.created ? '201' : '200'] = { description: 'OK', content };
  if (spec.method === 'get')
    responses['304'] = { description: 'Not modified (the If-None-Match ETag matches)' };
  responses['400'] = ERROR_RESPONSE;
  if (spec.admin) {
    responses['401'] = ERROR_RESPONSE;
    responses['403'] = ERROR_RESPONSE;
  }
  if (spec.path.includes(':')) responses['404'] = ERROR_RESPONSE;
  if (spec.method !== 'get') responses['409'] = ERROR_RESPONSE;
  if (spec.body) responses['413'] = ERROR_RESPONSE;
  responses['429'] = ERROR_RESPONSE;
  responses['503'] = ERROR_RESPONSE;

  const operation: JsonSchema = {
    operationId: `${spec.method}${spec.path.replace(/[/:](\w)/g, (_m, c: string) => c.toUpperCase()).replace(/\W/g, '')}`,
    summary: spec.summary,
    tags: [spec.tag],
    parameters: [...toParameters(spec.params, 'path'), ...toParameters(spec.query, 'query')],
    responses,
  };
  if (spec.body) {
    operation['requestBody'] = {
      required: true,
      content: { 'application/json': { schema: toJsonSchema(spec.body) } },
    };
  }
  if (spec.admin) operation['security'] = [{ adminKey: [] }];
  return operation;
}

/** `/regions/:region/days/:date` → `/api/v1/regions/{region}/days/{date}`. */
export function toOpenApiPath(path: string): string {
  return `/api/v1${path.replace(/:(\w+)/g, '{$1}')}`;
}

export function buildOpenApiDocument(schemas: ApiSchemas, version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of listOperations(schemas)) {
    const path = toOpenApiPath(spec.path);
    paths[path] = { ...paths[path], [spec.method]: toOperation(spec) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Strike-report tracker API',
      version,
      description:
        "Daily shelling tallies per Ukrainian region, Kyiv-local day and window, from the oblast administrations' reports. " +
        'A metric is {value, qualifier} or null when no source stated it; null is never 0. See docs/api.md.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: '/' }],
    tags: ['tallies', 'communities', 'reports', 'briefings', 'alerts', 'sources', 'jobs'].map((name) => ({
      name,
    })),
    paths,
    components: {
      securitySchemes: {
        adminKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'The ADMIN_API_KEY, as "Authorization: Bearer <key>".',
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', examples: ['VALIDATION_FAILED', 'NOT_FOUND', 'UNAUTHORIZED'] },
                message: { type: 'string' },
                details: {
                  description: 'For VALIDATION_FAILED: { issues: [{ parameter, in, reason, message }] }',
                },
              },
            },
          },
        },
      },
      responses: {
        Error: {
          description: 'An error, in the one error shape',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
  };
}
