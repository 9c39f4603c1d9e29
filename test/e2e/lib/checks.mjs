// A tiny check runner shared by the browser and Neovim layers: named checks, ✓/✗ lines, and a
// machine-readable closing line `TIFA-E2E-RESULT {...}` that run-all.mjs counts.
export function checkRunner(layer) {
  const tests = [];
  return {
    tests,
    async check(title, fn) {
      const t0 = Date.now();
      try {
        await fn();
        tests.push({ title: `${layer}: ${title}`, state: 'passed' });
        console.log(`  ✓ ${title} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
        return true;
      } catch (e) {
        tests.push({ title: `${layer}: ${title}`, state: 'failed', error: String(e && e.message) });
        console.log(`  ✗ ${title}\n      ${String(e && e.stack || e).split('\n').slice(0, 4).join('\n      ')}`);
        return false;
      }
    },
    finish() {
      const passed = tests.filter((t) => t.state === 'passed').length;
      const failed = tests.length - passed;
      console.log(`TIFA-E2E-RESULT ${JSON.stringify({ passed, failed, tests })}`);
      console.log(`${layer}: ${passed} passed, ${failed} failed`);
      return failed === 0 ? 0 : 1;
    },
  };
}

export function assert(cond, message) {
  if (!cond) throw new Error(message || 'assertion failed');
}
