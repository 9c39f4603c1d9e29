import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TifaService } from '../../server/src/service';
import type { Segmenter, SegmenterState } from '../../server/src/segment/segmenter';

/** A segmenter that is ready but answers only when told to (the worker thread busy, or slow). */
class HeldSegmenter implements Segmenter {
  state: SegmenterState = 'ready';
  asked = 0;
  private held: (() => void)[] = [];
  start(): Promise<void> {
    return Promise.resolve();
  }
  cut(texts: string[]): Promise<string[][]> {
    this.asked++;
    // every window cut into single characters: no short slogan is a whole word
    return new Promise((resolve) => this.held.push(() => resolve(texts.map((t) => [...t]))));
  }
  release(): void {
    for (const r of this.held.splice(0)) r();
  }
  addWords(): void {}
  onReady(): void {}
}

const tick = () => new Promise((r) => setTimeout(r, 20));

test('diagnostics do not wait for word segmentation; hovers get the slogans it confirms', async () => {
  const segmenter = new HeldSegmenter();
  const service = new TifaService(segmenter);
  // a spurious space between Han characters (a finding), a short slogan that needs segmentation (双碳),
  // and a long one that does not (四个意识)
  const text = '会议 指出，要推进双碳工作。\n\n各级干部要增强四个意识。\n';
  let settled = false;
  const analysis = service.analysis('file:///a.txt', 1, () => text).then((a) => ((settled = true), a));
  const findings = await Promise.race([service.findings('file:///a.txt', 1, () => text), tick().then(() => undefined)]);
  assert.ok(findings, 'the findings are there while segmentation has not answered');
  assert.ok(findings.findings.some((f) => f.ruleId === 'cjk-space'), 'with the spurious space');
  assert.equal(segmenter.asked, 1, 'the short slogan went to segmentation');
  await tick();
  assert.equal(settled, false, 'the analysis with slogans waits for segmentation');
  segmenter.release();
  const a = await analysis;
  assert.deepEqual(a.findings, findings.findings, 'the same findings either way');
  assert.deepEqual(
    a.slogans.map((m) => m.form.entry.term),
    ['四个意识'],
    'the short slogan, not a whole word here, is left out; the long one stays',
  );
  // asked again for the same version: one analysis, shared
  assert.equal(await service.analysis('file:///a.txt', 1, () => text), a);
  assert.equal(segmenter.asked, 1);
});

test('after a change of settings, document-wide findings stay until the next full run: without the rules turned off, at the severities now set', async () => {
  const segmenter = new HeldSegmenter();
  const service = new TifaService(segmenter);
  const uri = 'file:///b.txt';
  // a traditional pair in a simplified text (traditional-char is a document-wide rule), and a spurious space (cjk-space)
  const text = '我们要推动經濟发展，不断满足人民群众的需要。\n\n会议 指出，要抓好落实。\n';
  const ids = (a: { findings: { ruleId: string }[] }) => a.findings.map((f) => f.ruleId).sort();
  const full = await service.refresh(uri, 1, () => text);
  assert.ok(full);
  assert.deepEqual(ids(full), ['cjk-space', 'traditional-char']);
  assert.equal(service.staleness(uri, 1), 'none');

  // a settings change (here: one that changes nothing) → the next fast analysis still has traditional-char, due again at once
  service.updateSettings({ ...service.settings, rules: {} });
  const carried = await service.findings(uri, 1, () => text);
  assert.deepEqual(ids(carried), ['cjk-space', 'traditional-char'], 'the document-wide finding does not vanish');
  assert.equal(service.staleness(uri, 1), 'outdated', 'the full run is due at once');

  // a severity changed: the carried finding has it at once
  service.updateSettings({ ...service.settings, rules: { 'traditional-char': 'error' } });
  const severe = await service.findings(uri, 1, () => text);
  assert.equal(severe.findings.find((f) => f.ruleId === 'traditional-char')?.severity, 'error');

  // turned off: gone at once, before any full run
  service.updateSettings({ ...service.settings, rules: { 'traditional-char': 'off' } });
  assert.deepEqual(ids(await service.findings(uri, 1, () => text)), ['cjk-space']);
  const again = await service.refresh(uri, 1, () => text);
  assert.deepEqual(again && ids(again), ['cjk-space']);
  assert.equal(service.staleness(uri, 1), 'none');
});
