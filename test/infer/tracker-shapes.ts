/**
 * Event exports in the shapes of three trackers, written by DuckDB for the inference tests: column
 * names, types and the behaviour of their many time columns as those exports have them (small and
 * deterministic: ids are md5 of the user number, times follow from it).
 */

const UUID = (h: string): string => `substr(${h}, 1, 8) || '-' || substr(${h}, 9, 4) || '-' || substr(${h}, 13, 4) || '-' || substr(${h}, 17, 4) || '-' || substr(${h}, 21, 12)`;

/**
 * Snowplow (CSV of atomic.events): five time columns (device created/sent with drifting clocks on
 * some devices, collector, ETL and load in hourly batches), `event` (3 kinds) next to the richer
 * `event_name`, cookie ids (`domain_userid`, `network_userid`), `user_id` empty when logged out,
 * one country, `mkt_*` marketing columns. Each user's first day walks the steps in order.
 */
export const SNOWPLOW_CSV = `copy (
  with users as (
    select i, md5('domain' || i) as domain_userid, md5('network' || i) as network_userid,
      case when i % 3 = 0 then 'acct_' || i else '' end as user_id,
      ['IL', 'WA', 'TX', 'NY'][1 + i % 4] as geo_region, ['Chicago', 'Seattle', 'Austin', 'New York'][1 + i % 4] as geo_city,
      [NULL, 'google', 'facebook', 'newsletter'][1 + i % 4] as mkt_source, [NULL, 'cpc', 'social', 'email'][1 + i % 4] as mkt_medium,
      [NULL, 'spring', 'spring', 'weekly'][1 + i % 4] as mkt_campaign
    from range(40) as t(i)
  ),
  steps as (select * from (values (0, 'page_view', 'page_view'), (1, 'unstruct', 'sign_up'), (2, 'struct', 'add_to_cart'), (3, 'struct', 'checkout'), (4, 'unstruct', 'purchase')) as v(k, event, event_name)),
  e as (
    select u.*, s.event, s.event_name, s.k,
      timestamp '2026-03-02 08:00:00' + to_days(cast(d.day + u.i % 3 as integer)) + to_seconds(cast(u.i * 97 + s.k * 40 as bigint)) as t
    from users as u, range(4) as d(day), steps as s
    where (d.day = 0 and s.k <= u.i % 5) or (d.day > 0 and (u.i + d.day) % 3 = 0 and s.k <= (u.i + d.day) % 4)
  )
  select 'shop' as app_id, 'web' as platform,
    strftime(case when i % 10 = 0 then t + to_days(2) when i % 10 = 5 then t - to_hours(3) else t - to_seconds(2) end, '%Y-%m-%d %H:%M:%S.%g') as dvce_created_tstamp,
    strftime(case when i % 10 = 0 then t + to_days(2) when i % 10 = 5 then t - to_hours(3) else t - to_seconds(2) end + to_seconds(1), '%Y-%m-%d %H:%M:%S.%g') as dvce_sent_tstamp,
    strftime(t, '%Y-%m-%d %H:%M:%S.%g') as collector_tstamp,
    strftime(date_trunc('hour', t) + to_hours(1), '%Y-%m-%d %H:%M:%S.%g') as etl_tstamp,
    strftime(date_trunc('hour', t) + to_hours(1) + to_minutes(5), '%Y-%m-%d %H:%M:%S.%g') as load_tstamp,
    event, event_name, md5('event' || i || '-' || epoch_ms(t) || '-' || k) as event_id,
    domain_userid, network_userid, user_id, 'US' as geo_country, geo_region, geo_city,
    mkt_source, mkt_medium, mkt_campaign
  from e order by t, i, k
) to 'FILE' (format csv, header true)`;

/**
 * Segment (NDJSON of a tracks table): `timestamp` (corrected), `original_timestamp` and `sent_at`
 * (device clock, a day ahead on some devices), `received_at` and `uuid_ts` (server and load),
 * `anonymous_id` UUIDs, `user_id` '' before sign-up, a `user_plan` label, campaign context and a
 * "City, ST" location with metro areas; no country column.
 */
export const SEGMENT_NDJSON = `copy (
  with users as (
    select i, ${UUID("md5('anon' || i)")} as anonymous_id, case when i % 2 = 0 then '' else 'user_' || i end as user_id,
      ['free', 'pro'][1 + i % 2] as user_plan,
      ['Chicago-Naperville-Elgin, IL-IN-WI', 'Seattle, WA', 'New York-Newark-Jersey City, NY-NJ-PA', 'Austin, TX'][1 + i % 4] as context_location,
      [NULL, 'google', 'linkedin'][1 + i % 3] as context_campaign_source, [NULL, 'cpc', 'social'][1 + i % 3] as context_campaign_medium
    from range(30) as t(i)
  ),
  steps as (select * from (values (0, 'Signed Up'), (1, 'Project Created'), (2, 'Teammate Invited'), (3, 'Order Completed')) as v(k, event)),
  e as (
    select u.*, s.event, s.k,
      timestamp '2026-05-04 09:00:00' + to_days(cast(d.day + u.i % 2 as integer)) + to_seconds(cast(u.i * 131 + s.k * 50 as bigint)) as t
    from users as u, range(4) as d(day), steps as s
    where (d.day = 0 and s.k <= u.i % 4) or (d.day > 0 and s.k between 1 and 1 + (u.i + d.day) % 3)
  )
  select ${UUID("md5('msg' || i || '-' || epoch_ms(t) || '-' || k)")} as id, anonymous_id, user_id, user_plan, 'track' as type, event,
    strftime(t, '%Y-%m-%dT%H:%M:%S.%gZ') as "timestamp",
    strftime(case when i % 6 = 0 then t + to_days(1) else t - to_seconds(1) end, '%Y-%m-%dT%H:%M:%S.%gZ') as original_timestamp,
    strftime(case when i % 6 = 0 then t + to_days(1) else t - to_seconds(1) end + to_seconds(2), '%Y-%m-%dT%H:%M:%S.%gZ') as sent_at,
    strftime(t + to_seconds(3), '%Y-%m-%dT%H:%M:%S.%gZ') as received_at,
    strftime(date_trunc('hour', t) + to_hours(2), '%Y-%m-%dT%H:%M:%S.%gZ') as uuid_ts,
    context_campaign_source, context_campaign_medium, context_location,
    case when event = 'Order Completed' then [19.99, 49.99][1 + i % 2] end as revenue
  from e order by t, i, k
) to 'FILE' (format json)`;

/**
 * Amplitude (Parquet of an export, flattened): `event_type` names, six time strings (event time,
 * the client's drifting clock and upload, server receive/upload, processing), `amplitude_id`,
 * `device_id` UUIDs, `user_id` mostly NULL, three countries with regions, `utm_source`, an
 * `install_date` per user. Small: a dozen new users, each first day in step order; one user also
 * shares a song on day one (an event of one user is no funnel step).
 */
export const AMPLITUDE_PARQUET = `copy (
  with users as (
    select i, 9000000 + i as amplitude_id, ${UUID("md5('device' || i)")} as device_id, case when i = 3 then 'ana@example.com' end as user_id,
      ['United States', 'Germany', 'India'][1 + i % 3] as country, ['California', 'Bavaria', 'Karnataka'][1 + i % 3] as region,
      ['google', 'facebook', 'organic', NULL][1 + i % 4] as utm_source, ['iOS', 'Android'][1 + i % 2] as platform,
      date '2026-06-01' + cast(i % 3 as integer) as install_date
    from range(12) as t(i)
  ),
  steps as (select * from (values (0, 'Onboarding Start'), (1, 'Onboarding Complete'), (2, 'Create Playlist'), (3, 'Play Song'), (4, 'Start Trial')) as v(k, event_type)),
  e as (
    select u.*, s.event_type, s.k, cast(install_date as timestamp) + to_days(cast(d.day as integer)) + to_hours(18) + to_seconds(cast(u.i * 61 + s.k * 45 as bigint)) as t
    from users as u, range(4) as d(day), steps as s
    where (d.day = 0 and s.k <= 4 - u.i % 4) or (d.day > 0 and (u.i + d.day) % 2 = 0 and s.k = 3)
    -- One user's odd event on their first day: not a funnel step.
    union all
    select u.*, 'Share Song' as event_type, 5 as k, cast(install_date as timestamp) + to_hours(19) as t from users as u where u.i = 0
  )
  select amplitude_id, device_id, user_id, event_type,
    strftime(t, '%Y-%m-%d %H:%M:%S.%f') as event_time,
    strftime(case when i % 5 = 0 then t - to_days(1) else t - to_seconds(1) end, '%Y-%m-%d %H:%M:%S.%f') as client_event_time,
    strftime(case when i % 5 = 0 then t - to_days(1) else t - to_seconds(1) end + to_seconds(5), '%Y-%m-%d %H:%M:%S.%f') as client_upload_time,
    strftime(t + to_seconds(2), '%Y-%m-%d %H:%M:%S.%f') as server_received_time,
    strftime(t + to_seconds(3), '%Y-%m-%d %H:%M:%S.%f') as server_upload_time,
    strftime(t + to_minutes(1), '%Y-%m-%d %H:%M:%S.%f') as processed_time,
    country, region, utm_source, platform, install_date, ${UUID("md5('insert' || i || '-' || k || '-' || epoch_ms(t))")} as insert_id
  from e order by t, i, k
) to 'FILE' (format parquet)`;

/**
 * Mixpanel (NDJSON of the raw export API): `event` and a `properties` struct holding everything
 * else, the time as epoch seconds (`properties.time`), `distinct_id`, `$insert_id`,
 * `mp_country_code`, `$city`, `utm_source`, and `price` on purchases.
 */
export const MIXPANEL_NDJSON = `copy (
  with users as (
    select i, ${UUID("md5('mp' || i)")} as distinct_id, ['US', 'GB', 'IN'][1 + i % 3] as country,
      ['Austin', 'London', 'Pune'][1 + i % 3] as city, [NULL, 'google', 'facebook'][1 + i % 3] as utm_source
    from range(36) as t(i)
  ),
  steps as (select * from (values (0, 'Sign Up'), (1, 'Complete Tutorial'), (2, 'Level Up'), (3, 'Purchase')) as v(k, event)),
  e as (
    select u.*, s.event, s.k, 1780300800 + (d.day + u.i % 2) * 86400 + u.i * 113 + s.k * 45 as t
    from users as u, range(4) as d(day), steps as s
    where (d.day = 0 and s.k <= u.i % 4) or (d.day > 0 and s.k between 1 and 1 + (u.i + d.day) % 3)
  )
  select event, {'time': t, 'distinct_id': distinct_id, '$insert_id': md5('ins' || i || '-' || t || '-' || k), 'mp_country_code': country,
    '$city': city, 'utm_source': utm_source, 'price': case when event = 'Purchase' then [0.99, 4.99][1 + i % 2] end} as properties
  from e order by t, i, k
) to 'FILE' (format json)`;
