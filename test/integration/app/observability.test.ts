import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startProduct, type RunningProduct } from '../../support/serviceHarness.js';

const DEPLOY = path.resolve(import.meta.dirname, '..', '..', '..', 'deploy');
const ALERTS = ['StudentMatchingTimeoutsHigh', 'LowMedianMatchConfidence', 'TimersOverdue', 'OutboxBacklogGrowing', 'DeadLetters', 'MatcherSilent'];

/** Issue 15: the alerts and the dashboard in deploy/ only name metrics the service exports. */
describe('deploy/: alerting rules and the Grafana dashboard against a live /metrics', function () {
  this.timeout(60_000);
  let api: RunningProduct;
  let worker: RunningProduct;
  let exported: Map<string, string>;

  before(async () => {
    api = await startProduct({ env: { ROLES: 'api,relay' } });
    worker = await startProduct({ databaseUrl: api.databaseUrl, env: { ROLES: 'batch,matcher,relay', METRICS_PORT: '0', CONSUMER_NAME: `worker-${process.pid}` } });
    exported = new Map([...metricTypes(await scrape(api.service.metricsUrl!)), ...metricTypes(await scrape(worker.service.metricsUrl!))]);
  });
  after(async () => {
    await worker?.stop();
    await api?.stop();
  });

  it('when a worker without the api role has METRICS_PORT, then it serves /metrics with its own runtime metrics and /readyz', async () => {
    const text = await scrape(worker.service.metricsUrl!);
    const own = metricTypes(text);
    expect(text).to.match(/^essay_matcher_last_answer_timestamp_seconds 0$/m); // no matcher has answered yet
    expect(own.get('essay_dead_letters')).to.equal('gauge');
    expect(own.get('essay_apply_seconds')).to.equal('histogram');
    expect(own.get('essay_suggestion_confidence')).to.equal('histogram');
    expect((await fetch(`${worker.service.metricsUrl}/readyz`)).status).to.equal(200);
    expect(worker.service.url).to.equal(null);
  });

  it('when a dead letter is unresolved, then essay_dead_letters counts it under its group until it is resolved', async () => {
    const [row] = await api.service.knex('dead_letters')
      .insert({ stream: 's', group_name: 'batch', entry_id: '1-0', payload: '{}', error: 'malformed', deliveries: 1 })
      .returning('id');
    expect(await scrape(api.service.metricsUrl!)).to.match(/^essay_dead_letters\{group="batch"\} 1$/m);
    await api.service.knex('dead_letters').where({ id: row.id }).update({ resolved_at: new Date(), resolution: 'discarded' });
    expect(await scrape(api.service.metricsUrl!)).to.not.match(/^essay_dead_letters\{/m);
  });

  it('when the alerting rules are read, then the six alerts are there and every metric in their expressions is exported', async () => {
    const rules = alertExpressions(await readFile(path.join(DEPLOY, 'prometheus', 'alerts.yml'), 'utf8'));
    expect([...rules.keys()]).to.have.members(ALERTS);
    for (const [alert, expr] of rules) {
      const names = metricNames(expr);
      expect(names, `${alert} names no metric`).to.not.be.empty;
      for (const name of names) expect(isExported(name, exported), `${alert}: ${name}`).to.equal(true);
    }
  });

  it('when the dashboard JSON is parsed, then every panel has a query and every metric in them is exported', async () => {
    const dashboard = JSON.parse(await readFile(path.join(DEPLOY, 'grafana', 'dashboards', 'essay-matching.json'), 'utf8')) as { panels: { title: string; targets?: { expr: string }[] }[] };
    expect(dashboard.panels.length).to.be.greaterThan(10);
    for (const panel of dashboard.panels) {
      expect(panel.targets ?? [], panel.title).to.not.be.empty;
      for (const { expr } of panel.targets!) {
        const names = metricNames(expr);
        expect(names, `${panel.title} names no metric`).to.not.be.empty;
        for (const name of names) expect(isExported(name, exported), `${panel.title}: ${name}`).to.equal(true);
      }
    }
  });

  it('when a metric is not exported, then the check says so (the check can fail)', () => {
    expect(isExported('essay_no_such_metric', exported)).to.equal(false);
    expect(isExported('essay_outbox_backlog_bucket', exported)).to.equal(false); // a gauge has no buckets
    expect(isExported('essay_apply_seconds_bucket', exported)).to.equal(true);
  });
});

async function scrape(url: string): Promise<string> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).to.equal(200);
  return response.text();
}

/** `# TYPE <name> <type>` lines of the Prometheus text format. */
function metricTypes(text: string): Map<string, string> {
  return new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
}

/** A histogram is exported as <name>_bucket, _sum and _count. */
function isExported(name: string, types: Map<string, string>): boolean {
  if (types.has(name)) return true;
  const base = /^(.*)_(bucket|sum|count)$/.exec(name)?.[1];
  return base !== undefined && types.get(base) === 'histogram';
}

/** Metric names in a PromQL expression: ours (essay_*) and the process/Node.js defaults of prom-client. */
function metricNames(expr: string): string[] {
  return [...new Set([...expr.matchAll(/\b(?:essay|process|nodejs)_[a-z0-9_]+\b/g)].map((m) => m[0]))];
}

/**
 * alert name → expression, from the rule file's `- alert:` / `expr:` lines (a one-line expr or a `|` block of
 * more-indented lines). Deliberately narrow: the file is ours and written in that shape.
 */
function alertExpressions(yaml: string): Map<string, string> {
  const rules = new Map<string, string>();
  const lines = yaml.split('\n');
  let alert: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const name = /^\s*- alert: (\S+)\s*$/.exec(lines[i]!);
    if (name) alert = name[1]!;
    const expr = /^(\s*)expr: (.*)$/.exec(lines[i]!);
    if (!expr || !alert) continue;
    if (expr[2]!.trim() !== '|') {
      rules.set(alert, expr[2]!);
      continue;
    }
    const block: string[] = [];
    while (i + 1 < lines.length && indent(lines[i + 1]!) > expr[1]!.length) block.push(lines[++i]!.trim());
    rules.set(alert, block.join(' '));
  }
  return rules;
}

const indent = (line: string) => line.length - line.trimStart().length;
