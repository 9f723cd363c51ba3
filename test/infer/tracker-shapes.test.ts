import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { infer } from '../../src/infer/run-infer.js';
import type { MappingProposal } from '../../src/plugins/plugin-api.js';
import { duckdb, projectWithSource } from './infer-harness.js';
import { AMPLITUDE_PARQUET, MIXPANEL_NDJSON, SEGMENT_NDJSON, SNOWPLOW_CSV } from './tracker-shapes.js';

/** Writes the data set with DuckDB into a project reading it as app.events; infers its mapping. */
async function inferShape(file: string, copySql: string): Promise<{ dir: string; proposal: MappingProposal }> {
  const dir = await projectWithSource(`data/${file}`);
  await mkdir(join(dir, 'data'), { recursive: true });
  await duckdb([copySql.replace('FILE', join(dir, 'data', file))]);
  const outcome = await infer({ dir, source: 'app.events', force: true });
  return { dir, proposal: outcome.proposal };
}

/** JSON round trip: the proposal as plain data (no undefined members), as mapping.yml is written from it. */
const plain = (p: MappingProposal): unknown => JSON.parse(JSON.stringify(p));

// Snowplow: collector time over device and batch-load times; the richer `event_name` over `event`;
// the cookie id over an empty-when-logged-out user_id; `mkt_source` over the id-like
// `network_userid`; one country, so the region level.
test('a Snowplow-shaped CSV: every proposed field, with its evidence and confidence', async () => {
  const { proposal } = await inferShape('snowplow.csv', SNOWPLOW_CSV);
  assert.equal(plain(proposal), {
    "columns": {
      "user_id": {
        "expression": "nullif(domain_userid, '')",
        "confidence": 0.9,
        "evidence": [
          "name 'domain_userid' looks like a user id",
          "100% of sampled rows have a value",
          "40 distinct values in the sample, shaped like device or user ids",
          "not 'network_userid' (40 distinct values), 'user_id' (filled on 35% of rows)",
          "empty strings are read as missing"
        ]
      },
      "event_time": {
        "expression": "collector_tstamp",
        "confidence": 0.95,
        "evidence": [
          "values are a timestamp column",
          "name 'collector_tstamp' looks like an event time",
          "'etl_tstamp', 'load_tstamp' follow it on every row (later processing stages)",
          "other time columns: 'dvce_created_tstamp' (the device's clock), 'dvce_sent_tstamp' (the device's clock), 'etl_tstamp' (after 'collector_tstamp'), 'load_tstamp' (after 'collector_tstamp', 'etl_tstamp')"
        ]
      },
      "event_name": {
        "expression": "event_name",
        "confidence": 1,
        "evidence": [
          "name 'event_name' looks like event names",
          "a vocabulary of 5 values repeated over 225 sampled rows",
          "richer than 'event' (3 values)"
        ]
      },
      "country": {
        "expression": "geo_country",
        "confidence": 0.9,
        "evidence": [
          "name 'geo_country' says country",
          "values are ISO-3166 country codes",
          "1 distinct value in the sample"
        ]
      },
      "region": {
        "expression": "geo_region",
        "confidence": 0.8,
        "evidence": [
          "name 'geo_region' says region",
          "4 distinct values in the sample"
        ]
      },
      "channel": {
        "expression": "mkt_source",
        "confidence": 0.82,
        "evidence": [
          "name 'mkt_source' looks like an acquisition channel",
          "values such as 'facebook', 'newsletter', 'google'",
          "73% of sampled rows have a value",
          "not 'network_userid' (id-like values)"
        ]
      }
    },
    "timezone": "UTC",
    "geoLevel": "region",
    "events": {
      "activity": "all",
      "newUser": [
        "sign_up"
      ],
      "funnel": [
        {
          "name": "page_view",
          "events": [
            "page_view"
          ]
        },
        {
          "name": "add_to_cart",
          "events": [
            "add_to_cart"
          ]
        },
        {
          "name": "checkout",
          "events": [
            "checkout"
          ]
        },
        {
          "name": "iap",
          "events": [
            "purchase"
          ]
        }
      ],
      "revenueTypes": {
        "iap": [
          "purchase"
        ]
      }
    },
    "evidence": [
      "new users: sign_up marks a first open or sign-up",
      "revenue type iap: purchase by name",
      "activity: every event makes a user active",
      "funnel: page_view (100% of new users on day one) -> add_to_cart (74% of new users on day one) -> checkout (47% of new users on day one) -> purchase (21% of new users on day one), in the order new users reach them",
      "geo level: region (a single country)"
    ],
    "category": {
      "value": "web_saas",
      "confidence": 0.5,
      "evidence": [
        "web or SaaS events: page_view"
      ]
    }
  });
});

// Segment: `timestamp` over the device's `original_timestamp`/`sent_at` and the server/load times;
// `anonymous_id` over a half-empty `user_id` and the `user_plan` labels; metro "City, ST" strings
// give the first state as the region and one country; "Signed Up" is a new-user event by key.
test('a Segment-shaped NDJSON: every proposed field, with its evidence and confidence', async () => {
  const { proposal } = await inferShape('segment.ndjson', SEGMENT_NDJSON);
  assert.equal(plain(proposal), {
    "columns": {
      "user_id": {
        "expression": "anonymous_id",
        "confidence": 0.9,
        "evidence": [
          "name 'anonymous_id' looks like a user id",
          "100% of sampled rows have a value",
          "30 distinct values in the sample, shaped like device or user ids",
          "not 'user_id' (filled on 53% of rows), 'user_plan' (only 2 repeated labels)"
        ]
      },
      "event_time": {
        "expression": "timestamp",
        "confidence": 0.95,
        "evidence": [
          "values are a timestamp column",
          "name 'timestamp' looks like an event time",
          "'sent_at', 'received_at', 'uuid_ts' follow it on every row (later processing stages)",
          "other time columns: 'original_timestamp' (the device's clock), 'sent_at' (after 'timestamp'), 'received_at' (after 'timestamp'), 'uuid_ts' (after 'timestamp', 'received_at')"
        ]
      },
      "event_name": {
        "expression": "event",
        "confidence": 1,
        "evidence": [
          "name 'event' looks like event names",
          "a vocabulary of 4 values repeated over 253 sampled rows"
        ]
      },
      "country": {
        "expression": "'US'",
        "confidence": 0.6,
        "evidence": [
          "no country column; every region is a US state code, so one country: US"
        ]
      },
      "region": {
        "expression": "case when strpos(context_location, ',') > 0 then case when strpos(trim(substr(context_location, strpos(context_location, ',') + 1)), '-') > 0 then substr(trim(substr(context_location, strpos(context_location, ',') + 1)), 1, strpos(trim(substr(context_location, strpos(context_location, ',') + 1)), '-') - 1) else trim(substr(context_location, strpos(context_location, ',') + 1)) end end",
        "confidence": 0.85,
        "evidence": [
          "values of 'context_location' are \"City, ST\" strings: the region is the part after the comma",
          "metro areas list several states (\"Chicago-Naperville-Elgin, IL-IN-WI\"): the first one is the region",
          "every part after the comma is a US state code"
        ]
      },
      "channel": {
        "expression": "context_campaign_source",
        "confidence": 0.79,
        "evidence": [
          "name 'context_campaign_source' looks like an acquisition channel",
          "values such as 'google', 'linkedin'",
          "66% of sampled rows have a value"
        ]
      },
      "revenue": {
        "expression": "revenue",
        "confidence": 1,
        "evidence": [
          "name 'revenue' looks like revenue",
          "values are currency-like amounts"
        ]
      }
    },
    "timezone": "UTC",
    "geoLevel": "region",
    "events": {
      "activity": "all",
      "newUser": [
        "Signed Up"
      ],
      "funnel": [
        {
          "name": "Project Created",
          "events": [
            "Project Created"
          ]
        },
        {
          "name": "Teammate Invited",
          "events": [
            "Teammate Invited"
          ]
        },
        {
          "name": "Order Completed",
          "events": [
            "Order Completed"
          ]
        }
      ],
      "revenueTypes": {
        "iap": [
          "Order Completed"
        ]
      }
    },
    "evidence": [
      "new users: Signed Up marks a first open or sign-up",
      "revenue type iap: Order Completed by name",
      "activity: every event makes a user active",
      "funnel: Project Created (73% of new users on day one) -> Teammate Invited (47% of new users on day one) -> Order Completed (23% of new users on day one), in the order new users reach them",
      "geo level: region (a single country)"
    ],
    "category": {
      "value": "consumer_app",
      "confidence": 0.2,
      "evidence": [
        "no event names that point at a kind of product: the default"
      ]
    }
  });
});

// Amplitude: `event_time` over the client's clock and the server stages; `install_date` as the
// cohort date; a dozen new users still give the ordered first-day funnel.
test('an Amplitude-shaped Parquet file with a dozen new users: every proposed field, with its evidence and confidence', async () => {
  const { proposal } = await inferShape('amplitude.parquet', AMPLITUDE_PARQUET);
  assert.equal(plain(proposal), {
    "columns": {
      "user_id": {
        "expression": "amplitude_id",
        "confidence": 0.9,
        "evidence": [
          "name 'amplitude_id' looks like a user id",
          "100% of sampled rows have a value",
          "12 distinct values in the sample",
          "not 'device_id' (12 distinct values), 'user_id' (filled on 7% of rows)"
        ]
      },
      "event_time": {
        "expression": "{{ timestamp_from_iso('event_time') }}",
        "confidence": 0.95,
        "evidence": [
          "values are ISO-8601 timestamps",
          "name 'event_time' looks like an event time",
          "'server_received_time', 'server_upload_time', 'processed_time' follow it on every row (later processing stages)",
          "other time columns: 'client_event_time' (the device's clock), 'client_upload_time' (the device's clock), 'server_received_time' (after 'event_time'), 'server_upload_time' (after 'event_time', 'server_received_time'), 'processed_time' (after 'event_time', 'server_received_time', 'server_upload_time'), 'install_date' (a time of the user)"
        ]
      },
      "event_name": {
        "expression": "event_type",
        "confidence": 1,
        "evidence": [
          "name 'event_type' looks like event names",
          "a vocabulary of 6 values repeated over 61 sampled rows"
        ]
      },
      "country": {
        "expression": "country",
        "confidence": 1,
        "evidence": [
          "name 'country' says country",
          "values are country names",
          "3 distinct values in the sample"
        ]
      },
      "region": {
        "expression": "region",
        "confidence": 0.95,
        "evidence": [
          "name 'region' says region",
          "3 distinct values in the sample"
        ]
      },
      "channel": {
        "expression": "utm_source",
        "confidence": 0.86,
        "evidence": [
          "name 'utm_source' looks like an acquisition channel",
          "values such as 'google', 'organic', 'facebook'",
          "80% of sampled rows have a value"
        ]
      },
      "cohort_date": {
        "expression": "cast(install_date as timestamp)",
        "confidence": 0.9,
        "evidence": [
          "name 'install_date' says when a user arrived",
          "values are a date column (dates only)",
          "one value per user for 100% of 12 sampled users",
          "on or before the event's day on 100% of sampled rows"
        ]
      }
    },
    "timezone": "UTC",
    "geoLevel": "auto",
    "events": {
      "activity": "all",
      "newUser": [],
      "funnel": [
        {
          "name": "Onboarding Start",
          "events": [
            "Onboarding Start"
          ]
        },
        {
          "name": "Onboarding Complete",
          "events": [
            "Onboarding Complete"
          ]
        },
        {
          "name": "Create Playlist",
          "events": [
            "Create Playlist"
          ]
        },
        {
          "name": "Play Song",
          "events": [
            "Play Song"
          ]
        },
        {
          "name": "Start Trial",
          "events": [
            "Start Trial"
          ]
        }
      ],
      "revenueTypes": {}
    },
    "evidence": [
      "new users: no install or sign-up event, so a user is new on their first activity",
      "activity: every event makes a user active",
      "funnel: Onboarding Start (100% of new users on day one) -> Onboarding Complete (100% of new users on day one) -> Create Playlist (75% of new users on day one) -> Play Song (50% of new users on day one) -> Start Trial (25% of new users on day one), in the order new users reach them",
      "geo level: auto (3 countries in the sample)"
    ],
    "category": {
      "value": "consumer_app",
      "confidence": 0.2,
      "evidence": [
        "no event names that point at a kind of product: the default"
      ]
    }
  });
});

test('a Mixpanel-shaped NDJSON: the time, the price and the ids inside the properties struct are read by their own types', async () => {
  const { proposal } = await inferShape('mixpanel.ndjson', MIXPANEL_NDJSON);
  const expressions = Object.fromEntries(Object.entries(proposal.columns).map(([field, p]) => [field, p?.expression]));
  assert.equal(expressions, {
    user_id: 'properties.distinct_id',
    event_time: "{{ timestamp_from_seconds('properties.time') }}",
    event_name: 'event',
    country: 'properties.mp_country_code',
    channel: 'properties.utm_source',
    revenue: 'properties.price',
  });
  assert.equal(proposal.events?.newUser, ['Sign Up']);
  assert.equal(proposal.events?.revenueTypes, { iap: ['Purchase'] });
});

test('empty-string user ids are missing: the mapping nullifies them, so a logged-out row never becomes a user', async () => {
  const LOG = `copy (
    select case when i % 4 = 0 then '' else 'u' || (i % 40) end as user_id, ['open', 'play', 'buy'][1 + i % 3] as event,
      1772323200 + i * 600 as ts
    from range(200) as t(i)
  ) to 'FILE' (format json)`;
  const { dir, proposal } = await inferShape('log.ndjson', LOG);
  assert.equal(plain({ columns: { user_id: proposal.columns.user_id } }), {
    columns: {
      user_id: {
        expression: "nullif(user_id, '')",
        confidence: 0.68,
        evidence: ["name 'user_id' looks like a user id", '75% of sampled rows have a value', '30 distinct values in the sample', "50 sampled rows have an empty string: read as missing"],
      },
    },
  });
  const yaml = await readFile(join(dir, 'mapping.yml'), 'utf8');
  assert.ok(yaml.includes("  # review: user_id is a guess (confidence 0.68)\n  # 0.68: name 'user_id' looks like a user id;"), yaml);
  // The expression, run on the data: no user called ''.
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`select count(distinct ${proposal.columns.user_id!.expression}) as users, count(*) filter (where ${proposal.columns.user_id!.expression} = '') as empty from read_json('${join(dir, 'data', 'log.ndjson')}')`);
    assert.equal(reader.getRowObjectsJson(), [{ users: '30', empty: '0' }]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});

test('two time columns that behave alike: the event time is a guess, marked for review', async () => {
  const LOG = `copy (
    select 'u' || (i % 30) as user_id, ['open', 'play', 'buy'][1 + i % 3] as event,
      strftime(timestamp '2026-03-01 00:00:00' + to_seconds(i * 600), '%Y-%m-%d %H:%M:%S') as "time",
      strftime(timestamp '2026-03-01 00:00:00' + to_seconds(i * 600), '%Y-%m-%d %H:%M:%S') as created_at
    from range(200) as t(i)
  ) to 'FILE' (format csv, header true)`;
  const { dir, proposal } = await inferShape('twins.csv', LOG);
  assert.equal(JSON.parse(JSON.stringify(proposal.columns.event_time)), {
    expression: 'time',
    confidence: 0.65,
    evidence: ['values are a timestamp column', "name 'time' looks like an event time", "other time columns: 'created_at' (follows no pattern with the others)", "'created_at' behaves alike: chosen by name"],
  });
  const yaml = await readFile(join(dir, 'mapping.yml'), 'utf8');
  assert.ok(yaml.includes('  # review: event_time is a guess (confidence 0.65)\n'), yaml);
});

test.run();
