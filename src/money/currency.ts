/**
 * ISO 4217 currencies the library knows, with their minor units (decimal places).
 * Source: ISO 4217 list one (SIX Financial Information), minor unit column.
 */
export const CURRENCIES = {
  GBP: { code: 'GBP', name: 'Pound sterling', minorUnits: 2 },
  EUR: { code: 'EUR', name: 'Euro', minorUnits: 2 },
  USD: { code: 'USD', name: 'US dollar', minorUnits: 2 },
  CAD: { code: 'CAD', name: 'Canadian dollar', minorUnits: 2 },
  AUD: { code: 'AUD', name: 'Australian dollar', minorUnits: 2 },
  NZD: { code: 'NZD', name: 'New Zealand dollar', minorUnits: 2 },
  CHF: { code: 'CHF', name: 'Swiss franc', minorUnits: 2 },
  SEK: { code: 'SEK', name: 'Swedish krona', minorUnits: 2 },
  NOK: { code: 'NOK', name: 'Norwegian krone', minorUnits: 2 },
  DKK: { code: 'DKK', name: 'Danish krone', minorUnits: 2 },
  JPY: { code: 'JPY', name: 'Yen', minorUnits: 0 },
  KWD: { code: 'KWD', name: 'Kuwaiti dinar', minorUnits: 3 },
} as const;

export type CurrencyCode = keyof typeof CURRENCIES;
export const CURRENCY_CODES = Object.keys(CURRENCIES) as [CurrencyCode, ...CurrencyCode[]];

export function isCurrencyCode(code: unknown): code is CurrencyCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(CURRENCIES, code);
}

/** Decimal places of the currency's minor unit (2 for GBP: pence). */
export function minorUnits(code: CurrencyCode): number {
  return CURRENCIES[code].minorUnits;
}
