/**
 * The Edges tab's controller: searches the selected scenario's edges in the edges
 * worker (the editor and the engine worker go on meanwhile), runs a neighbour in the
 * Result tab, and adds a neighbour to the scenarios with its observed outputs as
 * expectations and a note to review it against the clause.
 */
import type { App } from './app.js';
import type { Edge, EdgeReport, Neighbour } from '../../edges/find.js';
import { neighbourScenario } from '../../edges/save.js';
import type { Scenario } from '../../runtime/scenario.js';
import { EdgesClient } from './engine/edges-client.js';
import { renderEdges } from './ui/edges-panel.js';
import { renderResults } from './ui/results-panel.js';
import { h } from './ui/dom.js';

/** The tab's state and actions. */
export class EdgesTab {
  private client = new EdgesClient();
  private report?: EdgeReport;
  private svg?: string;
  private problem?: string;
  private busy = false;
  private started = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;
  /** What the shown report was found for: the scenario's name, and source + scenario + readings. */
  private forName?: string;
  private forKey?: string;
  private added = new Set<string>();
  private search = 0;

  constructor(private app: App) {}

  private selected(): Scenario | undefined {
    return this.app.state.scenarios[this.app.state.selected];
  }

  private key(s: Scenario | undefined): string {
    return JSON.stringify([this.app.state.source, s, this.app.state.overrides]);
  }

  /** Searches the selected scenario's edges. */
  async find(): Promise<void> {
    const s = this.selected();
    if (!s || this.busy) return;
    const mine = ++this.search;
    this.busy = true; this.started = performance.now(); this.problem = undefined;
    this.ticker = setInterval(() => this.render(), 1000);
    this.render();
    const key = this.key(s);
    const answer = await this.client.ask<'search'>({ type: 'search', source: this.app.state.source, scenario: structuredClone(s), overrides: { ...this.app.state.overrides } });
    if (mine !== this.search) return;
    this.finish();
    if (answer.type !== 'search') return;
    const r = answer.result;
    if (r.ok) { this.report = r.report; this.svg = r.svg; this.added = new Set(); } else { this.report = undefined; this.svg = undefined; this.problem = r.message; }
    this.forName = s.name; this.forKey = key;
    this.render();
  }

  private finish(): void {
    this.busy = false;
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  /** Stops a running search. */
  stop(): void {
    this.search++;
    this.client.stop();
    this.finish();
    this.problem = 'The search was stopped.';
    this.render();
  }

  private base(): Scenario | undefined {
    const s = this.app.state.scenarios.find((x) => x.name === this.forName);
    return s;
  }

  private scenarioOf(edge: Edge, n: Neighbour): { scenario: Scenario; note: string } | undefined {
    const b = this.base();
    if (!b) return undefined;
    const made = neighbourScenario({ name: b.name, input: b.input, asOf: b.as_of, readings: b.readings, calendar: b.calendar }, edge, n);
    return { scenario: made.scenario as unknown as Scenario, note: made.note };
  }

  /** Runs a neighbour and shows it, with its explanation, in the Result tab (it is not added). */
  async run(edge: Edge, n: Neighbour): Promise<void> {
    const made = this.scenarioOf(edge, n);
    if (!made) return;
    const answer = await this.client.ask<'run'>({ type: 'run', source: this.app.state.source, scenario: made.scenario, overrides: { ...this.app.state.overrides } });
    if (answer.type !== 'run') return;
    const host = this.app.layout.tabs.result;
    renderResults(host, { scenario: made.scenario, outcome: answer.outcome, trace: answer.trace, meta: this.app.meta, stale: false });
    host.prepend(h('div#neighbour-note.note', { role: 'status' }, [
      `Neighbour ${n.id} of “${this.forName}” (${n.field} = ${typeof n.value === 'string' ? n.value : JSON.stringify(n.value)}), not a scenario. `,
      h('button.small', { type: 'button', onclick: () => this.add(edge, n) }, 'Add as scenario'),
    ]));
    this.app.layout.showTab('result');
  }

  /** Adds a neighbour after the scenarios and selects it. */
  add(edge: Edge, n: Neighbour): void {
    const made = this.scenarioOf(edge, n);
    if (!made || this.added.has(n.id)) return;
    this.added.add(n.id);
    const st = this.app.state;
    st.scenarios.push({ ...made.scenario, description: made.note });
    this.app.outcomes.push(undefined);
    this.app.revealSelected = true;
    this.app.select(st.scenarios.length - 1);
  }

  /** Renders the tab (when it is open; the results of another scenario are not shown as its own). */
  render(): void {
    if (this.app.layout.activeTab() !== 'edges') return;
    const s = this.selected();
    const own = !!s && s.name === this.forName;
    renderEdges(this.app.layout.tabs.edges, {
      scenarioName: s?.name, busy: this.busy, elapsed: performance.now() - this.started,
      report: own ? this.report : undefined, svg: own ? this.svg : undefined, problem: own || this.busy ? this.problem : undefined,
      stale: own && this.forKey !== this.key(s), zone: this.app.meta?.program.zone ?? 'UTC', added: this.added,
      onSearch: () => void this.find(), onStop: () => this.stop(), onRun: (e, n) => void this.run(e, n), onAdd: (e, n) => this.add(e, n),
    });
  }
}
