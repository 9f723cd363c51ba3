import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadProject } from '../../src/project/load-project.js';
import { BASE_FILES, loadErrors, loadFailure, tempProject } from './temp-project.js';

const SOURCES = 'sources:\n  - name: ga4\n    tables:\n      - { name: events, duckdb: { path: data/*.parquet } }\n';
const WITH_SOURCES = { ...BASE_FILES, 'models/sources.yml': SOURCES };
const COLUMNS = '  columns:\n    user_id: u\n    event_time: t\n    event_name: e\n';

test('an unknown canonical column, with did-you-mean over the canonical columns', async () => {
  const project = `name: demo\nmapping:\n  source: ga4.events\n${COLUMNS}    contry: c\n`;
  const errors = await loadFailure({ ...WITH_SOURCES, 'project.yml': project });
  assert.equal(errors[0]?.location, { file: 'project.yml', line: 8, column: 5 });
  assert.equal(await loadErrors({ ...WITH_SOURCES, 'project.yml': project }), [
    "project.yml:8:5: error E_MAPPING_UNKNOWN_COLUMN: Unknown canonical column 'contry' in 'mapping.columns'. Did you mean 'country'?\n" +
      '  hint: Allowed here: user_id, event_time, event_name, country, region, channel, revenue, revenue_type, cohort_date.',
  ]);
});

test('a source the YAML files do not declare, with did-you-mean', async () => {
  const mapping = `source: ga4.event\n${COLUMNS.replace(/^ {2}/gm, '')}`;
  const files = { ...WITH_SOURCES, 'project.yml': 'name: demo\nmapping: mapping.yml\n', 'mapping.yml': mapping };
  const errors = await loadFailure(files);
  assert.equal(errors[0]?.location, { file: 'mapping.yml', line: 1, column: 9 });
  assert.equal(await loadErrors(files), [
    "mapping.yml:1:9: error E_MAPPING_UNKNOWN_SOURCE: The mapping reads source 'ga4.event', which no YAML file under the model paths declares. Did you mean 'ga4.events'?\n" +
      "  hint: Declared sources: ga4.events. Declare it under 'sources:' or name one of these.",
  ]);
});

test('required columns, time zone, activity, funnel names and steps are checked', async () => {
  const mapping = [
    'source: ga4.events',
    'timezone: Mars/Base',
    'columns:',
    '  user_id: u',
    'events:',
    '  activity: some',
    '  funnel:',
    '    - {name: a, events: [x]}',
    '    - {name: a, events: []}',
    '',
  ].join('\n');
  const files = { ...WITH_SOURCES, 'project.yml': 'name: demo\nmapping: mapping.yml\n', 'mapping.yml': mapping };
  assert.equal(await loadErrors(files), [
    "mapping.yml:2:11: error E_MAPPING_TIMEZONE: Unknown time zone 'Mars/Base'.\n" +
      "  hint: Use an IANA time zone name such as 'UTC', 'America/New_York' or 'Asia/Kolkata'.",
    "mapping.yml:3:1: error E_MISSING_KEY: Missing required key 'event_time' in 'columns'.\n  hint: Add 'event_time:' here.",
    "mapping.yml:3:1: error E_MISSING_KEY: Missing required key 'event_name' in 'columns'.\n  hint: Add 'event_name:' here.",
    "mapping.yml:6:13: error E_INVALID_VALUE: Invalid value 'some' for 'events.activity': expected 'all' or a list of event names.\n" +
      "  hint: Change the value to 'all' or a list of event names.",
    "mapping.yml:9:14: error E_MAPPING_FUNNEL_DUPLICATE: Funnel step name 'a' is used twice (first at line 8).\n" +
      '  hint: Each funnel step needs its own name: rename one of them.',
    "mapping.yml:9:25: error E_INVALID_VALUE: Invalid value (a list) for 'events.funnel[1].events': expected a list of at least one event name.\n" +
      '  hint: Change the value to a list of at least one event name.',
  ]);
});

test('a mapping file that does not exist is reported at its name in project.yml', async () => {
  assert.equal(await loadErrors({ ...BASE_FILES, 'project.yml': 'name: demo\nmapping: maping.yml\n' }), [
    "project.yml:2:10: error E_MAPPING_FILE_MISSING: The mapping file 'maping.yml' does not exist.\n" +
      '  hint: Create the file, fix the path (relative to the project directory), or write the mapping inline.',
  ]);
});

test('an inline mapping is normalised with defaults', async () => {
  const project = `name: demo\nmapping:\n  source: ga4.events\n  geo_level: region\n${COLUMNS}  events:\n    activity: [session_start, user_engagement]\n`;
  const dir = await tempProject({ ...WITH_SOURCES, 'project.yml': project });
  const loaded = await loadProject({ dir, env: {} });
  assert.equal(loaded.mapping, {
    source: { sourceName: 'ga4', table: 'events' },
    timezone: 'UTC',
    columns: { user_id: 'u', event_time: 't', event_name: 'e' },
    activityEvents: ['session_start', 'user_engagement'],
    newUserEvents: [],
    funnel: [],
    revenueTypes: { iap: [], ads: [], subscription: [] },
    geoLevel: 'region',
    file: 'project.yml',
  });
});

test.run();
