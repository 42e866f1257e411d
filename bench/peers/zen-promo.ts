/**
 * The promo-kz discount decision (programs/promo-kz-summer-2025.rules, default readings) as a
 * GoRules zen decision graph (JDM), the way the JDM editor saves one: an expression node
 * derives the table's columns from the request, the decision table `offer` (hit policy first)
 * is the program's 27-row table, and an expression node answers the five outputs. Dates use
 * the documented `d()` functions; instants are compared as epoch milliseconds and days of the
 * promotion as Astana-time day boundaries.
 */

const ASTANA = "'Asia/Almaty'";
const ms = (x: string) => `d(${x}).timestamp()`;
const dayStart = (day: string) => `d('${day}', ${ASTANA}).timestamp()`;

/**
 * "Placed and paid within the promotion period" for `record` (the order, or the Boost when there is
 * one): the end in force is the new end of the latest change published by the payment.
 */
const periodTest = (p: string, record: string): [string, string][] => {
  const guard = (x: string) => (record === 'order' ? x : `${record} == null ? null : (${x})`);
  return [
    [`${p}paid_ms`, guard(ms(`${record}.paid_at`))],
    [`${p}created_ms`, guard(ms(`${record}.created_at`))],
    [`${p}changes_by_paid`, guard(`filter(period_changes ?? [], ${ms('#.published_at')} <= $.${p}paid_ms)`)],
    [`${p}latest_change_ms`, guard(`len($.${p}changes_by_paid) > 0 ? max(map($.${p}changes_by_paid, ${ms('#.published_at')})) : null`)],
    [`${p}end_next_ms`, guard(`$.${p}latest_change_ms == null ? d('2025-08-31', ${ASTANA}).add(1, 'd').timestamp() : max(map(filter($.${p}changes_by_paid, ${ms('#.published_at')} == $.${p}latest_change_ms), d(#.new_end, ${ASTANA}).add(1, 'd').timestamp()))`)],
    [`${p}in_period`, guard(`$.${p}paid_ms >= $.start_ms and $.${p}paid_ms < $.${p}end_next_ms and $.${p}created_ms >= $.start_ms and $.${p}created_ms < $.${p}end_next_ms
      and not (stopped_at != null and ${ms('stopped_at')} <= $.${p}paid_ms)
      and none(suspensions ?? [], $.${p}paid_ms >= ${ms('#.starts_at')} and $.${p}paid_ms < ${ms('#.ends_at')})`)],
  ];
};

/** Expressions of the node that prepares the table's inputs, in order (`$` is this node's output so far). */
const derived: [string, string][] = [
  ['start_ms', dayStart('2025-07-28')],
  ...periodTest('', 'order'),
  ...periodTest('boost_', 'boost'),
  ['boost_linked', `boost != null and (boost.order_id == order.order_id or (boost.linked_enterprise_order_id != null and boost.linked_enterprise_order_id == order.order_id))`],
  ['excluded', `participant.excluded_at != null and ${ms('participant.excluded_at')} <= $.paid_ms`],
  ['opted_out', `participant.opted_out_at != null and ${ms('participant.opted_out_at')} <= $.paid_ms`],
  ['criteria', `participant.is_kazakhstani and (participant.kind != 'natural_person' or ((participant.age_years ?? 0) >= 18 and (participant.fully_capable ?? false)))`],
  ['is_cloud', `order.product == 'b24_cloud'`],
  ['on_free', `cloud_state != null and cloud_state.plan == 'free'`],
  ['moves_from_free', `$.is_cloud and $.on_free and order.transaction in ['purchase', 'new_license', 'upgrade']`],
  ['order_kind', `$.moves_from_free ? 'move_from_free' : (order.transaction in ['new_license', 'purchase'] ? ($.is_cloud ? 'purchase' : 'new_licence') : order.transaction)`],
  ['admission', `(participant.has_valid_license or ($.is_cloud and $.on_free) or $.order_kind in ['new_licence', 'purchase', 'move_from_free']) and participant.business_purpose`],
  ['in_other_promotion', `some(participant.other_promotions ?? [], ${ms('#.joined_at')} <= $.paid_ms)`],
  ['franchise', `order.is_franchise_edition ?? false`],
  ['target', `order.to_edition_or_plan ?? 'none'`],
  ['transition_source', `order.from_product == 'cms' ? (order.from_edition == 'business' ? 'cms_business' : 'cms_other') : (order.from_product == 'b24_box' ? 'b24_box' : 'other')`],
  ['source_in_time', `order.from_license_purchased_at != null and ${ms('order.from_license_purchased_at')} < ${dayStart('2025-07-24')}`],
  ['paid_b24_before', `some(license_history ?? [], #.paid and #.product in ['b24_box', 'b24_cloud'] and ${ms('#.purchased_at')} < $.paid_ms)`],
  ['cloud_in_window', `filter(license_history ?? [], #.paid and #.product == 'b24_cloud' and ${ms('#.purchased_at')} >= ${dayStart('2025-01-01')} and ${ms('#.purchased_at')} < $.start_ms)`],
  ['lapsed', `$.on_free and cloud_state.free_reason == 'commercial_expired' and cloud_state.free_since != null and d(cloud_state.free_since).timestamp() < d('2025-06-30').timestamp()`],
  ['meets_5_6', `not $.paid_b24_before or $.lapsed`],
  ['meets_5_7', `$.paid_b24_before and (not some($.cloud_in_window, #.term_months == 1) or some($.cloud_in_window, #.term_months == 12))`],
  ['meets_5_8', `$.paid_b24_before and len($.cloud_in_window) > 0 and all($.cloud_in_window, #.term_months == 1)`],
  ['term_months', `order.term_months ?? 0`],
];

const COLUMNS = ['franchise', 'order.product', 'order_kind', 'target', 'transition_source', 'source_in_time', 'meets_5_6', 'meets_5_7', 'meets_5_8', 'term_months'];
const q = (...xs: string[]) => xs.map((x) => `'${x}'`).join(', ');
const STD = q('standard', 'small_business', 'business'), IMCP = q('online_store_crm', 'corporate_portal');
/** The program's table row by row: the ten input cells (empty = any), then rate, clause, outcome. */
const ROWS: string[][] = [
  ['true', '', '', '', '', '', '', '', '', '', '0', 'none', 'excluded_5_13'],
  ['', q('cms'), q('renewal'), '', '', '', '', '', '', '', '0', 'none', 'excluded_5_4'],
  ['', q('cms'), '', q('enterprise'), '', '', '', '', '', '', '0', 'none', 'excluded_5_4'],
  ['', q('b24_box'), q('renewal'), '', '', '', '', '', '', '', '0', 'none', 'excluded_5_5'],
  ['', q('sip_connector'), '', '', '', '', '', '', '', '', '0', 'none', 'excluded_5_5'],
  ['', q('b24_box'), '', q('enterprise'), '', '', '', '', '', '', '0', 'none', 'excluded_5_5'],
  ['', q('cms'), q('new_licence'), q('start', 'standard', 'small_business', 'business'), '', '', '', '', '', '', '20', '4.1.1-a', 'granted'],
  ['', q('cms'), q('transition'), STD, q('cms_business', 'cms_other'), 'true', '', '', '', '', '25', '4.1.1-b', 'granted'],
  ['', q('cms', 'b24_box'), q('transition'), q('online_store_crm'), q('cms_business'), 'true', '', '', '', '', '20', '4.1.2-c', 'granted'],
  ['', q('b24_box'), q('new_licence'), IMCP, '', '', '', '', '', '', '15', '4.1.2-a', 'granted'],
  ['', q('b24_box'), q('transition'), IMCP, q('b24_box'), 'true', '', '', '', '', '20', '4.1.2-b', 'granted'],
  ['', q('b24_cloud'), q('purchase', 'move_from_free'), q('basic', 'standard', 'professional'), '', '', 'true', '', '', '12', '35', '4.1.3-a', 'granted'],
  ['', q('b24_cloud'), q('purchase', 'move_from_free'), q('enterprise'), '', '', 'true', '', '', '12', '40', '4.1.3-b', 'granted'],
  ['', q('b24_cloud'), q('upgrade', 'move_from_free'), q('standard', 'professional'), '', '', '', 'true', '', '12', '35', '4.1.4-a', 'granted'],
  ['', q('b24_cloud'), q('upgrade', 'move_from_free'), q('enterprise'), '', '', '', 'true', '', '12', '40', '4.1.4-b', 'granted'],
  ['', q('b24_cloud'), q('renewal', 'upgrade', 'move_from_free'), q('standard', 'professional'), '', '', '', '', 'true', '12', '35', '4.1.5-a', 'granted'],
  ['', q('b24_cloud'), q('renewal', 'upgrade', 'move_from_free'), q('enterprise'), '', '', '', '', 'true', '12', '40', '4.1.5-b', 'granted'],
  ['', q('cms'), q('transition'), STD, q('cms_business', 'cms_other'), 'false', '', '', '', '', '0', 'none', 'source_not_before_cutoff'],
  ['', q('cms', 'b24_box'), q('transition'), q('online_store_crm'), q('cms_business'), 'false', '', '', '', '', '0', 'none', 'source_not_before_cutoff'],
  ['', q('b24_box'), q('transition'), IMCP, q('b24_box'), 'false', '', '', '', '', '0', 'none', 'source_not_before_cutoff'],
  ['', q('cms'), q('transition'), STD, q('b24_box', 'other'), '', '', '', '', '', '0', 'none', 'source_not_listed'],
  ['', q('cms', 'b24_box'), q('transition'), IMCP, q('cms_business', 'cms_other', 'other'), '', '', '', '', '', '0', 'none', 'source_not_listed'],
  ['', q('b24_cloud'), q('purchase', 'move_from_free'), '', '', '', 'false', '', '', '', '0', 'none', 'fails_5_6'],
  ['', q('b24_cloud'), q('upgrade'), '', '', '', '', 'false', 'false', '', '0', 'none', 'fails_5_7_and_5_8'],
  ['', q('b24_cloud'), q('renewal'), '', '', '', '', '', 'false', '', '0', 'none', 'fails_5_8'],
  ['', q('b24_cloud'), '', '', '', '', '', '', '', '!= 12', '0', 'none', 'term_not_12_months'],
  ['', '', '', '', '', '', '', '', '', '', '0', 'none', 'not_offered'],
];

const EXCLUSION_OF: Record<string, string> = {
  excluded_5_13: '5.13', excluded_5_4: '5.4', excluded_5_5: '5.5', source_not_listed: 'source_licence', source_not_before_cutoff: 'source_licence_date',
  fails_5_6: 'eligibility_5.6', fails_5_7_and_5_8: 'eligibility_5.7', fails_5_8: 'eligibility_5.8', term_not_12_months: 'term_12_months', not_offered: 'not_offered',
};
const exclusionChain = [
  ['excluded', 'excluded'], ['opted_out', 'opted_out'], ['not in_period', 'out_of_period'], ['not criteria', '1.2.3'], ['not admission', '5.1'],
  ...Object.entries(EXCLUSION_OF).map(([outcome, text]) => [`offer.outcome == '${outcome}'`, text]),
  ['in_other_promotion', '5.11'], ['$.best_other > 0', '5.11'],
].reduceRight((rest, [test, text]) => `${test} ? '${text}' : (${rest})`, `'none'`);

/** The answer: the six outputs of the decision (§4.1, §5.3, §5.11 with the Boost of §4.1.6). */
const answer: [string, string][] = [
  ['promotion_price', `not excluded and not opted_out and in_period and criteria and admission and not in_other_promotion and offer.outcome == 'granted'`],
  ['discount_pct', `$.promotion_price ? offer.rate : 0`],
  ['discount_amount', `round(order.list_price * $.discount_pct / 100)`],
  ['applied_clause', `$.promotion_price ? offer.clause : 'none'`],
  ['best_other', `len(order.other_discounts ?? []) > 0 ? max(map(order.other_discounts, min([order.list_price, #.pct != null ? round(#.pct * order.list_price / 100) : (#.amount ?? 0)]))) : 0`],
  ['exclusion', exclusionChain],
  ['boost_terms', `boost != null and $.promotion_price and is_cloud and target == 'enterprise' and boost_linked and boost.term_months == 12 and boost_in_period`],
  ['boost_terms_discount', `$.boost_terms ? min([576000, boost.list_price]) : 0`],
  ['promotion_wins', `$.promotion_price and $.discount_amount + $.boost_terms_discount >= $.best_other`],
  ['applied_discount', `$.promotion_wins ? 'promotion' : ($.best_other > 0 ? 'other_discount' : 'no_discount')`],
  ['final_price', `order.list_price - ($.promotion_wins ? $.discount_amount : ($.best_other > 0 ? $.best_other : 0))`],
];

const expressions = (xs: [string, string][]) => xs.map(([key, value], i) => ({ id: `e${i}`, key, value }));
const at = (x: number) => ({ x, y: 100 });

/** The decision graph, as JSON content for `new ZenEngine().createDecision(...)`. */
export const PROMO_KZ_JDM = {
  contentType: 'application/vnd.gorules.decision',
  nodes: [
    { id: 'request', type: 'inputNode', name: 'Request', position: at(0), content: {} },
    { id: 'derived', type: 'expressionNode', name: 'Derived columns', position: at(200), content: { expressions: expressions(derived), passThrough: true } },
    {
      id: 'offer', type: 'decisionTableNode', name: 'offer', position: at(400),
      content: {
        hitPolicy: 'first', passThrough: true, outputPath: 'offer',
        inputs: COLUMNS.map((field, i) => ({ id: `in${i}`, name: field, field })),
        outputs: ['rate', 'clause', 'outcome'].map((field) => ({ id: `out_${field}`, name: field, field })),
        rules: ROWS.map((row, r) => {
          const rule: Record<string, string> = { _id: `row${r + 1}` };
          COLUMNS.forEach((_, i) => { rule[`in${i}`] = row[i]!; });
          rule.out_rate = row[10]!; rule.out_clause = `'${row[11]}'`; rule.out_outcome = `'${row[12]}'`;
          return rule;
        }),
      },
    },
    { id: 'answer', type: 'expressionNode', name: 'Answer', position: at(600), content: { expressions: expressions(answer), passThrough: false } },
    { id: 'response', type: 'outputNode', name: 'Response', position: at(800), content: {} },
  ],
  edges: [['request', 'derived'], ['derived', 'offer'], ['offer', 'answer'], ['answer', 'response']].map(([sourceId, targetId], i) => ({ id: `edge${i}`, type: 'edge', sourceId, targetId })),
};
