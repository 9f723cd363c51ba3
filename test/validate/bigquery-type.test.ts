/** BigQuery type names to ZetaSQL types and back. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatBigQueryType, parseBigQueryType } from '../../src/validate/bigquery-type.js';

const roundTrip = (text: string): string => {
  const parsed = parseBigQueryType(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return formatBigQueryType(parsed.type);
};

test('scalars, legacy names and parameters', () => {
  assert.equal(
    ['STRING', 'int64', 'INTEGER', 'FLOAT', 'Bool', 'DATE', 'TIMESTAMP', 'STRING(10)', 'NUMERIC(10, 2)', 'BIGNUMERIC', 'BYTES'].map(roundTrip),
    ['STRING', 'INT64', 'INT64', 'FLOAT64', 'BOOL', 'DATE', 'TIMESTAMP', 'STRING', 'NUMERIC', 'BIGNUMERIC', 'BYTES'],
  );
});

test('GA4 event_params: an array of structs of a struct', () => {
  const text = 'ARRAY<STRUCT<key STRING, value STRUCT<string_value STRING, int_value INT64, float_value FLOAT64, double_value FLOAT64>>>';
  assert.is(roundTrip(text), text);
  assert.is(roundTrip('struct<`from` string,b array<int64>>'), 'STRUCT<from STRING, b ARRAY<INT64>>');
  const parsed = parseBigQueryType('ARRAY<INT64>');
  assert.equal(parsed, { ok: true, type: { typeKind: 16, arrayType: { elementType: { typeKind: 2 } } } });
});

test('mistakes are named', () => {
  assert.equal(parseBigQueryType('INT65'), { ok: false, message: "'INT65' is not a BigQuery type" });
  assert.equal(parseBigQueryType('ARRAY<STRING'), { ok: false, message: "expected '>' at the end in 'ARRAY<STRING'" });
  assert.equal(parseBigQueryType('STRUCT<a STRING,>'), { ok: false, message: "expected a field name at '>' in 'STRUCT<a STRING,>'" });
  assert.equal(parseBigQueryType('STRING STRING'), { ok: false, message: "expected the end at 'STRING' in 'STRING STRING'" });
  assert.equal(parseBigQueryType(''), { ok: false, message: "expected a type at the end in ''" });
});

test.run();
