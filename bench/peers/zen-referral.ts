/**
 * The referral-ru bonus rule (bench/programs/referral-bonus.rules) as a GoRules zen decision graph:
 * an expression node for the two derived columns (the purchase counts; it falls within three
 * years of the registration, Moscow days, with the documented `d()` date functions), the
 * five-row table (hit policy first) and an expression node rounding the bonus to the kopeck.
 */
const MOSCOW = "'Europe/Moscow'";

/** The decision graph, as JSON content for `new ZenEngine().createDecision(...)`. */
export const REFERRAL_BONUS_JDM = {
  contentType: 'application/vnd.gorules.decision',
  nodes: [
    { id: 'request', type: 'inputNode', name: 'Request', position: { x: 0, y: 100 }, content: {} },
    {
      id: 'derived', type: 'expressionNode', name: 'Derived columns', position: { x: 200, y: 100 },
      content: {
        passThrough: true,
        expressions: [
          { id: 'e0', key: 'counts', value: `purchase.item_type == 'cloud_paid_plan' and purchase.seller == 'bitrix_direct' and (client_country ?? 'RU') == 'RU'` },
          // inclusive: through the end of the anniversary day (reading window_end = inclusive_anniversary)
          { id: 'e1', key: 'in_window', value: `d(purchase.paid_at).tz(${MOSCOW}).isSameOrBefore(d(client_registered_at).tz(${MOSCOW}).add(3, 'y'), 'day')` },
        ],
      },
    },
    {
      id: 'rule', type: 'decisionTableNode', name: 'purchase_rule', position: { x: 400, y: 100 },
      content: {
        hitPolicy: 'first', passThrough: true, outputPath: 'rule',
        inputs: [
          { id: 'counts', name: 'Counts', field: 'counts' }, { id: 'attributed', name: 'Attributed', field: 'attributed' },
          { id: 'earlier', name: 'Earlier purchase', field: 'earlier_attributed_purchase' }, { id: 'window', name: 'In window', field: 'in_window' },
        ],
        outputs: [{ id: 'kind', name: 'Kind', field: 'kind' }, { id: 'rate', name: 'Rate', field: 'rate' }],
        rules: [
          { _id: 'r1', counts: 'false', attributed: '', earlier: '', window: '', kind: "'not_counted'", rate: '0' },
          { _id: 'r2', counts: '', attributed: 'false', earlier: '', window: '', kind: "'client_unbound'", rate: '0' },
          { _id: 'r3', counts: '', attributed: '', earlier: 'false', window: '', kind: "'first_purchase'", rate: '50' },
          { _id: 'r4', counts: '', attributed: '', earlier: 'true', window: 'true', kind: "'renewal'", rate: '20' },
          { _id: 'r5', counts: '', attributed: '', earlier: '', window: '', kind: "'after_window'", rate: '0' },
        ],
      },
    },
    {
      id: 'answer', type: 'expressionNode', name: 'Answer', position: { x: 600, y: 100 },
      content: {
        passThrough: false,
        expressions: [
          { id: 'a0', key: 'kind', value: 'rule.kind' },
          { id: 'a1', key: 'rate', value: 'rule.rate' },
          { id: 'a2', key: 'bonuses', value: 'round(purchase.amount * rule.rate / 100, 2)' },
        ],
      },
    },
    { id: 'response', type: 'outputNode', name: 'Response', position: { x: 800, y: 100 }, content: {} },
  ],
  edges: [['request', 'derived'], ['derived', 'rule'], ['rule', 'answer'], ['answer', 'response']].map(([sourceId, targetId], i) => ({ id: `edge${i}`, type: 'edge', sourceId, targetId })),
};
