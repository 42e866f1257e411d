/** The sentences of programs/atrealt.rules for requirements not met, and the notes, copied from the rules. */
import type { Reason } from './common.js';

const r = (reason: string, clauses: string): Reason => ({ reason, clauses: clauses.split(' ') });

export const WHY = {
  neverRequested: r("the partner never asked to pin this client; without pinning the partner has no claim to a reward", "§1.2"),
  requestedLate: r("the partner asked to pin this client only after the invoice was generated; without pinning at the invoice the partner has no claim to a reward", "§1.2"),
  refusedOther: r("ATRealt refused to pin the client because the client was negotiating with another partner", "§1.2"),
  refusedDirect: r("ATRealt refused to pin the client because the client was negotiating directly with ATRealt", "§1.2"),
  refusedNoReason: r("ATRealt refused to pin the client", "§1.2"),
  undecided: r("the pinning request had not been decided when the invoice was generated", "§1.2"),
  approvedLate: r("the pinning was approved only after the invoice was generated; a later approval gives no reward for this invoice", "§1.2"),
  undated: r("the pinning is marked approved but the time of the approval is not given, so it cannot be shown to have been in force at the invoice", "§1.2"),
  unpinned: r("ATRealt had unpinned the client from the partner before the invoice, at the client's request", "§4.5"),
  elsewhere: r("the client was pinned to another partner when the invoice was generated", "§1.2"),
  outOfScope: r("the payment is not for one of the three apps these rules cover; the payment order and the reward for another app are agreed separately by e-mail", "§Preamble"),
  unregistered: r("the partner is not registered in the partner cabinet: the base discount is for registered partners, and invoices are made only there", "§5.2 §5.1"),
  revoked: r("the partner had lost its partner status for a repeated breach before the invoice", "§4.1"),
  over: r("the client was charged more than the list price on atrealt.ru/prices", "§3.3"),
  under: r("the client was charged less than the list price on atrealt.ru/prices", "§3.3"),
  overAgreed: r("the client was charged more than the price agreed with the rights holder", "§3.3"),
  underAgreed: r("the client was charged less than the price agreed with the rights holder", "§3.3"),
  short: r("the term paid for is shorter than the 1-month minimum", "§5.3"),
  fraction: r("the term is not a whole number of months, while sublicenses are priced per month", "§5.3"),
  quantity: r("the invoice's number of sublicenses differs from the number the client paid for", "§1.6"),
  term: r("the invoice's term differs from the term the client paid for", "§1.6"),
};

/** The notes, in the order of the `notes` output. */
export const NOTE = [
  "No invoice has been generated yet: the pinning and the partner's standing are checked at the evaluation instant, and the invoice's number of sublicenses and term are not compared (§1.6, §5.1).",
  "The partner has not paid ATRealt by the evaluation instant: the actual reward is not known yet (§5.2).",
  "The transfer given is dated after the evaluation instant, so it is not taken into account yet (§1.6).",
  "The partner paid ATRealt less than the invoice amount these rules expect: the client's payment is not transferred in full, and the rest is due by the same deadline (§1.6, §5.1).",
  "No current discount is given for the partner: the base 20% is used (§5.1, §5.2).",
  "The current discount given is below the 20% base; the base is used (§5.2).",
  "This payment shows a breach that no established violation names; it is not counted in violation_count until ATRealt establishes it (§4.1).",
  "A violation established after the evaluation day is not counted yet (§4.1).",
  "The amount on the invoice differs from the amount these rules expect (§5.1).",
  "The app is not covered by these rules: the payment order and the reward are agreed separately by e-mail, so the invoice amount, the reward, the transfer deadline and the breaches of §1.6 and §3.3 are not determined here (preamble).",
];

/** The rows of the table breach_findings, in order. */
export const GROUND = [
  { clause: "clause_3_3", ground: "the sublicenses were sold at a price other than the list price, without the rights holder's agreement" },
  { clause: "clause_3_3", ground: "the sublicenses were sold at a price other than the one agreed with the rights holder" },
  { clause: "clause_1_6", ground: "the invoice does not match the number of sublicenses and the term the client paid for" },
  { clause: "clause_1_6", ground: "the client's payment was not transferred to ATRealt within 3 business days" },
];
