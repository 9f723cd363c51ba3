import type { MappingProposal, ProductCategory } from '../../../src/plugins/plugin-api.js';

type CategoryGuess = NonNullable<MappingProposal['category']>;

/** Event-name patterns that point at a kind of product; the first kind with a match wins, in this order. */
const SIGNS: readonly { readonly category: ProductCategory; readonly pattern: RegExp; readonly what: string }[] = [
  { category: 'mobile_game', pattern: /(^|_)(level_(start|end|up|complete|fail)|game_(start|over|end)|match_(start|end)|round_(start|end)|spend_virtual_currency|earn_virtual_currency|unlock_achievement|post_score)$/, what: 'game events' },
  { category: 'subscription', pattern: /(^|_)(subscri\w*|trial_(start|started|converted|end)|renewal|renew)$/, what: 'subscription events' },
  { category: 'web_saas', pattern: /(^|_)(page_?view(ed)?|workspace_created|project_created|invite_sent|team_created|seat_added|dashboard_viewed|signed_in|logged_in)$/, what: 'web or SaaS events' },
];

const APP_EVENTS = /(^|_)(first_open|app_open|app_install|screen_view|session_start|app_update|notification_open)$/;

/**
 * A guess of the product's category from its event names (and column names, for web sources):
 * which benchmarks apply depends on it. A guess is never sure: confidence stays below the review
 * mark, so `pdb init` always asks the user to confirm it.
 */
export function proposeCategory(eventNames: readonly string[], columnNames: readonly string[]): CategoryGuess {
  const names = eventNames.map((n) => n.toLowerCase());
  for (const sign of SIGNS) {
    const hits = names.filter((n) => sign.pattern.test(n));
    if (hits.length === 0) continue;
    // A game with a subscription is still a game; a subscription app may have web pages.
    return { value: sign.category, confidence: Math.min(0.65, 0.4 + 0.1 * hits.length), evidence: [`${sign.what}: ${hits.slice(0, 5).join(', ')}${hits.length > 5 ? ', ...' : ''}`] };
  }
  const webColumns = columnNames.filter((c) => /(^|_)(page_?url|url|page_path|referrer|user_agent)$/i.test(c));
  if (webColumns.length > 0) return { value: 'web_saas', confidence: 0.45, evidence: [`web columns: ${webColumns.join(', ')}`] };
  const appHits = names.filter((n) => APP_EVENTS.test(n));
  if (appHits.length > 0) return { value: 'consumer_app', confidence: 0.45, evidence: [`app events: ${appHits.slice(0, 5).join(', ')}; no game, subscription or web events`] };
  return { value: 'consumer_app', confidence: 0.2, evidence: ['no event names that point at a kind of product: the default'] };
}
