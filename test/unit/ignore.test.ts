import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IgnoreList, contextOf } from '../../server/src/core/ignore';
import { fixText } from '../../server/src/core/fixall';
import { findings, glossary, lexicon } from './helpers';

// Our own text: a paragraph hard-wrapped by OCR; the space in “自 己” is six characters after a line break
const TEXT = '各地区各部门要把思想和行动统一到党中央的决策部署上来，切实增强做好\n工作，要求自 己严格要求，也要求他 人严格，以钉钉子精神切实抓好各项\n任务的落实，确保取得实效。\n';
const FILE = 'doc.txt';

/** the list with an ignore of the cjk-space finding at the first space of `text`'s “自 己”, as the editor stores it */
function ignoring(text: string): IgnoreList {
  const at = text.indexOf('自 己') + 1;
  return new IgnoreList([{ file: FILE, rule: 'cjk-space', context: contextOf(text, { start: at, end: at + 1 }) }]);
}

/** the flagged pieces of the cjk-space findings the list leaves in `text`, each with a character on each side */
function reported(list: IgnoreList, text: string): string[] {
  return list.filter(FILE, text, findings(text, 'cjk-space')).map((f) => text.slice(f.start - 1, f.end + 1));
}

describe('ignored findings (.tifa/ignore.json)', () => {
  const list = ignoring(TEXT);

  test('the ignored finding is left out, the other reported', () => {
    assert.deepEqual(reported(list, TEXT), ['他 人']);
  });

  test('an edit within the context before it (the hard wrap before it joined) does not bring it back', () => {
    const joined = TEXT.replace('做好\n工作', '做好工作');
    assert.deepEqual(reported(list, joined), ['他 人']);
    const retyped = TEXT.replace('工作，要求', '工作；要求');
    assert.deepEqual(reported(list, retyped), ['他 人']);
  });

  test('an edit within the context after it does not bring it back either', () => {
    assert.deepEqual(reported(list, TEXT.replace('己严格要求', '己严格地要求')), ['他 人']);
  });

  test('edits on both sides, or the same text elsewhere, are not the ignored finding', () => {
    assert.deepEqual(reported(list, TEXT.replace('做好\n工作', '做好工作').replace('己严格要求', '己严格地要求')), ['自 己', '他 人']);
    const twice = TEXT.replace('确保取得实效。', '确保取得实效，要求自 己严格落实。');
    assert.deepEqual(reported(list, twice), ['他 人', '自 己']);
  });

  test('fix-all joins the hard wraps and fixes the other space, and the ignored finding stays ignored in the result', () => {
    const { text } = fixText(TEXT, { glossary: glossary(), lexicon: lexicon() }, {}, undefined, undefined, { list, file: FILE });
    assert.ok(text.includes('做好工作，要求自 己严格要求，也要求他人严格'), text);
    assert.deepEqual(reported(list, text), []);
  });
});
