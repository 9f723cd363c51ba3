/** Word lists the heuristics recognise values and event names by. */

const COUNTRY_CODES = new Set(
  ('AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GM GN GQ GR GT GW GY HK HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML MM MN MO MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PR PS PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TW TZ UA UG UK US UY UZ VA VC VE VN VU WS YE ZA ZM ZW').split(' '),
);

const COUNTRY_NAMES = new Set(
  [
    'argentina', 'australia', 'austria', 'bangladesh', 'belgium', 'brazil', 'canada', 'chile', 'china', 'colombia', 'czechia', 'denmark', 'egypt',
    'finland', 'france', 'germany', 'greece', 'hong kong', 'hungary', 'india', 'indonesia', 'ireland', 'israel', 'italy', 'japan', 'kenya', 'malaysia',
    'mexico', 'morocco', 'netherlands', 'new zealand', 'nigeria', 'norway', 'pakistan', 'peru', 'philippines', 'poland', 'portugal', 'romania', 'russia',
    'saudi arabia', 'singapore', 'south africa', 'south korea', 'spain', 'sweden', 'switzerland', 'taiwan', 'thailand', 'turkey', 'türkiye', 'ukraine',
    'united arab emirates', 'united kingdom', 'united states', 'united states of america', 'usa', 'vietnam', '(not set)',
  ],
);

const US_STATES = new Set(
  ('AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR').split(' '),
);

export const isCountryCode = (s: string): boolean => COUNTRY_CODES.has(s.toUpperCase()) && /^[A-Za-z]{2}$/.test(s);
export const isCountryName = (s: string): boolean => COUNTRY_NAMES.has(s.trim().toLowerCase());
export const isUsState = (s: string): boolean => US_STATES.has(s.toUpperCase()) && /^[A-Za-z]{2}$/.test(s);

/** Events that mark a user's first login or install, as `eventKey` writes them. */
export const NEW_USER_EVENTS = [
  'first_open', 'first_visit', 'app_install', 'install', 'sign_up', 'signup', 'user_signup', 'registration', 'account_created',
  'signed_up', 'user_signed_up', 'application_installed', 'app_installed',
];

/** An event name as the word lists match it: lower case, spaces and dashes as `_` ("Signed Up" -> signed_up). */
export const eventKey = (name: string): string => name.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** Revenue-type vocabularies, by pattern on the event name. */
export const REVENUE_PATTERNS = {
  iap: /(^|_)(in_app_purchase|iap|purchase|order_completed|checkout_completed?)$/,
  ads: /(^|_)(ad_impression|ad_revenue|ad_paid|ad_reward|rewarded_ad)$/,
  subscription: /subscri/,
} as const;

/** Auto-collected or background events that are never a funnel step. */
export const NOISE_EVENTS = new Set([
  'user_engagement', 'screen_view', 'scroll', 'os_update', 'app_update', 'app_remove', 'app_clear_data', 'app_exception', 'firebase_campaign',
  'notification_receive', 'notification_open', 'notification_dismiss', 'notification_foreground', 'dynamic_link_app_open', 'error', 'heartbeat', 'ping',
]);

/** Short labels for well-known funnel events (as in the GA4 sample's hand-written mapping). */
export const STEP_LABELS: Readonly<Record<string, string>> = {
  session_start: 'login',
  login: 'login',
  sign_in: 'login',
  level_start: 'game_started',
  game_start: 'game_started',
  level_complete: 'first_level',
  level_end: 'first_level',
  in_app_purchase: 'iap',
  purchase: 'iap',
};
