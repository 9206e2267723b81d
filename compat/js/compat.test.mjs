// The official Kubernetes JavaScript client against the rdd API (docs/api-server.md, "Compatibility").
// Run by bats/tests/50-compat with KUBECONFIG (the instance kubeconfig), RDD_NAMESPACE and, for the informer test,
// DOCKER_HOST and RDD_TEST_IMAGE. Every wait has a deadline; nothing sleeps as a synchroniser.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as k8s from '@kubernetes/client-node';

const kc = new k8s.KubeConfig();
kc.loadFromDefault();
const core = kc.makeApiClient(k8s.CoreV1Api);
const custom = kc.makeApiClient(k8s.CustomObjectsApi);
const ns = process.env.RDD_NAMESPACE || 'default';
const suffix = `${process.pid}-${Date.now().toString(36)}`;
const cleanups = [];
after(async () => {
  for (const c of cleanups.reverse()) {
    try { await c(); } catch { /* already gone */ }
  }
});

/** Resolves when pred(value) holds for a value the returned push() receives, rejects at the deadline. */
function waiter(ms, what) {
  let resolve, reject;
  const p = new Promise((res, rej) => { resolve = res; reject = rej; });
  const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  return { promise: p.finally(() => clearTimeout(timer)), resolve, reject };
}

function status(e) {
  return e?.code ?? e?.response?.statusCode ?? e?.statusCode;
}

test('list: namespaces, config maps and custom resources', async () => {
  const nss = await core.listNamespace();
  assert.ok(nss.items.some((n) => n.metadata.name === 'default'), 'default namespace listed');
  const cms = await core.listNamespacedConfigMap({ namespace: ns });
  assert.ok(Array.isArray(cms.items));
  const apps = await custom.listClusterCustomObject({ group: 'app.rancherdesktop.io', version: 'v1alpha1', plural: 'apps' });
  assert.ok(apps.items.some((a) => a.metadata.name === 'app'), 'the App is listed');
});

test('create without apiVersion and kind for a built-in kind', async () => {
  const name = `js-bare-${suffix}`;
  const created = await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name }, data: { a: '1' } } });
  cleanups.push(() => core.deleteNamespacedConfigMap({ name, namespace: ns }));
  assert.equal(created.metadata.name, name);
  assert.equal(created.data.a, '1');
  const read = await core.readNamespacedConfigMap({ name, namespace: ns });
  assert.equal(read.kind, 'ConfigMap');
  assert.equal(read.apiVersion, 'v1');
});

test('watch: an ADDED event for a new config map arrives', async () => {
  const name = `js-watch-${suffix}`;
  const seen = waiter(10_000, `ADDED ${name}`);
  const watch = new k8s.Watch(kc);
  const req = await watch.watch(`/api/v1/namespaces/${ns}/configmaps`, { allowWatchBookmarks: true },
    (type, obj) => { if (type === 'ADDED' && obj.metadata.name === name) seen.resolve(obj); },
    (err) => { if (err) seen.reject(err); });
  try {
    await core.createNamespacedConfigMap({ namespace: ns, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } } });
    cleanups.push(() => core.deleteNamespacedConfigMap({ name, namespace: ns }));
    const obj = await seen.promise;
    assert.equal(obj.metadata.namespace, ns);
  } finally {
    req.abort();
  }
});

test('merge patch and JSON patch', async () => {
  const name = `js-patch-${suffix}`;
  await core.createNamespacedConfigMap({ namespace: ns, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1' } } });
  cleanups.push(() => core.deleteNamespacedConfigMap({ name, namespace: ns }));
  const merged = await core.patchNamespacedConfigMap({ name, namespace: ns, body: { data: { b: '2' } } },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
  assert.deepEqual(merged.data, { a: '1', b: '2' });
  const patched = await core.patchNamespacedConfigMap({ name, namespace: ns, body: [
    { op: 'test', path: '/data/a', value: '1' },
    { op: 'replace', path: '/data/a', value: '3' },
    { op: 'remove', path: '/data/b' },
  ] }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.JsonPatch));
  assert.deepEqual(patched.data, { a: '3' });
  await assert.rejects(core.patchNamespacedConfigMap({ name, namespace: ns, body: [{ op: 'test', path: '/data/a', value: 'nope' }] },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.JsonPatch)), (e) => status(e) === 422);
});

test('server-side apply: a second manager conflicts, force takes the field', async () => {
  const name = `js-ssa-${suffix}`;
  const body = (v) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data: { owned: v } });
  const apply = (manager, v, force) => core.patchNamespacedConfigMap({ name, namespace: ns, body: body(v), fieldManager: manager, force },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.ServerSideApply));
  const first = await apply('js-one', 'a');
  cleanups.push(() => core.deleteNamespacedConfigMap({ name, namespace: ns }));
  assert.equal(first.data.owned, 'a');
  assert.equal((await apply('js-one', 'a2')).data.owned, 'a2', 'the owner applies again without conflict');
  await assert.rejects(apply('js-two', 'b'), (e) => status(e) === 409, 'a second manager conflicts');
  const forced = await apply('js-two', 'b', true);
  assert.equal(forced.data.owned, 'b');
  assert.ok(forced.metadata.managedFields.some((f) => f.manager === 'js-two' && f.operation === 'Apply'));
});

test('informer: a container made with docker appears through Docker events', { skip: !process.env.DOCKER_HOST && 'DOCKER_HOST is not set' }, async () => {
  const image = process.env.RDD_TEST_IMAGE || 'rdd-test/busybox:latest';
  const path = `/apis/containers.rancherdesktop.io/v1alpha1/namespaces/${ns}/containers`;
  const list = () => custom.listNamespacedCustomObject({ group: 'containers.rancherdesktop.io', version: 'v1alpha1', namespace: ns, plural: 'containers' });
  const informer = k8s.makeInformer(kc, path, list);
  const dockerName = `js-informer-${suffix}`;
  const added = waiter(20_000, `an informer ADD for ${dockerName}`);
  informer.on('add', (obj) => { if (obj.status?.name === dockerName || obj.status?.names?.includes?.(dockerName)) added.resolve(obj); });
  informer.on('update', (obj) => { if (obj.status?.name === dockerName) added.resolve(obj); });
  informer.on('error', (err) => added.reject(err));
  await informer.start();
  try {
    const id = execFileSync('docker', ['create', '--network', 'none', '--name', dockerName, image, 'true'], { encoding: 'utf8' }).trim();
    cleanups.push(() => execFileSync('docker', ['rm', '-f', dockerName]));
    const obj = await added.promise;
    assert.equal(obj.metadata.name, id, 'the mirror is named by the container ID');
  } finally {
    await informer.stop();
  }
});
