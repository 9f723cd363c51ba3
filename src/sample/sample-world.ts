/**
 * The fixed world the sample game lives in: channels, countries, devices, products, ad units.
 * Plain constant data; the user model draws from it and the writer turns indices back into text.
 */

import { cumulative } from './prng.js';

export interface Channel {
  readonly key: 'organic' | 'google' | 'facebook' | 'unity_ads' | 'applovin' | 'tiktok';
  readonly weight: number;
  /** Multiplies the chance of coming back on any later day (tiktok users retain worse). */
  readonly retention: number;
  /** traffic_source for Android users; iOS organic installs show as (direct). */
  readonly name: string;
  readonly medium: string;
  readonly source: string;
}

export const CHANNELS: readonly Channel[] = [
  { key: 'organic', weight: 35, retention: 1, name: '(organic)', medium: 'organic', source: 'google-play' },
  { key: 'google', weight: 18, retention: 1, name: 'UAC_Global_Installs', medium: 'cpc', source: 'google' },
  { key: 'facebook', weight: 15, retention: 1, name: 'FB_Installs_Broad', medium: 'cpi', source: 'facebook' },
  { key: 'unity_ads', weight: 10, retention: 1, name: 'unity_rewarded_video', medium: 'cpi', source: 'unity_ads' },
  { key: 'applovin', weight: 10, retention: 1, name: 'applovin_playables', medium: 'cpi', source: 'applovin' },
  { key: 'tiktok', weight: 12, retention: 0.5, name: 'tt_ugc_creatives', medium: 'cpi', source: 'tiktok' },
];
export const CHANNEL_CUMULATIVE = cumulative(CHANNELS.map((c) => c.weight));
/** What an iOS organic install looks like in the export. */
export const IOS_ORGANIC = { name: '(direct)', medium: '(none)', source: '(direct)' } as const;

export interface Region {
  readonly name: string;
  readonly cities: readonly string[];
}

export interface Country {
  readonly code: string;
  readonly name: string;
  readonly continent: string;
  readonly weight: number;
  /** Hours east of UTC: sessions follow the local evening peak. */
  readonly utcOffset: number;
  readonly iosShare: number;
  readonly currency: string;
  /** Local currency units per USD, for the `value` param of purchases. */
  readonly usdRate: number;
  /** Relative ad price (eCPM) and propensity to pay. */
  readonly adPrice: number;
  readonly payRate: number;
  readonly regions: readonly Region[];
}

export const COUNTRIES: readonly Country[] = [
  {
    code: 'US', name: 'United States', continent: 'Americas', weight: 22, utcOffset: -6, iosShare: 0.55,
    currency: 'USD', usdRate: 1, adPrice: 1, payRate: 1.6,
    regions: [
      { name: 'California', cities: ['Los Angeles', 'San Francisco', 'San Diego'] },
      { name: 'Texas', cities: ['Houston', 'Austin', 'Dallas'] },
      { name: 'New York', cities: ['New York'] },
      { name: 'Florida', cities: ['Miami', 'Orlando'] },
    ],
  },
  {
    code: 'IN', name: 'India', continent: 'Asia', weight: 18, utcOffset: 5.5, iosShare: 0.05,
    currency: 'INR', usdRate: 83, adPrice: 0.15, payRate: 0.35,
    regions: [
      { name: 'Maharashtra', cities: ['Mumbai', 'Pune'] },
      { name: 'Karnataka', cities: ['Bengaluru'] },
      { name: 'Delhi', cities: ['New Delhi'] },
      { name: 'Tamil Nadu', cities: ['Chennai'] },
    ],
  },
  {
    code: 'BR', name: 'Brazil', continent: 'Americas', weight: 12, utcOffset: -3, iosShare: 0.12,
    currency: 'BRL', usdRate: 5, adPrice: 0.25, payRate: 0.6,
    regions: [
      { name: 'Sao Paulo', cities: ['Sao Paulo', 'Campinas'] },
      { name: 'Rio de Janeiro', cities: ['Rio de Janeiro'] },
      { name: 'Minas Gerais', cities: ['Belo Horizonte'] },
    ],
  },
  {
    code: 'ID', name: 'Indonesia', continent: 'Asia', weight: 10, utcOffset: 7, iosShare: 0.08,
    currency: 'IDR', usdRate: 15800, adPrice: 0.15, payRate: 0.35,
    regions: [
      { name: 'Jakarta', cities: ['Jakarta'] },
      { name: 'West Java', cities: ['Bandung', 'Bekasi'] },
      { name: 'East Java', cities: ['Surabaya'] },
    ],
  },
  {
    code: 'MX', name: 'Mexico', continent: 'Americas', weight: 9, utcOffset: -6, iosShare: 0.2,
    currency: 'MXN', usdRate: 17, adPrice: 0.3, payRate: 0.6,
    regions: [
      { name: 'Mexico City', cities: ['Mexico City'] },
      { name: 'Jalisco', cities: ['Guadalajara'] },
      { name: 'Nuevo Leon', cities: ['Monterrey'] },
    ],
  },
  {
    code: 'DE', name: 'Germany', continent: 'Europe', weight: 8, utcOffset: 1, iosShare: 0.35,
    currency: 'EUR', usdRate: 0.92, adPrice: 0.7, payRate: 1.2,
    regions: [
      { name: 'Bavaria', cities: ['Munich', 'Nuremberg'] },
      { name: 'Berlin', cities: ['Berlin'] },
      { name: 'North Rhine-Westphalia', cities: ['Cologne', 'Dusseldorf'] },
    ],
  },
  {
    code: 'GB', name: 'United Kingdom', continent: 'Europe', weight: 7, utcOffset: 0, iosShare: 0.5,
    currency: 'GBP', usdRate: 0.79, adPrice: 0.8, payRate: 1.3,
    regions: [
      { name: 'England', cities: ['London', 'Manchester', 'Birmingham'] },
      { name: 'Scotland', cities: ['Glasgow', 'Edinburgh'] },
    ],
  },
  {
    code: 'JP', name: 'Japan', continent: 'Asia', weight: 6, utcOffset: 9, iosShare: 0.65,
    currency: 'JPY', usdRate: 150, adPrice: 0.9, payRate: 1.5,
    regions: [
      { name: 'Tokyo', cities: ['Tokyo'] },
      { name: 'Osaka', cities: ['Osaka'] },
    ],
  },
  {
    code: 'CA', name: 'Canada', continent: 'Americas', weight: 4, utcOffset: -5, iosShare: 0.5,
    currency: 'CAD', usdRate: 1.36, adPrice: 0.8, payRate: 1.3,
    regions: [
      { name: 'Ontario', cities: ['Toronto', 'Ottawa'] },
      { name: 'Quebec', cities: ['Montreal'] },
    ],
  },
  {
    code: 'FR', name: 'France', continent: 'Europe', weight: 4, utcOffset: 1, iosShare: 0.35,
    currency: 'EUR', usdRate: 0.92, adPrice: 0.6, payRate: 1.1,
    regions: [
      { name: 'Ile-de-France', cities: ['Paris'] },
      { name: "Provence-Alpes-Cote d'Azur", cities: ['Marseille', 'Nice'] },
    ],
  },
];
export const COUNTRY_CUMULATIVE = cumulative(COUNTRIES.map((c) => c.weight));

const weightedMean = (value: (c: Country) => number): number =>
  COUNTRIES.reduce((sum, c) => sum + c.weight * value(c), 0) / COUNTRIES.reduce((sum, c) => sum + c.weight, 0);
/** What every country gets when the sample plants no country differences (install-weighted means). */
export const MEAN_PAY_RATE = weightedMean((c) => c.payRate);
export const MEAN_AD_PRICE = weightedMean((c) => c.adPrice);

export const ANDROID_BRANDS: readonly string[] = ['Samsung', 'Xiaomi', 'Motorola', 'OPPO', 'Vivo', 'Google'];
export const ANDROID_BRAND_CUMULATIVE = cumulative([40, 25, 10, 9, 8, 8]);
export const TABLET_SHARE = 0.08;

export interface Product {
  readonly id: string;
  readonly usd: number;
  readonly weight: number;
}

export const IAP_PRODUCTS: readonly Product[] = [
  { id: 'coins_small', usd: 0.99, weight: 40 },
  { id: 'coins_medium', usd: 2.99, weight: 26 },
  { id: 'no_ads', usd: 3.99, weight: 12 },
  { id: 'starter_pack', usd: 4.99, weight: 14 },
  { id: 'coins_large', usd: 9.99, weight: 8 },
];
export const IAP_CUMULATIVE = cumulative(IAP_PRODUCTS.map((p) => p.weight));
/** The one subscription: a weekly VIP pass, billed every 7 days until cancelled. */
export const SUBSCRIPTION: Product = { id: 'vip_weekly', usd: 4.99, weight: 1 };
export const SUBSCRIPTION_PERIOD_DAYS = 7;
/** Index of the subscription in the writer's product list (after the IAP products). */
export const SUBSCRIPTION_PRODUCT = IAP_PRODUCTS.length;

export interface AdUnit {
  readonly platform: string;
  readonly format: 'Interstitial' | 'Rewarded';
  readonly source: string;
  readonly unit: string;
  /** USD per impression in the best-paying country. */
  readonly usd: number;
}

export const AD_UNITS: readonly AdUnit[] = [
  { platform: 'AdMob', format: 'Interstitial', source: 'AdMob Network', unit: 'level_end_interstitial', usd: 0.012 },
  { platform: 'AdMob', format: 'Interstitial', source: 'Meta Audience Network', unit: 'level_end_interstitial', usd: 0.014 },
  { platform: 'AppLovin', format: 'Interstitial', source: 'AppLovin', unit: 'level_end_interstitial', usd: 0.011 },
  { platform: 'AdMob', format: 'Rewarded', source: 'AdMob Network', unit: 'retry_rewarded', usd: 0.025 },
  { platform: 'AppLovin', format: 'Rewarded', source: 'Unity Ads', unit: 'retry_rewarded', usd: 0.028 },
];
export const INTERSTITIAL_UNITS: readonly number[] = [0, 1, 2];
export const REWARDED_UNITS: readonly number[] = [3, 4];

export const APP_ID = 'com.pdbsample.blockquest';
export const APP_VERSION_OLD = '2.3.1';
/** The mid-period release: cohorts installing on or after it retain a little better on day 1. */
export const APP_VERSION_NEW = '2.4.0';

/** Share of a user's sessions by local hour (evening peak). */
export const LOCAL_HOUR_CUMULATIVE = cumulative([
  2, 1.2, 0.8, 0.5, 0.4, 0.5, 1, 2, 3, 3.5, 3.8, 4, 4.5, 4.5, 4.2, 4.2, 4.5, 5, 6, 7, 7.5, 7, 5.5, 3.5,
]);
