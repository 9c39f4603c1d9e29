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
