import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { columnKind, formatValue } from '../../src/show/format-value.js';

test('the kind of a column comes from one word of its name: rate before money before count', () => {
  const kinds = Object.fromEntries(
    ['retention_rate', 'rate_from_previous', 'd7_retention', 'conversion', 'revenue_share', 'revenue', 'iap_revenue', 'arpdau', 'ltv_d30', 'dau', 'new_users', 'event_count', 'revenue_type', 'step', 'day_n', 'user_id', 'generated'].map((c) => [c, columnKind(c)]),
  );
  assert.equal(kinds, {
    retention_rate: 'rate',
    rate_from_previous: 'rate',
    d7_retention: 'rate',
    conversion: 'rate',
    revenue_share: 'rate',
    revenue: 'money',
    iap_revenue: 'money',
    arpdau: 'money',
    ltv_d30: 'money',
    dau: 'count',
    new_users: 'count',
    event_count: 'count',
    revenue_type: 'money',
    step: 'other',
    day_n: 'other',
    user_id: 'other',
    generated: 'other',
  });
});

test('values are written as a dashboard writes them; what is not a number stays as it is', () => {
  assert.equal(
    [
      formatValue(0.4236, 'rate'),
      formatValue('0.0005', 'rate'),
      formatValue(-0.125, 'rate'),
      formatValue(1234.5, 'money'),
      formatValue('-98765.4321', 'money'),
      formatValue(1234567, 'count'),
      formatValue('-12345678901234567890', 'count'),
      formatValue(12n, 'count'),
      formatValue(2.5, 'count'),
      formatValue(1 / 3, 'other'),
      formatValue('0.123456789', 'other'),
      formatValue(1234567, 'other'),
      formatValue('iap', 'money'),
      formatValue(null, 'rate'),
      formatValue({ a: 1 }, 'other'),
    ],
    ['42.4%', '0.1%', '-12.5%', '1,234.50', '-98,765.43', '1,234,567', '-12,345,678,901,234,567,890', '12', '2.5', '0.333333', '0.123456789', '1234567', 'iap', 'null', '{"a":1}'],
  );
});

test.run();
