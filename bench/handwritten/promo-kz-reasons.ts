/**
 * The sentences (and clauses) the promo-kz program gives when a requirement is not met,
 * as a production service keeps them: one table of constants, copied from the rules.
 */
import type { Reason } from './common.js';

const r = (reason: string, clauses: string): Reason => Object.freeze({ reason, clauses: clauses.split(' ') }) as Reason;

export const WHY = {
  notPaidInPeriod: r("the order was not paid within the promotion period (28.07.2025–31.08.2025, Astana time)", "§5.2 §2.1 §2.2"),
  notPlacedInPeriod: r("the order was not placed within the promotion period", "§5.2"),
  stopped: r("the organizer had stopped the promotion before the payment", "§8.6 §8.7"),
  suspended: r("the promotion was suspended when the order was paid", "§8.7"),
  notKazakhstani: r("the participant is not a Kazakhstani legal entity, individual entrepreneur or natural person", "§1.2.3 §2.3"),
  under18: r("the participant is a natural person under 18", "§1.2.3"),
  notCapable: r("the participant is a natural person without full legal capacity", "§1.2.3"),
  noLicence: r("the participant holds no valid licence for the program", "§5.1.1"),
  notBusiness: r("the order is not for business or other economic (including non-profit) activity", "§5.1.2 §1.2.3"),
  excluded_5_13: r("the licence is for «1С-Битрикс: 1С: Франчайзи», which the promotion excludes", "§5.13"),
  excluded_5_4: r("the order is a renewal of a «1С-Битрикс: Управление сайтом» licence or its «Энтерпрайз» edition (bought or moved to), which §5.4 excludes", "§5.4"),
  excluded_5_5: r("the order is a renewal of a Bitrix24 box licence, a SIP connector, or the box «Энтерпрайз» edition (bought or moved to), which §5.5 excludes", "§5.5"),
  source_not_listed: r("the licence moved from is not one the seed names for this transition: a CMS licence for «Стандарт», «Малый бизнес», «Бизнес»; CMS «Бизнес» for «Интернет-магазин + CRM»; a Bitrix24 box licence for «Интернет-магазин + CRM», «Корпоративный портал»", "§4.1.1 §4.1.2"),
  source_not_before_cutoff: r("the licence moved from was not bought before 24.07.2025 (or its purchase instant was not given)", "§4.1.1 §4.1.2"),
  fails_5_6: r("the participant bought a paid Bitrix24 licence before and is not on the Free plan since a commercial licence expired before 30.06.2025, so §4.1.3 is closed to it", "§5.6"),
  fails_5_7_and_5_8: r("for an upgrade the participant meets neither §5.7 (paid before; from 01.01.2025 to the start no 1-month cloud licence, or a 12-month one) nor §5.8 (paid before; only 1-month ones)", "§5.7 §5.8"),
  fails_5_8: r("for a renewal the participant does not meet §5.8 (paid before; only 1-month cloud licences from 01.01.2025 to the start of the promotion)", "§5.8"),
  term_not_12_months: r("the cloud plan is not bought for 12 months", "§4.1.3 §4.1.4 §4.1.5"),
  not_offered: r("the promotion offers no discount for this product, transaction and edition", "§4.1"),
  excludedByOrganizer: r("the organizer excluded the participant before the payment", "§8.3 §8.4 §5.10"),
  optedOut: r("the participant opted out of the promotion before the payment", "§5.10"),
  outOfPeriod: r("the order is outside the promotion period", "§5.2"),
  notParticipant: r("the participant does not meet §1.2.3", "§1.2.3"),
  notAdmitted: r("the participant does not meet §5.1", "§5.1"),
  otherPromotion: r("the participant already takes part in another promotion; a participant may take part in only one", "§5.11"),
  noOffer: r("the promotion gives no discount on this order", "§4.1"),
  noBoost: r("the order has no Copilot Boost", "§4.1.6"),
  notEnterpriseGranted: r("the order is not a 12-month «Энтерпрайз» plan at the promotional price of §4.1.3, §4.1.4 or §4.1.5", "§4.1.3 §4.1.4 §4.1.5"),
  boostNotLinked: r("the Boost is neither in the same order as the Enterprise plan nor linked to it", "§4.1.6"),
  boostTerm: r("the Boost is not bought for 12 months", "§4.1.6"),
  boostPeriod: r("the Boost order was not placed and paid within the promotion period", "§5.2 §4.1.6"),
  boostTerms: r("the Boost's conditions are not met", "§4.1.6"),
  otherWins: r("another discount on the licence is worth more than the promotion's discount and the Boost discount together and is applied instead; the Boost discount comes only with the promotion", "§5.11 §4.1.6"),
} as const;
