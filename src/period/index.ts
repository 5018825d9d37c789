/** Time: dates, day counts, pro rata, parts of a year and payments on account. No ambient clock. */
export { addMonthsTo, daysIn, nextDay, previousDay, type IsoDate, type MonthEnd } from './dates.js';
export { DEFAULT_CALENDAR, proRata, type Calendar, type DayCount, type ProRata, type Span } from './day-count.js';
export { fraction, fractionText, isOne, ONE, scaleUnits, wholeWeights, type Fraction } from './fraction.js';
export { instalments, type Instalment } from './instalments.js';
export { amountForSpan, yearParts, type YearParts } from './parts.js';
export { splitPeriod, type Frequency } from './split.js';
