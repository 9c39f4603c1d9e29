// Entry point of the extension-host test suite (what @vscode/test-electron calls `extensionTestsPath`).
// Runs inside VS Code's extension host (desktop VS Code, or code-server through test/e2e/shim), so it is
// plain CommonJS. Every line of output is prefixed with `[e2e] ` so that the code-server shim can tell
// it apart from the workbench's own log, and the run ends with a machine-readable line
// `[e2e] TIFA-E2E-RESULT {"passed":N,"failed":N,"tests":[...]}` that test/e2e/run-all.mjs counts.
// Env: TIFA_E2E_GREP (mocha grep), TIFA_E2E_NEGATIVE=1 (negative control: one expectation is wrong).
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');

function loadMocha() {
  try { return require('mocha'); } catch (e) {
    if (!process.env.TIFA_E2E_NODE_MODULES) throw e;
    return require(path.join(process.env.TIFA_E2E_NODE_MODULES, 'node_modules', 'mocha'));
  }
}

function out(...args) {
  const text = util.format(...args);
  for (const line of text.split('\n')) console.log('[e2e] ' + line);
}

module.exports.run = function run() {
  const M = loadMocha();
  const Mocha = M.default || M;
  Mocha.reporters.Base.consoleLog = out;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  if (process.env.TIFA_E2E_GREP) mocha.grep(process.env.TIFA_E2E_GREP);
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    const tests = [];
    let runner;
    try {
      runner = mocha.run((failures) => {
        const passed = tests.filter((t) => t.state === 'passed').length;
        const failed = tests.filter((t) => t.state === 'failed').length;
        out('TIFA-E2E-RESULT ' + JSON.stringify({ passed, failed, tests }));
        if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
        else resolve();
      });
    } catch (e) { reject(e); return; }
    runner.on('test end', (t) => tests.push({ title: t.fullTitle(), state: t.state || 'pending' }));
    runner.on('fail', (t, err) => {
      // hook failures are not `test end`s: count them too
      if (t.type === 'hook') tests.push({ title: t.fullTitle(), state: 'failed', error: String(err && err.message) });
    });
  });
};
