/** Geo level: 'country' when the stream has two or more distinct non-null countries, else 'region'. */
import type { PreparedStream } from './prepare-events.js';
import type { GeoLevel, MetricRoles } from './types.js';

export function resolveGeoLevel(stream: PreparedStream, pinned: MetricRoles['geoLevel']): GeoLevel {
  switch (pinned) {
    case 'country':
    case 'region':
      return pinned;
    case 'auto': {
      const countries = new Set<string>();
      for (const event of stream.events) {
        const country = event.source.country;
        if (country == null) continue;
        countries.add(country);
        if (countries.size >= 2) return 'country';
      }
      return 'region';
    }
    default: {
      const unexpected: never = pinned;
      throw new Error(`Unknown geo level: ${String(unexpected)}`);
    }
  }
}
