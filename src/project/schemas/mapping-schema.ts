import type { SchemaObject } from 'ajv';
import { CANONICAL_COLUMNS } from '../types.js';

const eventList: SchemaObject = { type: 'array', items: { type: 'string' } };

/** The schema mapping (docs/metrics.md, "Canonical events"), inline in project.yml or in its own file. */
export const MAPPING_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['source', 'columns'],
  additionalProperties: false,
  properties: {
    source: {
      type: 'string',
      pattern: '^[^.\\s]+\\.[^.\\s]+$',
      description: 'a source table written <source>.<table>, such as ga4.events',
    },
    timezone: { type: 'string' },
    geo_level: { enum: ['auto', 'country', 'region'] },
    columns: {
      type: 'object',
      required: ['user_id', 'event_time', 'event_name'],
      additionalProperties: false,
      unknownKeyCode: 'E_MAPPING_UNKNOWN_COLUMN',
      unknownKeyWhat: 'canonical column',
      properties: Object.fromEntries(CANONICAL_COLUMNS.map((c) => [c, { type: 'string', minLength: 1, description: 'a column name or SQL expression' }])),
    },
    events: {
      type: 'object',
      additionalProperties: false,
      properties: {
        activity: {
          type: ['string', 'array'],
          items: { type: 'string' },
          pattern: '^all$',
          description: "'all' or a list of event names",
        },
        new_user: eventList,
        funnel: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'events'],
            additionalProperties: false,
            properties: {
              name: { type: 'string', minLength: 1, description: 'a non-empty step name' },
              events: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'a list of at least one event name' },
            },
          },
        },
        revenue_types: {
          type: 'object',
          additionalProperties: false,
          properties: { iap: eventList, ads: eventList, subscription: eventList },
        },
      },
    },
  },
};
