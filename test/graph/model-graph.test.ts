import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildGraph, type GraphNode } from '../../src/graph/model-graph.js';
import { PdbErrors, type PdbError } from '../../src/errors/pdb-error.js';
import { modelId } from '../../src/project/types.js';
import { FIXTURE_NODES, FIXTURE_ORDER } from './fixture-dag.js';

const CYCLE_HINT = 'remove one of these ref() calls, or move the shared logic into a new upstream model.';

function model(name: string, dependsOn: readonly string[], refLines?: Record<string, number>): GraphNode {
  const base = { id: modelId(name), path: `models/${name}.sql`, folders: [], tags: [], dependsOn: dependsOn.map(modelId) };
  return refLines === undefined ? base : { ...base, refLines };
}

/** The errors buildGraph throws, as plain data so one assert shows every field. */
function errorsOf(nodes: readonly GraphNode[]): { code: string; message: string; location: unknown; hint: unknown }[] {
  try {
    buildGraph(nodes);
  } catch (e) {
    assert.instance(e, PdbErrors);
    return (e as PdbErrors).errors.map((x: PdbError) => ({ code: x.code, message: x.message, location: x.location, hint: x.hint }));
  }
  assert.unreachable('expected buildGraph to throw');
  return [];
}

test('topological order: dependencies first, ties by name', () => {
  assert.equal(buildGraph(FIXTURE_NODES).order, FIXTURE_ORDER);
});

test('topological order does not depend on input order', () => {
  const reversed = [...FIXTURE_NODES].reverse();
  const rotated = [...FIXTURE_NODES.slice(5), ...FIXTURE_NODES.slice(0, 5)];
  assert.equal(buildGraph(reversed).order, FIXTURE_ORDER);
  assert.equal(buildGraph(rotated).order, FIXTURE_ORDER);
});

test('many models ready at once come out in name order', () => {
  // 300 independent models, then 300 that each ref one of them: a wide ready set exercises the queue.
  const random = lcg(7);
  const roots = Array.from({ length: 300 }, (_, i) => `r${String(i).padStart(3, '0')}`);
  const leaves = roots.map((r, i) => ({ name: `x${String(299 - i).padStart(3, '0')}`, dep: r }));
  const nodes = [...roots.map((r) => model(r, [])), ...leaves.map((l) => model(l.name, [l.dep]))];
  for (let i = nodes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [nodes[i], nodes[j]] = [nodes[j]!, nodes[i]!];
  }
  // Every leaf becomes ready as soon as its root is placed and `r...` < `x...`, so each leaf
  // waits until all roots are out; then the leaves come out by name.
  const expected = [...roots, ...leaves.map((l) => l.name).sort()];
  assert.equal(buildGraph(nodes).order, expected);
});

test('parents and children are sorted by name; unknown ids have none', () => {
  const graph = buildGraph(FIXTURE_NODES);
  assert.equal(graph.parents(modelId('weekly_report')), ['dau', 'retention_curve', 'revenue']);
  assert.equal(graph.children(modelId('stg_events')), ['int_user_days', 'int_users', 'revenue']);
  assert.equal(graph.parents(modelId('stg_events')), []);
  assert.equal(graph.children(modelId('weekly_report')), []);
  assert.equal(graph.parents(modelId('nope')), []);
  assert.equal(graph.nodes.get(modelId('dau'))?.path, 'models/metrics/dau.sql');
  assert.is(graph.nodes.size, 12);
});

test('a ref repeated in one model is one edge', () => {
  const graph = buildGraph([model('a', []), model('b', ['a', 'a'])]);
  assert.equal(graph.children(modelId('a')), ['b']);
  assert.equal(graph.order, ['a', 'b']);
});

test('2-cycle: located at the ref line of the smallest model', () => {
  const nodes = [model('b', ['a']), model('a', ['b'], { b: 7 }), model('c', []), model('d', ['a'])];
  assert.equal(errorsOf(nodes), [
    {
      code: 'E_CYCLE',
      message: 'models/a.sql -> models/b.sql -> models/a.sql form a cycle: a refs b, b refs a.',
      location: { file: 'models/a.sql', line: 7 },
      hint: CYCLE_HINT,
    },
  ]);
});

test('3-cycle: starts at the alphabetically smallest model', () => {
  const nodes = [model('orders', ['payments']), model('payments', ['customers']), model('customers', ['orders'])];
  assert.equal(errorsOf(nodes), [
    {
      code: 'E_CYCLE',
      message:
        'models/customers.sql -> models/orders.sql -> models/payments.sql -> models/customers.sql form a cycle: ' +
        'customers refs orders, orders refs payments, payments refs customers.',
      location: { file: 'models/customers.sql' },
      hint: CYCLE_HINT,
    },
  ]);
});

test('self-ref', () => {
  assert.equal(errorsOf([model('a', []), model('dau', ['a', 'dau'], { a: 2, dau: 4 })]), [
    {
      code: 'E_CYCLE',
      message: "models/dau.sql refs itself: ref('dau') in model dau forms a cycle.",
      location: { file: 'models/dau.sql', line: 4 },
      hint: "remove ref('dau') from models/dau.sql: a model cannot read its own output.",
    },
  ]);
});

test('one error per cycle, sorted; one component gives one error with its shortest cycle', () => {
  // x <-> y and y <-> z are one component (shortest cycle through x: x, y); p <-> q is another.
  const nodes = [model('q', ['p']), model('p', ['q']), model('x', ['y']), model('y', ['x', 'z']), model('z', ['y'])];
  assert.equal(
    errorsOf(nodes).map((e) => e.message),
    [
      'models/p.sql -> models/q.sql -> models/p.sql form a cycle: p refs q, q refs p.',
      'models/x.sql -> models/y.sql -> models/x.sql form a cycle: x refs y, y refs x.',
    ],
  );
});

test('the shortest way round is chosen inside a component', () => {
  // a -> b -> c -> d -> a and a -> d: the cycle through a is a, d.
  const nodes = [model('a', ['b', 'd']), model('b', ['c']), model('c', ['d']), model('d', ['a'])];
  assert.equal(errorsOf(nodes).map((e) => e.message), [
    'models/a.sql -> models/d.sql -> models/a.sql form a cycle: a refs d, d refs a.',
  ]);
});

test('a ref to a missing model, with did-you-mean', () => {
  assert.equal(errorsOf([model('users', []), model('dau', ['usrs', 'users'], { usrs: 3 })]), [
    {
      code: 'E_REF_UNKNOWN',
      message: "models/dau.sql refs 'usrs', which is not a model. Did you mean 'users'?",
      location: { file: 'models/dau.sql', line: 3 },
      hint: "fix the name in ref('usrs'), or add a model file named usrs.sql.",
    },
  ]);
});

test('two models with one name', () => {
  const first = { ...model('dau', []), path: 'models/a/dau.sql' };
  const second = { ...model('dau', []), path: 'models/b/dau.sql' };
  assert.equal(errorsOf([first, second]), [
    {
      code: 'E_MODEL_DUPLICATE',
      message: "Two models are named 'dau': models/a/dau.sql and models/b/dau.sql.",
      location: { file: 'models/b/dau.sql' },
      hint: "rename one of the files: a model's name is its file name and must be unique in the project.",
    },
  ]);
});

/** A deterministic pseudo-random generator, so the big graph is the same on every run. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

test('10,000 models and about 20,000 refs build, in an order that respects every ref', () => {
  const random = lcg(42);
  const names = Array.from({ length: 10_000 }, (_, i) => `m${String(i).padStart(5, '0')}`);
  const nodes = names.map((name, i) => {
    const deps = i === 0 ? [] : [names[Math.floor(random() * i)]!, names[Math.floor(random() * i)]!];
    return model(name, deps);
  });
  const graph = buildGraph([...nodes].reverse());
  assert.is(graph.order.length, 10_000);
  const position = new Map(graph.order.map((id, i) => [id, i]));
  for (const node of nodes) for (const dep of node.dependsOn) assert.ok(position.get(dep)! < position.get(node.id)!);
});

test('a cycle through 10,000 models is reported without overflowing the stack', () => {
  const names = Array.from({ length: 10_000 }, (_, i) => `m${String(i).padStart(5, '0')}`);
  const nodes = names.map((name, i) => model(name, [names[(i + 1) % names.length]!]));
  const errors = errorsOf(nodes);
  assert.is(errors.length, 1);
  assert.ok(errors[0]!.message.startsWith('models/m00000.sql -> models/m00001.sql -> '));
  assert.ok(errors[0]!.message.endsWith(', m09998 refs m09999, m09999 refs m00000.'));
});

test.run();
